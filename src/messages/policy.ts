// What the exit policy says: why a run blocks (or fails the job), or that it is advisory.
import type { RunMode, Severity } from '../vocabulary.js';
import { plural } from './plural.js';

const blockedVerb = (mode: RunMode) =>
  mode === 'hook' ? 'commit blocked' : mode === 'ci' ? 'failing the job' : 'exit 1';

const skipHint = (mode: RunMode) =>
  mode === 'hook' ? ' (to commit anyway: git commit --no-verify, or REVIEW_SKIP=1 git commit)' : '';

export const policyMessages = {
  secrets: (mode: RunMode, count: number) =>
    `${blockedVerb(mode)}: ${plural(count, 'secret')} found; remove ${count === 1 ? 'it' : 'them'} from the change (fail_on.secrets)${skipHint(mode)}.`,
  conflicts: (mode: RunMode, count: number) =>
    `${blockedVerb(mode)}: merge-conflict markers committed in ${plural(count, 'place')}; resolve the conflict first (fail_on.conflicts)${skipHint(mode)}.`,
  severity: (mode: RunMode, count: number, level: Severity, key: string) =>
    `${blockedVerb(mode)}: ${plural(count, 'finding')} at or above ${level} (${key}: ${level})${skipHint(mode)}.`,
  unreachable: (mode: RunMode, count: number) =>
    `${mode === 'ci' ? 'failing the job' : mode === 'hook' ? 'commit blocked' : 'exit 5'}: ${plural(count, 'hunk')} could not be reviewed because a model was unavailable (fail_on.unreachable)${skipHint(mode)}.`,
  advisory: (mode: RunMode, count: number, key: string) =>
    `advisory: ${plural(count, 'finding')}, ${mode === 'hook' ? 'commit not blocked' : 'not failing'} (set ${key} to block).`,
};
