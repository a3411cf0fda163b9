// Every sentence the hook, init, doctor, the terminal report and the exit policy show the user.
import type { Severity } from '../types.js';

const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

export type PolicyMode = 'hook' | 'cli' | 'ci';

const blockedVerb = (mode: PolicyMode) =>
  mode === 'hook' ? 'commit blocked' : mode === 'ci' ? 'failing the job' : 'exit 1';

const skipHint = (mode: PolicyMode) =>
  mode === 'hook' ? ' (to commit anyway: git commit --no-verify, or REVIEW_SKIP=1 git commit)' : '';

export const policyMessages = {
  secrets: (mode: PolicyMode, count: number) =>
    `${blockedVerb(mode)}: ${plural(count, 'secret')} found; remove ${count === 1 ? 'it' : 'them'} from the change (fail_on.secrets)${skipHint(mode)}.`,
  severity: (mode: PolicyMode, count: number, level: Severity, key: string) =>
    `${blockedVerb(mode)}: ${plural(count, 'finding')} at or above ${level} (${key}: ${level})${skipHint(mode)}.`,
  unreachable: (mode: PolicyMode, count: number) =>
    `${mode === 'ci' ? 'failing the job' : mode === 'hook' ? 'commit blocked' : 'exit 5'}: ${plural(count, 'hunk')} could not be reviewed because a model was unavailable (fail_on.unreachable)${skipHint(mode)}.`,
  advisory: (mode: PolicyMode, count: number, key: string) =>
    `advisory: ${plural(count, 'finding')}, ${mode === 'hook' ? 'commit not blocked' : 'not failing'} (set ${key} to block).`,
};

export const hookMessages = {
  skipped: () => 'hunkwise: REVIEW_SKIP=1, review skipped.',
  nodeMissing: () =>
    'hunkwise: node not found (GUI git clients start hooks with a short PATH); add `export PATH="<node dir>:$PATH"` to ~/.config/husky/init.sh or set HUNKWISE_NODE; review skipped.',
  selfNotBuilt: () => 'hunkwise: dist/ is not built in this checkout (npm run build); review skipped.',
  reviewMissing: () =>
    'hunkwise: the review command is not installed here (npm install -D hunkwise); review skipped.',
  crashed: (code: string) =>
    `hunkwise: the review could not run (exit ${code}); commit not blocked (REVIEW_REQUIRED=1 blocks instead). Run: npx hunkwise doctor`,
  interrupted: () => 'review: interrupted',
};

export const initMessages = {
  notARepository: (cwd: string) =>
    `${cwd} is not inside a git repository; run review init from your project.`,
  bareRepository: () => 'this is a bare repository; run review init in a working tree.',
  hooksPathSet: (path: string) => `core.hooksPath set to ${path} (husky 9 layout)`,
  hooksPathKept: (path: string) => `core.hooksPath already ${path}`,
  hooksPathConflict: (current: string) =>
    `core.hooksPath is ${current}, not .husky/_; another hook manager owns the hooks. Add \`npx --no-install hunkwise --staged --hook\` to ${current}/pre-commit yourself, or rerun with --force to switch to husky.`,
  shimWritten: () => '.husky/_ written (husky shim; git-ignored, recreated by "prepare")',
  shimKept: () => '.husky/_ up to date',
  hookCreated: () => '.husky/pre-commit created with the hunkwise block',
  hookAdded: () => '.husky/pre-commit: hunkwise block appended (your other lines untouched)',
  hookUpdated: () => '.husky/pre-commit: hunkwise block updated (your other lines untouched)',
  hookKept: () => '.husky/pre-commit already has the current hunkwise block',
  hookAfterExit: () =>
    '.husky/pre-commit has an `exit` line before the hunkwise block, so the review may never run; move the block above it.',
  legacyGitHook: () =>
    '.git/hooks/pre-commit exists and stops running once core.hooksPath is set; move its lines into .husky/pre-commit.',
  prepareAdded: (script: string) => `package.json: "prepare": "${script}" added (fresh clones get the hook)`,
  prepareExtended: (script: string) => `package.json: "prepare" now runs \`${script}\` too`,
  prepareKept: () => 'package.json: "prepare" already installs the hook',
  prepareAdvice: () =>
    'package.json: husky is not a dependency, so "prepare" was left alone; run `npm install -D husky` and add "prepare": "husky" so fresh clones get the hook.',
  noPackageJson: () => 'no package.json: run review init again after each fresh clone to recreate .husky/_',
  configWritten: (path: string) => `${path} written with commented defaults`,
  configKept: (path: string) => `${path} already exists (left as is)`,
  configTemplateMissing: () =>
    'the config.yml template was not found in the hunkwise package; wrote a minimal one.',
  nothingChanged: () => 'Nothing to change: this repository is already set up.',
  done: () =>
    'Done. The next `git commit` reviews what is staged (skip once with REVIEW_SKIP=1 or --no-verify); `npx hunkwise doctor` checks Ollama and the model.',
  badPackageJson: (message: string) => `package.json could not be parsed (${message}); left it alone.`,
};

export const doctorMessages = {
  gitOk: (version: string, root: string) => `git ${version}, repository ${root}`,
  gitMissing: () => 'git not found on PATH — install git 2.24 or newer',
  gitOld: (version: string) => `git ${version} is older than 2.24 — upgrade git`,
  notInRepo: (cwd: string) => `${cwd} is not inside a git repository — run review from your project`,
  configOk: (path: string | null) =>
    path ? `config ${path} is valid` : 'no config file, using the defaults — review init writes one',
  configBad: (detail: string) => `config invalid: ${detail}`,
  localDisabled: () => 'local model disabled (local.enabled: false)',
  ollamaOk: (version: string, url: string) => `Ollama reachable: version ${version} at ${url}`,
  ollamaDown: (reason: string, fix: string) => `${reason} — ${fix}`,
  modelOk: (model: string) => `model ${model} present`,
  modelMissing: (model: string) =>
    `model ${model} not pulled — run review doctor --pull (or ollama pull ${model})`,
  modelPulled: (model: string) => `model ${model} pulled`,
  modelPullFailed: (model: string, why: string) =>
    `pulling ${model} failed: ${why} — try ollama pull ${model}`,
  claudeDisabled: () => 'Claude disabled (claude.enabled: false)',
  claudeNoKey: () =>
    'ANTHROPIC_API_KEY not set — optional: without it escalated hunks are left for CI review or reviewed locally',
  claudeOk: (detail: string) => `Claude key accepted: ${detail}`,
  claudeBad: (reason: string, fix: string) => `${reason} — ${fix}`,
  githubOk: (detail: string) => `GitHub Actions environment: ${detail}`,
  githubBad: (detail: string) => `GitHub Actions environment: ${detail}`,
  githubEvent: (event: string, repo: string, eventPath: string, apiUrl: string) =>
    `${event || 'unknown event'} in ${repo}, event file ${eventPath}, API ${apiUrl}`,
  githubTokenSet: () => 'GITHUB_TOKEN set',
  githubNoToken: () =>
    // biome-ignore lint/suspicious/noTemplateCurlyInString: GitHub Actions expression syntax, shown verbatim
    'GITHUB_TOKEN is empty — add `env: GITHUB_TOKEN: ${{ secrets.GITHUB_TOKEN }}` to the step (fork PRs get a read-only token)',
  hookOk: () => 'pre-commit hook installed (.husky/pre-commit, core.hooksPath .husky/_)',
  hooksPathWrong: (current: string) => (current ? `core.hooksPath is ${current}` : 'core.hooksPath not set'),
  shimMissing: () => '.husky/_ missing (run npm install, or review init)',
  blockMissing: () => '.husky/pre-commit has no hunkwise block',
  hookMissing: (what: string) => `pre-commit hook not installed (${what}) — run review init`,
  unavailable: (what: string) => `${what}: check not available in this build`,
  summaryOk: () => 'Everything needed is in place.',
  summaryBad: (n: number) => `${plural(n, 'problem')} to fix (✗ above).`,
  pullProgress: (status: string, percent: number | null) =>
    percent === null ? `pulling: ${status}` : `pulling: ${status} ${percent}%`,
};

export const reportMessages = {
  interruptedHook: (notReviewed: number, total: number) =>
    `review: interrupted; ${notReviewed} of ${plural(total, 'hunk')} not reviewed, nothing committed.`,
  deletedLines: () => '(deleted lines)',
  wholeFile: () => '(whole file)',
  outsideDiff: () => '(outside the diff)',
  suggestion: () => 'suggestion:',
  snapped: (start: number, end: number) =>
    `moved here from line ${start === end ? start : `${start}-${end}`} (the quoted code is here)`,
  rulesOnly: () => 'rules only',
  more: (n: number) => `… and ${n} more (--verbose lists all)`,
  coverageTitle: () => 'Coverage',
  reviewedCount: (reviewed: number, total: number) => `reviewed: ${reviewed} of ${plural(total, 'hunk')}`,
  notReviewedHeading: (n: number) => `not reviewed (${n}) — nothing is known about these:`,
  leftForCiHeading: (n: number) => `left for CI review (${n}):`,
  skippedHunks: (n: number) => `skipped hunks (${n}):`,
  skippedFiles: (n: number) => `skipped files (${n}):`,
  costLine: (p: {
    claudeTokens: string;
    claudeCost: string;
    baselineTokens: string;
    baselineCost: string;
    saving: string;
  }) =>
    `Claude ~${p.claudeTokens} tok ≈ ${p.claudeCost} · all-Claude baseline ~${p.baselineTokens} tok ≈ ${p.baselineCost} · saved ${p.saving}`,
  costLineNoModel: (p: { baselineTokens: string; baselineCost: string }) =>
    `all-Claude baseline ~${p.baselineTokens} tok ≈ ${p.baselineCost} · no hunk went to a model, so no saving is claimed`,
  requests: (n: number) => plural(n, 'req', 'req'),
  cached: (n: number) => `${n} cached`,
  findings: (n: number) => plural(n, 'finding'),
  nothingToReview: (source: string, files: number) =>
    files > 0
      ? `Nothing to review (${plural(files, 'file')} in ${source}, no reviewable hunks)`
      : source === 'staged'
        ? 'Nothing staged to review'
        : `Nothing to review in ${source}`,
  nothingReviewed: () => 'No hunk was reviewed by a model (see "not reviewed" above)',
  noFindingsIn: (n: number) => `No findings in ${plural(n, 'reviewed hunk')}`,
  reviewedShort: (reviewed: number, total: number) => `${reviewed}/${total} hunks reviewed`,
  notReviewedShort: (notReviewed: number, leftForCi: number) =>
    [notReviewed > 0 ? `${notReviewed} not reviewed` : '', leftForCi > 0 ? `${leftForCi} left for CI` : '']
      .filter(Boolean)
      .join(', '),
  planTitle: (source: string) => `Plan for ${source} (dry run: no model was called)`,
  planTotals: (p: {
    localTokens: string;
    claudeTokens: string;
    claudeCost: string;
    baselineTokens: string;
    baselineCost: string;
    saving: string;
  }) =>
    `Totals: local ~${p.localTokens} tok · Claude ~${p.claudeTokens} tok ≈ ${p.claudeCost} · all-Claude baseline ~${p.baselineTokens} tok ≈ ${p.baselineCost} · saving ${p.saving}`,
  planLast: (hunks: number, local: number, claude: number, skip: number) =>
    `dry run · ${plural(hunks, 'hunk')}: ${local} local, ${claude} claude, ${skip} skip`,
  ruleFindings: (n: number, counts: string) => `${plural(n, 'finding')} from the rules (${counts})`,
};
