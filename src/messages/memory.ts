// Every sentence of the team memory: notices in the report, the dismiss / learn / memory commands.
import type { EmbedFailure } from '../review/providers.js';
import type { MatchKind } from '../types.js';
import { plural } from './plural.js';

/** Why the embedding model could not be used, and what to do: the details of an `embeddings-unavailable` notice. */
export function embedFailure(
  failure: EmbedFailure | { kind: 'timeBudget' },
  model: string,
  url: string,
): { reason: string; fix: string } {
  switch (failure.kind) {
    case 'unreachable':
      return { reason: `Ollama is not reachable at ${url}`, fix: 'start it with `ollama serve`' };
    case 'timeout':
      return {
        reason: `no answer within ${Math.round(failure.timeoutMs / 1000)} s`,
        fix: 'raise memory.timeout_seconds (the first call loads the model)',
      };
    case 'modelMissing':
      return {
        reason: `${model} is not pulled`,
        fix: `run \`review doctor --pull\` (or \`ollama pull ${model}\`)`,
      };
    case 'cancelled':
      return { reason: 'cancelled', fix: 'run the review again' };
    case 'timeBudget':
      return {
        reason: "the hook's time budget (hook.time_budget_seconds) ran out first",
        fix: 'raise hook.time_budget_seconds',
      };
    case 'http':
      return { reason: `HTTP ${failure.status}: ${failure.detail}`, fix: 'check the Ollama server log' };
    default:
      return { reason: failure.detail, fix: 'check the Ollama server log' };
  }
}

export const memoryMessages = {
  embeddingsUnavailable: (model: string, reason: string, fix: string) =>
    `memory: embedding model ${model} unavailable (${reason}); dismissed findings were matched by fingerprint and exact text only, notes by path — ${fix}, or set memory.embeddings: false.`,
  badHost: (raw: string, from: string) => ({
    reason: `${from} "${raw}" is not a usable Ollama address`,
    fix: 'set memory.host (or local.host / OLLAMA_HOST) to host:port or an http(s) URL',
  }),
  invalidLine: (file: string, line: number, detail: string) =>
    line === 0
      ? `memory: ${file} ${detail}; ignored.`
      : `memory: ${file}:${line}: ${detail}; line ignored until fixed.`,
  invalidMore: (file: string, more: number) =>
    `memory: ${file}: ${plural(more, 'more unreadable line')} (review memory list shows all).`,
  notesUsed: (notes: number, hunks: number) =>
    `${plural(notes, 'team note')} from memory used in the prompts of ${plural(hunks, 'hunk')}`,
  suppressedCount: (n: number) => `${plural(n, 'finding')} suppressed by the team memory`,
  suppressedHint: () => '--show-suppressed lists them',
  suppressedShort: (n: number) => `${n} suppressed`,
  matchLabel: (match: MatchKind, similarity: number | null) =>
    match === 'embedding'
      ? `similar (${similarity?.toFixed(2)})`
      : match === 'text'
        ? 'same text'
        : 'same fingerprint',
  dismissedBy: (who: string, reason: string | undefined) =>
    `dismissed by ${who}${reason ? `: ${reason}` : ''}`,

  // pull-request summary
  moreInReport: (n: number) => `…and ${n} more (the JSON report lists every one)`,
  prDismissedIntro: (n: number, file: string, pr: number | undefined) =>
    `${plural(n, 'finding was', 'findings were')} dismissed in this pull request's conversation and stay${n === 1 ? 's' : ''} dismissed here. To keep ${n === 1 ? 'it' : 'them'} dismissed in every later review, add these lines to \`${file}\`${pr ? ` (or run \`review memory import --pr ${pr}\`)` : ''}:`,
  moreLines: (n: number, pr: number | undefined) =>
    `…and ${plural(n, 'more line')}${pr ? `: \`review memory import --pr ${pr}\` writes them all` : ''}.`,

  // review doctor
  embedOk: (model: string) => `embedding model ${model} present (team memory matches findings by meaning)`,
  embedMissing: (model: string) =>
    `embedding model ${model} not pulled — optional: without it the team memory matches by fingerprint and exact text only; run review doctor --pull (or ollama pull ${model})`,
  embedUnreachable: (model: string, where: string) =>
    `embedding model ${model}: Ollama not reachable at ${where} — optional: the team memory matches by fingerprint and exact text only meanwhile`,
  embedDisabled: () => 'team memory matches by fingerprint and text only (memory.embeddings: false)',

  // review dismiss / learn / memory
  noLastRun: () => 'no review run is recorded in this working tree yet: run `review` (or commit) first.',
  lastRunHeader: (when: string, source: string, n: number) =>
    `Findings of the last run (${source}, ${when}): ${plural(n, 'finding')}. Dismiss one with: review dismiss <fingerprint> [--reason TEXT] [--path GLOB]`,
  lastRunEmpty: (when: string, source: string) => `The last run (${source}, ${when}) had no findings.`,
  lastRunSuppressed: (n: number) => `(${plural(n, 'more finding')} already suppressed by the memory)`,
  unknownFingerprint: (fp: string) =>
    `no finding with fingerprint ${fp} in the last run; \`review dismiss --last\` lists them (a dismissal made on GitHub: \`review memory import --pr N\`).`,
  ambiguousFingerprint: (fp: string, matches: readonly string[]) =>
    `fingerprint ${fp} is ambiguous (${matches.join(', ')}); give more characters.`,
  alreadyDismissed: (fp: string, file: string) => `${fp} is already dismissed in ${file}; nothing written.`,
  dismissed: (fp: string, file: string, scope: string) =>
    `dismissed ${fp} (${scope}) in ${file}; commit it to share it with the team.`,
  secretNoQuote: () =>
    'a secret finding is recorded by fingerprint only: its code is not written to the memory file.',
  noteEmpty: () => 'give the note text: review learn "TEXT" [--path GLOB]',
  noteTooLong: (chars: number, max: number) => `the note has ${chars} characters; keep it under ${max}.`,
  noteRecorded: (file: string, scope: string) =>
    `note recorded for ${scope} in ${file}; commit it to share it with the team.`,
  everyPath: () => 'every path',
  badGlob: (glob: string) => `--path "${glob}" is not a usable glob`,
  unknownIdentity: () => 'unknown (set git config user.name)',
  listHeader: (file: string, dismissals: number, notes: number) =>
    `${file}: ${plural(dismissals, 'dismissal')}, ${plural(notes, 'note')}`,
  listEmpty: (file: string) => `${file} has no records yet (review dismiss, review learn).`,
  listIssues: (n: number) => `${plural(n, 'line')} could not be read (fix or delete them):`,
  memoryUsage: () => 'usage: review memory list | review memory import --pr N [--dry-run]',
  importNeedsPr: () => 'give the pull request: review memory import --pr N',
  importBadPr: (value: string) => `--pr needs a pull request number, not "${value}"`,
  importNoRepo: () =>
    'cannot tell which GitHub repository this is: set GITHUB_REPOSITORY=owner/name (or add a github.com remote named origin).',
  importNoToken: () => 'GITHUB_TOKEN is not set: a token that can read the pull request is needed.',
  importNone: (pr: number) =>
    `pull request #${pr} has no dismissals by the repository's owners, members or collaborators.`,
  importDone: (n: number, skipped: number, file: string) =>
    `${plural(n, 'dismissal')} added to ${file}${skipped ? ` (${skipped} already there)` : ''}; commit it to share it with the team.`,
  importDry: (n: number, file: string) => `${plural(n, 'line')} would be added to ${file}:`,
};
