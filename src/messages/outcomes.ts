// Sentences for the typed reasons, notes and notices of src/reasons.ts: what became of a hunk and why,
// and what the run wants the user to know. The only place these codes turn into words.

import type {
  Notice,
  NotReviewedReason,
  OutcomeNote,
  RepairNotice,
  SkippedReason,
  Unavailable,
} from '../reasons.js';
import type { ProviderId, Role } from '../vocabulary.js';
import { claudeMessages } from './claude.js';
import { clock } from './clock.js';
import { memoryMessages } from './memory.js';
import { capitalise, OLLAMA_RESTART, ROLE_LABEL, serverLabel } from './roles.js';

/** "reviewed locally" / "sent to Claude": where a hunk went instead. */
const insteadTo = (role: Role) => (role === 'local' ? 'reviewed locally' : 'sent to Claude');

export function describeUnavailable(u: Unavailable): string {
  switch (u.code) {
    case 'flag':
      return u.role === 'local' ? 'local model disabled (--no-local)' : 'Claude disabled (--no-claude)';
    case 'hook':
      return 'Claude is not used from the hook (hook.escalate: false)';
    case 'disabled':
      return u.role === 'local'
        ? 'local model disabled (local.enabled: false)'
        : 'Claude disabled (claude.enabled: false)';
    case 'not-configured':
      return u.reason;
    // Said once, with its fix, in the run's notice; each hunk only points at it.
    case 'check-failed':
      return `${ROLE_LABEL[u.role]} unavailable (see the note below)`;
    case 'check-timeout':
      return `${ROLE_LABEL[u.role]} did not answer its check (see the note below)`;
    case 'paused':
      return `${ROLE_LABEL[u.role]} skipped: it stalled in an earlier run (see the note below)`;
  }
}

/** What to do about a server (or `servers` of a pool) that takes requests and never answers. */
function restartHint(provider: ProviderId, servers = 1): string {
  const it = servers > 1 ? 'them' : 'it';
  switch (provider) {
    case 'ollama':
      return `restart ${it} ${OLLAMA_RESTART}`;
    case 'openai':
      return `restart ${it} (${servers > 1 ? 'their logs show' : 'its log shows'} what is stuck)`;
    case 'anthropic':
      return 'check the service and your network';
  }
}

type Stalled = Extract<Notice, { code: 'stalled' }>;
type CheckTimeout = Extract<Unavailable, { code: 'check-timeout' }>;
type Paused = Extract<Unavailable, { code: 'paused' }>;

/** The end of a sentence about a stuck server: what to do, and for how long the hook now skips it. */
function stuckAdvice(provider: ProviderId, role: Role, pauseMinutes: number, servers = 1): string {
  const hint = restartHint(provider, servers);
  if (pauseMinutes === 0) return `${hint}.`;
  return `${hint}, then run \`npx hunkwise doctor\`; until then the hook skips the ${ROLE_LABEL[role]} for ${pauseMinutes} minutes.`;
}

function describeStalled(n: Stalled): string {
  return `${capitalise(serverLabel(n.provider, n.endpoint))} took the review request but gave no answer in ${n.waitedSeconds} s (it passed its health check, so it is stuck or still loading the model) — ${stuckAdvice(n.provider, n.role, n.pauseMinutes)}`;
}

/** One server by its address; a pool by how many servers, with theirs. */
function silentServers(u: CheckTimeout): string {
  const [only] = u.servers;
  if (u.servers.length === 1 && only) return capitalise(serverLabel(u.provider, only));
  return `The ${u.servers.length} local servers (${u.servers.join(', ')})`;
}

function describeCheckTimeout(u: CheckTimeout): string {
  return `${silentServers(u)} accepted the connection but did not answer the availability check within ${u.seconds} s: up, but stuck or overloaded — ${stuckAdvice(u.provider, u.role, u.pauseMinutes, u.servers.length)}`;
}

function describePaused(u: Paused): string {
  return `${capitalise(serverLabel(u.provider, u.endpoint))} stalled at ${clock(u.since)}: the hook skips the ${ROLE_LABEL[u.role]} until ${clock(u.until)} — ${restartHint(u.provider)}, then \`npx hunkwise doctor\` tries it and lifts this at once.`;
}

/** The one line about a role that cannot be used: what happened and what to do. */
function describeUnavailableNotice(u: Unavailable): string {
  if (u.code === 'paused') return describePaused(u);
  if (u.code === 'check-timeout') return describeCheckTimeout(u);
  return 'fix' in u ? `${u.reason} — ${u.fix}` : describeUnavailable(u);
}

/** The `why` of a hunk left for CI, shown under its own heading. */
export const leftForCiWhy = () => 'escalated to Claude; hook.escalate is off';

export function describeReason(reason: NotReviewedReason | SkippedReason): string {
  switch (reason.code) {
    case 'dry-run':
      return 'dry run: no model was called';
    case 'left-for-ci':
      return `left for CI review (${leftForCiWhy()})`;
    case 'interrupted':
      return 'interrupted';
    case 'time-budget':
      return 'time budget reached before this hunk was reviewed';
    case 'unavailable':
      return reason.reviewers.map(describeUnavailable).join('; ') || 'no reviewer available';
    case 'over-budget':
      return claudeMessages.budgetLeft(reason.tokens, reason.left);
    case 'model-failed':
      return reason.detail;
    case 'no-answer':
      return 'the reviewer gave no answer for this hunk';
    case 'routing-skip':
      return reason.detail || 'skipped by routing';
  }
}

/** The sentence for a group of hunks sharing a reason (report/reasonGroups.ts): what they have in common. */
export function describeReasonGroup(reason: NotReviewedReason | SkippedReason): string {
  switch (reason.code) {
    case 'over-budget':
      return 'did not fit what was left of the Claude budget (claude.budget_tokens)';
    case 'routing-skip':
      return 'matched routing.skip: not sent to any model';
    default:
      return describeReason(reason);
  }
}

/** What one hunk of a group adds to the group's sentence, if anything (shown with --verbose). */
export function describeReasonDetail(reason: NotReviewedReason | SkippedReason): string | null {
  if (reason.code === 'over-budget') return describeReason(reason);
  if (reason.code === 'routing-skip') return reason.detail || null;
  return null;
}

export function describeNote(note: OutcomeNote): string {
  switch (note.code) {
    case 'from-cache':
      return 'from cache';
    case 'never-send':
      return 'matches never_send: reviewed locally instead of by Claude';
    case 'escalation-left-for-ci':
      return 'escalated: reviewed locally here, Claude’s review left for CI';
    case 'fell-back':
      return note.because.code === 'unavailable'
        ? `${describeReason(note.because)}: ${insteadTo(note.to)} instead`
        : `${ROLE_LABEL[note.from]} failed (${describeReason(note.because)}); ${insteadTo(note.to)} instead`;
  }
}

function describeRepairs(repairs: RepairNotice): string {
  const parts: string[] = [];
  if (repairs.reanchored) parts.push(`${repairs.reanchored} finding(s) moved to the line their quote is on`);
  if (repairs.fileLevel) parts.push(`${repairs.fileLevel} kept at file level (line not in the diff)`);
  if (repairs.dropped) parts.push(`${repairs.dropped} dropped (invalid, or about a file not in the request)`);
  if (repairs.retried) parts.push(`${repairs.retried} request(s) retried after unparseable output`);
  return `${capitalise(ROLE_LABEL[repairs.role])} output repaired: ${parts.join(', ')}.`;
}

function describeTriage(notice: Extract<Notice, { code: 'triage' }>): string {
  const asked = `Triage asked the local model about ${notice.asked} hunk(s) just below the security threshold (${notice.tokens} tokens): ${notice.escalated} escalated`;
  const failed = notice.failed > 0 ? `, ${notice.failed} without a usable answer (their route stands)` : '';
  return `${asked}${failed}${notice.detail ? ` — ${notice.detail}` : ''}.`;
}

export function describeNotice(notice: Notice): string {
  switch (notice.code) {
    case 'reviewer-unavailable':
      return describeUnavailableNotice(notice.unavailable);
    case 'stalled':
      return describeStalled(notice);
    case 'over-budget':
      return `${notice.hunks} escalated hunk(s) did not fit the Claude budget (claude.budget_tokens = ${notice.budgetTokens}); the most security-relevant were sent first.`;
    case 'secrets-redacted':
      return `Secrets were replaced by placeholders before anything left for a model (${notice.count} replacement(s)).`;
    case 'cache-unreadable':
      return `${notice.count} unreadable cache entr(ies) ignored.`;
    case 'unpriced':
      return `No price for ${notice.model} in claude.prices: costs are shown as $0 and are NOT real; add its prices to config.yml.`;
    case 'output-repaired':
      return describeRepairs(notice);
    case 'model-note':
      return notice.detail;
    case 'verified':
      return claudeMessages.verifySummary(notice.confirmed, notice.rejected);
    case 'verification-failed':
      return claudeMessages.verifyFailed(notice.detail);
    case 'verdict-missing':
      return claudeMessages.verifyMissing();
    case 'memory-line-invalid':
      return memoryMessages.invalidLine(notice.file, notice.line, notice.detail);
    case 'memory-lines-invalid':
      return memoryMessages.invalidMore(notice.file, notice.more);
    case 'embeddings-unavailable':
      return memoryMessages.embeddingsUnavailable(notice.model, notice.reason, notice.fix);
    case 'triage':
      return describeTriage(notice);
  }
}
