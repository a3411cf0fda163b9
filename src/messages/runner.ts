// What the batch runner (review/runBatches.ts) says about a role's requests, whichever provider serves it.
import type { Role } from '../vocabulary.js';
import { capitalise, ROLE_LABEL } from './roles.js';

/** Where text for a role is bound, in the sentence about secrets caught at the last moment. */
const BOUND: Record<Role, string> = {
  local: 'text bound for the local model',
  escalation: 'Claude-bound text',
};

export const runnerMessages = {
  cancelled: (role: Role) => `cancelled before the ${ROLE_LABEL[role]} answered`,
  unparseable: (role: Role, detail: string) =>
    `${capitalise(ROLE_LABEL[role])} output could not be parsed (${detail}), even after a stricter retry`,
  failed: (role: Role, detail: string) => `${ROLE_LABEL[role]} review failed: ${detail}`,
  failedNote: (role: Role, sentence: string, hunks: number) =>
    `${capitalise(ROLE_LABEL[role])} failed for ${hunks} hunk(s): ${sentence}.`,
  truncatedSplit: (role: Role, hunks: number) =>
    `${capitalise(ROLE_LABEL[role])}'s answer was cut off; the ${hunks} hunks were split and re-sent`,
  failureSplit: (sentence: string, hunks: number) => `${sentence}; the ${hunks} hunks were split and re-sent`,
  neverSend: () => 'matches never_send: not sent to Claude',
  redactedLate: (role: Role, count: number) =>
    `${count} secret(s) were still in ${BOUND[role]} and were replaced by placeholders before sending.`,
};
