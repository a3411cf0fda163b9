// Dismissals made in a change request's conversation: a reply starting with `/hunkwise dismiss [reason]` in a
// hunkwise thread, or a 👎 reaction on a hunkwise comment, by someone the repository trusts. Anyone else's
// reply or reaction changes nothing: a pull request's author could otherwise silence the reviewer. Who is
// trusted is the host's answer (HostAuthor.trusted for what people write, canWrite for a reaction).
import type { DismissRecord } from '../memory/record.js';
import type { Category } from '../types.js';
import { withoutMarker } from './marker.js';
import type { OwnComment } from './plan.js';
import type { HostLineComment, ReviewHost } from './reviewHost.js';

const COMMAND = /^\s*\/hunkwise\s+dismiss(?:\s+(.*))?$/i;

export interface PrDismissal {
  fingerprint: string;
  /** The hunkwise comment the dismissal answers. */
  commentId: number;
  /** `@login` of the person. */
  who: string;
  reason?: string;
  /** When they said it: keeps the summary stable across runs. */
  when: string;
}

/** Pure: `/hunkwise dismiss [reason]` replies in hunkwise threads by people who speak for the repository. */
export function replyDismissals(
  items: readonly HostLineComment[],
  own: readonly OwnComment[],
): PrDismissal[] {
  const byId = new Map(own.map((c) => [c.id, c]));
  const found: PrDismissal[] = [];
  for (const item of items) {
    const parent = item.replyTo === null ? undefined : byId.get(item.replyTo);
    if (!parent || item.author.isBot || !item.author.trusted) continue;
    const command = COMMAND.exec(item.body.split('\n')[0] ?? '');
    if (!command) continue;
    const reason = command[1]?.trim();
    found.push({
      fingerprint: parent.fingerprint,
      commentId: parent.id,
      who: `@${item.author.login || 'unknown'}`,
      ...(reason ? { reason } : {}),
      when: item.createdAt ?? new Date(0).toISOString(),
    });
  }
  return found;
}

/**
 * 👎 reactions on hunkwise comments by people with write access. Only comments whose counts show a 👎 are
 * asked about, a comment's reactions until the first trusted one, and each person's access once.
 */
export async function reactionDismissals(
  host: ReviewHost,
  items: readonly HostLineComment[],
  own: readonly OwnComment[],
): Promise<PrDismissal[]> {
  const access = new Map<string, Promise<boolean>>();
  const canWrite = (login: string) => {
    let answer = access.get(login);
    if (!answer) {
      answer = host.canWrite(login);
      access.set(login, answer);
    }
    return answer;
  };
  const found: PrDismissal[] = [];
  for (const comment of own) {
    const item = items.find((i) => i.id === comment.id);
    if (!item?.thumbsDown) continue;
    for (const reaction of await host.readThumbsDown(comment.id)) {
      const login = reaction.author.login;
      if (!login || reaction.author.isBot) continue;
      if (!(await canWrite(login))) continue;
      found.push({
        fingerprint: comment.fingerprint,
        commentId: comment.id,
        who: `@${login}`,
        when: reaction.at,
      });
      break;
    }
  }
  return found;
}

export interface KnownFinding {
  file: string;
  category?: Category;
  message: string;
  quote?: string;
}

/**
 * Pure: dismissals → records for this pull request (and the memory file), earlier ones first; one per finding.
 * What a finding said comes from this run when it was found again (with its quote), else from the summary.
 */
export function dismissalRecords(
  earlier: readonly DismissRecord[],
  fresh: readonly PrDismissal[],
  known: (fingerprint: string) => KnownFinding | undefined,
): DismissRecord[] {
  const records = [...earlier];
  const seen = new Set(earlier.map((r) => r.fingerprint));
  for (const d of [...fresh].sort((a, b) => a.when.localeCompare(b.when))) {
    const finding = known(d.fingerprint);
    if (seen.has(d.fingerprint) || !finding) continue;
    seen.add(d.fingerprint);
    records.push({
      kind: 'dismiss',
      fingerprint: d.fingerprint,
      file: finding.file,
      ...(finding.category ? { category: finding.category } : {}),
      message: finding.message,
      ...(finding.quote && finding.category !== 'secret' ? { quote: finding.quote } : {}),
      ...(d.reason ? { reason: d.reason } : {}),
      who: d.who,
      when: d.when,
    });
  }
  return records;
}

/** What a hunkwise comment says, for a dismissed finding the summary state no longer lists. */
export function knownFromComment(comment: Pick<OwnComment, 'path' | 'body'>): KnownFinding {
  const body = withoutMarker(comment.body);
  const head = body.split('\n')[0] ?? '';
  const category = /· (\w+) ·/.exec(head)?.[1] as Category | undefined;
  const message = body.slice(head.length).split('\n\n**Suggestion:**')[0]?.trim() ?? '';
  return { file: comment.path, ...(category ? { category } : {}), message: message || head };
}

/** Adds the quote of this run's suppressed finding to a record made from the summary, which keeps no quotes. */
export function withQuotes(
  records: readonly DismissRecord[],
  suppressed: ReadonlyArray<{
    finding: { finding: { fingerprint: string; quote?: string; category: string } };
  }>,
): DismissRecord[] {
  return records.map((r) => {
    if (r.quote !== undefined) return r;
    const f = suppressed.find((s) => s.finding.finding.fingerprint === r.fingerprint)?.finding.finding;
    return f?.quote && f.category !== 'secret' ? { ...r, quote: f.quote } : r;
  });
}
