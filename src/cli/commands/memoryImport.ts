// Placeholder replaced below in this branch.
import { UsageError } from '../../errors.js';
import type { CliIo } from '../io.js';

export async function importCommand(
  _io: CliIo,
  _options: { pr: string | undefined; dryRun: boolean; configPath: string | undefined },
): Promise<number> {
  throw new UsageError('review memory import is not available yet');
}
