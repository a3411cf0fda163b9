// routing.triage: local — asks the local model (the provider serving the local role) about the hunks the
// router keeps local with a security score just below the threshold, before the lanes are planned. One
// small request per hunk, its answer capped at TRIAGE_ANSWER_TOKENS; secrets are redacted first, as for a
// review. A yes escalates; anything else (no, garbage, a cut-off answer, a timeout, the server down) keeps
// the deterministic route, and the hunk's reasons and a notice say which. A dry run asks nothing.
import { abortedByDeadline } from '../abort.js';
import type { Config } from '../config/schema.js';
import { routeMessages } from '../messages/route.js';
import type { Notice } from '../reasons.js';
import { runLimited } from '../review/batch.js';
import type { ModelProvider } from '../review/provider.js';
import { createProvider } from '../review/providers.js';
import { isNeverSend, Redactor, redactHunk, redactText } from '../review/redact.js';
import {
  parseTriageAnswer,
  TRIAGE_ANSWER_TOKENS,
  type TriageOutcome,
  triageAnswerSchema,
  triageCandidates,
  triageSystemPrompt,
  triageUserPrompt,
  withTriage,
} from '../route/triage.js';
import type { RouteDecision } from '../types.js';
import { forbidden } from './availability.js';
import type { ExecOptions } from './runOptions.js';

/** A server that does not answer its check this fast is taken as down: triage is an extra, never a wait. */
const PROBE_MS = 3000;

export interface Triaged {
  decisions: RouteDecision[];
  notices: Notice[];
}

/** The local role's provider, its answers capped at TRIAGE_ANSWER_TOKENS. */
function triageConfig(config: Config): Config {
  return { ...config, local: { ...config.local, num_predict: TRIAGE_ANSWER_TOKENS } };
}

/** Why the local model cannot be asked at all in this run, or null. */
function whyNotAsked(options: ExecOptions): string | null {
  if (forbidden('local', options)) return routeMessages.triageLocalDisabled('--no-local');
  if (!options.config.local.enabled) return routeMessages.triageLocalDisabled('local.enabled: false');
  return null;
}

interface Asking {
  provider: ModelProvider;
  redactor: Redactor;
  signal: AbortSignal;
  /** Set by the first failure every later request would share (server down, model missing). */
  fatal: string | null;
  tokens: number;
}

/** Why a question was cut short or not asked when the run stopped: the hook's time budget, or the user. */
function stoppedBy(signal: AbortSignal): string {
  return abortedByDeadline(signal) ? routeMessages.triageTimeBudget() : routeMessages.triageStopped();
}

async function ask(decision: RouteDecision, asking: Asking): Promise<TriageOutcome> {
  if (asking.fatal) return { kind: 'failed', detail: asking.fatal };
  if (asking.signal.aborted) return { kind: 'failed', detail: stoppedBy(asking.signal) };
  const { hunk } = await redactHunk(decision.hunk, asking.redactor);
  const signals: string[] = [];
  for (const reason of decision.reasons.filter((r) => r.code === 'below-threshold'))
    signals.push((await redactText(reason.detail, asking.redactor, decision.hunk.file)).text);
  const result = await asking.provider.send(
    { system: triageSystemPrompt(), user: triageUserPrompt(hunk, signals), schema: triageAnswerSchema },
    asking.signal,
  );
  if (!result.ok) {
    // The budget is a deadline the user set: said as such, not as the provider's "cancelled" (Ctrl-C's word).
    if (abortedByDeadline(asking.signal)) return { kind: 'failed', detail: stoppedBy(asking.signal) };
    if (result.failure.effect === 'fatal') asking.fatal = result.failure.message;
    return { kind: 'failed', detail: result.failure.message };
  }
  const { reply } = result;
  asking.tokens += reply.usage.input + reply.usage.output;
  if (reply.stop.kind !== 'complete') return { kind: 'failed', detail: reply.stop.detail };
  const answer = parseTriageAnswer(reply.text);
  if (!answer) return { kind: 'failed', detail: routeMessages.triageUnusable() };
  return answer.escalate ? { kind: 'yes', reason: answer.reason } : { kind: 'no', reason: answer.reason };
}

/** Asks at most `concurrency` questions at a time, in the decisions' order. */
async function askAll(candidates: readonly RouteDecision[], asking: Asking, concurrency: number) {
  const results = await runLimited(candidates, { concurrency }, (decision) => ask(decision, asking));
  const outcomes = new Map<RouteDecision, TriageOutcome>();
  results.forEach((result, i) => {
    if (!result.ok) throw result.error;
    outcomes.set(candidates[i]!, result.value);
  });
  return outcomes;
}

function settled(
  decisions: RouteDecision[],
  outcomes: Map<RouteDecision, TriageOutcome>,
  tokens: number,
  detail?: string,
): Triaged {
  const all = [...outcomes.values()];
  const notice: Notice = {
    code: 'triage',
    asked: outcomes.size,
    escalated: all.filter((o) => o.kind === 'yes').length,
    failed: all.filter((o) => o.kind === 'failed').length,
    tokens,
    ...(detail ? { detail } : {}),
  };
  const triaged = decisions.map((d) => {
    const outcome = outcomes.get(d);
    return outcome ? withTriage(d, outcome) : d;
  });
  return { decisions: triaged, notices: [notice] };
}

export async function triageDecisions(decisions: RouteDecision[], options: ExecOptions): Promise<Triaged> {
  const candidates = triageCandidates(decisions, options.config.routing);
  if (candidates.length === 0) return { decisions, notices: [] };
  if (options.dryRun) {
    const marked = new Set(candidates);
    const reason = { code: 'triage-candidate', detail: routeMessages.triageCandidate() };
    return {
      decisions: decisions.map((d) => (marked.has(d) ? { ...d, reasons: [...d.reasons, reason] } : d)),
      notices: [],
    };
  }
  const refuse = (detail: string) =>
    settled(decisions, new Map(candidates.map((d) => [d, { kind: 'failed', detail }])), 0, detail);
  const unable = whyNotAsked(options);
  if (unable) return refuse(unable);
  const provider = await createProvider({
    role: 'local',
    config: triageConfig(options.config),
    env: options.env,
  });
  if (provider.probeBeforeUse) {
    const check = await provider.check(options.signal, PROBE_MS);
    if (!check.ok)
      return refuse(
        abortedByDeadline(options.signal) ? stoppedBy(options.signal) : `${check.reason} — ${check.fix}`,
      );
  }
  const asking: Asking = {
    provider,
    redactor: new Redactor(),
    signal: options.signal,
    fatal: null,
    tokens: 0,
  };
  // A cloud provider in the local role gets nothing that never_send holds back.
  const held = provider.cloud ? candidates.filter((d) => isNeverSend(d.hunk.file, options.config)) : [];
  const outcomes = await askAll(
    candidates.filter((d) => !held.includes(d)),
    asking,
    provider.limits.concurrency,
  );
  for (const d of held) outcomes.set(d, { kind: 'failed', detail: routeMessages.triageNeverSend() });
  return settled(decisions, outcomes, asking.tokens, asking.fatal ?? undefined);
}
