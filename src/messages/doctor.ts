// One line per `review doctor` check, each with its fix.
import { plural } from './plural.js';

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
