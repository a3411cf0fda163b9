// One line per `review doctor` check, each with its fix.
import type { ProviderId, Role } from '../vocabulary.js';
import { clock } from './clock.js';
import { describeUnavailable } from './outcomes.js';
import { plural } from './plural.js';
import { capitalise, OLLAMA_RESTART, ROLE_LABEL, serverLabel } from './roles.js';

interface Server {
  provider: ProviderId;
  endpoint: string | null;
}

const serverName = (s: Server) => capitalise(serverLabel(s.provider, s.endpoint));

export const doctorMessages = {
  gitOk: (version: string, root: string) => `git ${version}, repository ${root}`,
  gitMissing: () => 'git not found on PATH — install git 2.24 or newer',
  gitOld: (version: string) => `git ${version} is older than 2.24 — upgrade git`,
  notInRepo: (cwd: string) => `${cwd} is not inside a git repository — run review from your project`,
  configOk: (path: string | null) =>
    path ? `config ${path} is valid` : 'no config file, using the defaults — review init writes one',
  configBad: (detail: string) => `config invalid: ${detail}`,
  roleDisabled: (role: Role) => describeUnavailable({ code: 'disabled', role }),
  roleDown: (reason: string, fix: string) => `${reason} — ${fix}`,
  optionalRoleMissing: (reason: string) =>
    `${reason} — optional: without it escalated hunks are left for CI review or reviewed locally`,
  modelPulled: (model: string) => `model ${model} pulled`,
  modelPullFailed: (model: string, why: string) =>
    `pulling ${model} failed: ${why} — try ollama pull ${model}`,
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
  stallLifted: (server: Server, role: Role, since: string) =>
    `${serverName(server)} answered a test review request: the hook uses the ${ROLE_LABEL[role]} again (it had stalled at ${clock(since)})`,
  stallPersists: (server: Server, why: string) =>
    `${serverName(server)} passes its health check but does not answer a review request (${why}) — restart it${server.provider === 'ollama' ? ` ${OLLAMA_RESTART}` : ''}; the hook keeps skipping it meanwhile`,
  noAnswerWithin: (seconds: number) => `no answer within ${seconds} s`,
  summaryOk: () => 'Everything needed is in place.',
  summaryBad: (n: number) => `${plural(n, 'problem')} to fix (✗ above).`,
  pullProgress: (status: string, percent: number | null) =>
    percent === null ? `pulling: ${status}` : `pulling: ${status} ${percent}%`,
};
