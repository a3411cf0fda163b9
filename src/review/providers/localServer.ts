// What the providers for servers of your own (Ollama, OpenAI-compatible) share: the fixed seed, the framing
// estimate, and the check of the server's prompt-token count against what was sent.
import { estimateTokens } from '../../route/tokens.js';
import type { Availability, ModelRequest, ProviderFailure } from '../provider.js';

/** Fixed so that the same hunk gets the same answer (with temperature 0). */
export const SEED = 42;
/** Chat template and user-prompt framing around the hunks, on top of the system prompt. */
export const FRAMING_TOKENS = 64;
/** Below this share of our estimate, the server probably cut the prompt. */
const SHORTFALL_RATIO = 0.5;

export interface CutOff {
  kind: 'timeout' | 'cancelled';
  /** Part of the answer had arrived before it was cut off. */
  started?: boolean;
}

/**
 * A request cut off by its timeout or by the caller's signal. Part of the answer had arrived: a slow answer,
 * only this request is lost. Nothing at all within the timeout: the server is stuck, and every later request
 * would wait as long, so none is sent (fatal, silent). Cut off by the caller before any answer: silent.
 */
export function cutOffFailure(
  cut: CutOff,
  sentences: { slow: string; stuck: string; cancelled: string },
  host: string,
): ProviderFailure {
  const counted = cut.started === true;
  if (cut.kind === 'cancelled') {
    const failure = {
      code: 'cancelled',
      message: sentences.cancelled,
      effect: 'request',
      counted,
      host,
    } as const;
    return counted ? failure : { ...failure, silence: 'cancelled' };
  }
  if (counted) return { code: 'timeout', message: sentences.slow, effect: 'request', counted, host };
  return { code: 'stalled', message: sentences.stuck, effect: 'fatal', counted, host, silence: 'timeout' };
}

/**
 * A note when the server counted far fewer prompt tokens than were sent: it probably truncated the prompt
 * silently (an old Ollama ignoring `shift`, llama.cpp's server shifting its context).
 */
export function promptShortfall(
  counted: number,
  request: ModelRequest,
  sentence: (counted: number, expected: number) => string,
): string[] {
  const expected = estimateTokens(request.system) + estimateTokens(request.user);
  return counted > 0 && counted < expected * SHORTFALL_RATIO ? [sentence(counted, expected)] : [];
}

/** The sentences a provider names its server with when the check cannot reach it. */
export interface UnreachableSentences {
  unreachable(url: string): string;
  unreachableFix(): string;
  checkTimeout(url: string, seconds: number): string;
  checkTimeoutFix(): string;
  cancelled(): string;
}

/**
 * A check that got no answer at all (down, stuck, cancelled), or null for a failure the provider explains. Stuck
 * is its own limit firing (`unanswered`); cancelled is the caller's signal (Ctrl-C), never a limit.
 */
export function unansweredCheck(
  url: string,
  failure: { kind: string; timeoutMs?: number },
  say: UnreachableSentences,
): Availability | null {
  switch (failure.kind) {
    case 'unreachable':
      return { ok: false, reason: say.unreachable(url), fix: say.unreachableFix() };
    case 'timeout': {
      const seconds = (failure.timeoutMs ?? 0) / 1000;
      return {
        ok: false,
        reason: say.checkTimeout(url, seconds),
        fix: say.checkTimeoutFix(),
        unanswered: { seconds, servers: [url] },
      };
    }
    case 'cancelled':
      return { ok: false, reason: say.cancelled(), fix: say.checkTimeoutFix() };
    default:
      return null;
  }
}

/**
 * How a local provider turns its failure into the runner's: one code, the server's URL, and `serverFailed` when
 * the server itself went away (refused or dropped the connection), so a pool can send the request elsewhere.
 */
export function failureMaker(kind: string, url: string) {
  return (effect: ProviderFailure['effect'], message: string, counted: boolean): ProviderFailure => ({
    code: kind,
    message,
    effect,
    counted,
    host: url,
    ...(kind === 'unreachable' || kind === 'lost' ? { serverFailed: true } : {}),
  });
}
