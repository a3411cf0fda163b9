// A pool of local servers (local.hosts) behind one provider: every request goes to the least busy server
// that is up, with at most `limits.concurrency` in flight per server; a server that is down at the start
// (check) is skipped, and one that fails mid-run (refuses or drops connections, or fails in a way every
// later request would) is taken out and its request re-sent to the others. Meant for a handful of machines;
// for more, one OpenAI-compatible endpoint in front of them (vLLM, SGLang, a LiteLLM router) does it better.
import { poolMessages as msg } from '../messages/pool.js';
import type { Availability, ModelProvider, ProviderFailure, SendResult, Unanswered } from './provider.js';

interface Member {
  provider: ModelProvider;
  label: string;
  inFlight: number;
  sent: number;
  /** Why it is out of the pool, or null while it is usable. */
  down: string | null;
  /** It went down by taking a request and staying silent until the timeout (stuck, not refusing). */
  silent: boolean;
  /** Whether it went down during a run (said once, in the next answer's notes). */
  lostMidRun: boolean;
}

type Acquired = { member: Member } | { none: true } | { cancelled: true };

function createMembers(providers: readonly ModelProvider[]): Member[] {
  return providers.map((provider, index) => ({
    provider,
    label: provider.url ?? `server ${index + 1}`,
    inFlight: 0,
    sent: 0,
    down: null,
    silent: false,
    lostMidRun: false,
  }));
}

/** The least busy usable member with a free slot; ties go to the one that has had fewest requests. */
function pick(members: readonly Member[], tried: ReadonlySet<Member>, slots: number): Member | null {
  let best: Member | null = null;
  for (const member of members) {
    if (member.down || tried.has(member) || member.inFlight >= slots) continue;
    if (
      !best ||
      member.inFlight < best.inFlight ||
      (member.inFlight === best.inFlight && member.sent < best.sent)
    )
      best = member;
  }
  return best;
}

/** Every server took the check and stayed silent (none refused it): the pool as a whole is stuck, not down. */
function allUnanswered(results: ReadonlyArray<Extract<Availability, { ok: false }>>): Unanswered | null {
  const silent = results.flatMap((r) => (r.unanswered ? [r.unanswered] : []));
  if (silent.length === 0 || silent.length < results.length) return null;
  return {
    seconds: Math.max(...silent.map((u) => u.seconds)),
    servers: silent.flatMap((u) => u.servers),
  };
}

export function createPool(providers: readonly ModelProvider[]): ModelProvider {
  const first = providers[0];
  if (!first) throw new Error('a pool needs at least one server');
  const members = createMembers(providers);
  const slots = first.limits.concurrency;
  /** Requests waiting for a slot, woken whenever a slot frees or a member goes down. */
  let waiting: Array<() => void> = [];
  const wake = () => {
    const woken = waiting;
    waiting = [];
    for (const resume of woken) resume();
  };

  async function acquire(tried: ReadonlySet<Member>, signal?: AbortSignal): Promise<Acquired> {
    for (;;) {
      if (signal?.aborted) return { cancelled: true };
      const member = pick(members, tried, slots);
      if (member) {
        member.inFlight += 1;
        member.sent += 1;
        return { member };
      }
      if (!members.some((m) => !m.down && !tried.has(m))) return { none: true };
      await new Promise<void>((resume) => {
        const onAbort = () => resume();
        signal?.addEventListener('abort', onAbort, { once: true });
        waiting.push(() => {
          signal?.removeEventListener('abort', onAbort);
          resume();
        });
      });
    }
  }

  function release(member: Member): void {
    member.inFlight -= 1;
    wake();
  }

  function takeOut(member: Member, failure: ProviderFailure): void {
    if (!member.down) member.lostMidRun = true;
    member.down ??= failure.message;
    member.silent ||= failure.silence === 'timeout';
    wake();
  }

  /** Notes for members that went down mid-run, said once each. */
  function lostNotes(): string[] {
    return members
      .filter((m) => m.lostMidRun)
      .map((m) => {
        m.lostMidRun = false;
        return msg.lostMidRun(m.label, m.down ?? '');
      });
  }

  async function send(
    request: Parameters<ModelProvider['send']>[0],
    signal?: AbortSignal,
  ): Promise<SendResult> {
    const tried = new Set<Member>();
    for (;;) {
      const acquired = await acquire(tried, signal);
      if ('cancelled' in acquired)
        return {
          ok: false,
          failure: {
            code: 'cancelled',
            message: msg.cancelled(),
            effect: 'request',
            counted: false,
            silence: 'cancelled',
          },
        };
      if ('none' in acquired) {
        const reasons = [...new Set(members.flatMap((m) => (m.down ? [m.down] : [])))];
        const message = msg.exhausted(members.length, reasons);
        // Every server stuck (none refusing): the pool as a whole took the request and stayed silent.
        const stuck = members.every((m) => m.silent) ? { silence: 'timeout' as const } : {};
        return {
          ok: false,
          failure: { code: 'pool-exhausted', message, effect: 'fatal', counted: false, ...stuck },
        };
      }
      const { member } = acquired;
      tried.add(member);
      let result: SendResult;
      try {
        result = await member.provider.send(request, signal);
      } finally {
        release(member);
      }
      if (result.ok) {
        const notes = lostNotes();
        return notes.length === 0
          ? result
          : { ok: true, reply: { ...result.reply, notes: [...result.reply.notes, ...notes] } };
      }
      const { failure } = result;
      // Only failures of the server itself move the request: a bad request fails the same anywhere.
      if ((failure.effect !== 'fatal' && !failure.serverFailed) || signal?.aborted) return result;
      takeOut(member, failure);
    }
  }

  async function check(signal?: AbortSignal, limitMs?: number): Promise<Availability> {
    const results = await Promise.all(members.map((m) => m.provider.check(signal, limitMs)));
    results.forEach((result, index) => {
      const member = members[index]!;
      member.down = result.ok ? null : result.reason;
      member.silent = false;
      member.lostMidRun = false;
    });
    wake();
    const up = results.flatMap((r) => (r.ok ? [r] : []));
    const down = results.flatMap((r, index) => (r.ok ? [] : [{ member: members[index]!, result: r }]));
    const firstDown = down[0]?.result;
    if (up.length === 0 && firstDown) {
      const modelMissing = down.every((d) => d.result.modelMissing);
      const unanswered = allUnanswered(down.map((d) => d.result));
      return {
        ok: false,
        reason: msg.noneUp(members.length, firstDown.reason),
        fix: firstDown.fix,
        ...(modelMissing ? { modelMissing } : {}),
        ...(unanswered ? { unanswered } : {}),
      };
    }
    return {
      ok: true,
      detail: msg.up(up.length, members.length, up[0]?.detail ?? ''),
      warnings: down.map(({ member, result }) => msg.hostDown(member.label, result.reason, result.fix)),
    };
  }

  return {
    id: first.id,
    model: first.model,
    limits: { ...first.limits, concurrency: slots * members.length },
    cloud: first.cloud,
    probeBeforeUse: first.probeBeforeUse,
    get notes() {
      return [
        ...first.notes,
        ...members.filter((m) => m.down && !m.lostMidRun).map((m) => msg.downAtStart(m.label, m.down ?? '')),
      ];
    },
    url: null,
    configured: () => first.configured(),
    check,
    send,
    tooLarge: (tokens) => first.tooLarge(tokens),
  } satisfies ModelProvider;
}
