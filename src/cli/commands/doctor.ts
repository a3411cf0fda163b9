import { UsageError } from '../../errors.js';
import type { CliIo } from '../io.js';

// Placeholder while the command is being built.
export async function doctorCommand(_args: string[], _io: CliIo): Promise<number> {
  throw new UsageError('review doctor: not built yet');
}
