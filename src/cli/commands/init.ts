import { UsageError } from '../../errors.js';
import type { CliIo } from '../io.js';

// Placeholder while the command is being built.
export async function initCommand(_args: string[], _io: CliIo): Promise<number> {
  throw new UsageError('review init: not built yet');
}
