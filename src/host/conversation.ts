// The dismissals in force on a pull request: those earlier runs kept in the summary state, and new ones from
// its conversation. Shared by `review pr` (which suppresses them) and `review memory import` (which writes them).
import type { DismissRecord } from '../memory/record.js';
import { dismissalRecords, knownFromComment } from './dismissals.js';
import type { RemoteRead } from './earlier.js';

/** Earlier runs' dismissals (in the summary state) and new ones from the conversation, one record per finding. */
export function conversationDismissals(remote: RemoteRead | null): DismissRecord[] {
  if (!remote) return [];
  const state = remote.summary?.state;
  return dismissalRecords(state?.dismissed ?? [], remote.dismissals, (fp) => {
    const tracked = state?.findings.find((f) => f.fingerprint === fp);
    if (tracked) return { file: tracked.file, category: tracked.category, message: tracked.message };
    const comment = remote.comments.find((c) => c.fingerprint === fp);
    return comment ? knownFromComment(comment) : undefined;
  });
}
