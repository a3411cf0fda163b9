// Why a hunk got its route: one short sentence per reason, shown in the plan and reports.

const fmt = (n: number) => n.toFixed(2);
/** A score below the threshold, never rounded up to it ("0.50 < 0.50" for 0.4999). */
const fmtBelow = (n: number) => (Math.floor(n * 100 + 1e-9) / 100).toFixed(2);

export const routeMessages = {
  skipGlob: (glob: string) => `matches routing.skip \`${glob}\`: not sent to any model`,
  alwaysClaude: (glob: string) => `matches routing.always_claude \`${glob}\``,
  alwaysLocal: (glob: string) => `matches routing.always_local \`${glob}\``,
  securityPath: (glob: string) => `matches routing.security_paths \`${glob}\``,
  hunkSize: (lines: number, max: number) =>
    `${lines} changed lines in the hunk (> local_max_hunk_lines ${max})`,
  fileSize: (lines: number, max: number) =>
    `${lines} changed lines in the file (> local_max_file_lines ${max})`,
  crossCutting: (files: number, max: number, line: string) =>
    `changes a public signature in a change spanning ${files} files (> multi_file_threshold ${max}): \`${line}\``,
  security: (score: number, threshold: number, why: string[]) =>
    `security score ${fmt(score)} ≥ ${fmt(threshold)}: ${why.join('; ')}`,
  secret: (count: number) =>
    `holds ${count === 1 ? 'a secret' : `${count} secrets`} found by the rules: redacted before any model sees it`,
  small: (lines: number, max: number) => `${lines} changed lines (≤ ${max}): a local job`,
  deletedFile: (lines: number) => `${lines} deleted lines of a removed file: removal alone does not escalate`,
  deletionDigest: (lines: number, bytes: number, shown: number, references: readonly string[]) =>
    [
      `deleted file: ${lines} lines (${bytes} bytes) removed whole; only ${shown} of them are shown (its first lines, declarations and security-relevant lines)`,
      references.length > 0
        ? `named elsewhere in this change: ${references.join('; ')}`
        : 'not named elsewhere in this change',
    ].join('; '),
  deletionReference: (path: string, line: number, kind: 'add' | 'del' | 'ctx', text: string) =>
    `${path}:${line} (${kind === 'add' ? 'added' : kind === 'del' ? 'removed' : 'unchanged'}) ${text}`,
  deletedDigest: (lines: number) =>
    `${lines} deleted lines of a removed file: removal alone does not escalate; sent as a digest (size, references, key lines)`,
  dataTable: (lines: number) =>
    `${lines} changed lines of data entries (a table): size alone does not escalate data`,
  prose: (lines: number) => `${lines} changed lines of prose: size alone does not escalate documentation`,
  words: (words: readonly { word: string; place: 'added' | 'removed' | 'around' | 'path' }[]) =>
    `words that weigh towards a security review: ${words.map((w) => `\`${w.word}\` (${w.place === 'around' ? 'in the code around it' : w.place === 'path' ? 'in its path' : w.place})`).join(', ')}`,
  belowThreshold: (score: number, threshold: number, top: string) =>
    `security score ${fmtBelow(score)} < ${fmt(threshold)} (${top})`,
  copy: (path: string, covered: number, lines: number) =>
    `repeats a change reviewed in ${path} (${covered} of its ${lines} changed lines): a built or vendored copy`,
  minified: () => 'minified or bundled code (lines of 1000+ characters): not reviewable line by line',
  reformatted: () => 'only re-formats code (same tokens): nothing for a model to review',
  triageYes: (reason: string) =>
    `the local model's triage says it needs a security review: ${reason || 'no reason given'}`,
  triageNo: (reason: string) =>
    `the local model's triage says no security review is needed: ${reason || 'no reason given'}`,
  triageCandidate: () =>
    'just below the threshold: routing.triage would ask the local model (a dry run asks nothing)',
  triageLocalDisabled: (by: string) => `the local model is disabled (${by})`,
  triageStopped: () => 'the run was stopped first',
  triageTimeBudget: () => "the hook's time budget (hook.time_budget_seconds) ran out first",
  triageUnusable: () => 'the answer was not the JSON asked for',
  triageNeverSend: () => 'matches never_send and the local role is served by a cloud provider',
  triageFailed: (detail: string) => `triage gave no usable answer (${detail}): the router's route stands`,
  securityOff: () => 'routing.security is off: security signals not used',
};
