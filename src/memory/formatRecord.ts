// One record as one line of the memory file. No zod here: the CLI and the pull-request summary write lines
// without loading the validator.
import type { MemoryRecord } from './record.js';

/** Fixed key order, undefined keys left out, so appended lines diff cleanly. */
export function formatRecord(record: MemoryRecord): string {
  const ordered =
    record.kind === 'dismiss'
      ? {
          kind: record.kind,
          fingerprint: record.fingerprint,
          file: record.file,
          glob: record.glob,
          category: record.category,
          message: record.message,
          quote: record.quote,
          reason: record.reason,
          who: record.who,
          when: record.when,
        }
      : {
          kind: record.kind,
          file: record.file,
          glob: record.glob,
          message: record.message,
          who: record.who,
          when: record.when,
        };
  return JSON.stringify(ordered);
}
