// Dismissals made in a pull request's conversation: a reply starting with `/hunkwise dismiss [reason]` in a
// hunkwise thread, or a 👎 reaction on a hunkwise comment, by someone the repository trusts. Anyone else's
// reply or reaction changes nothing: a pull request's author could otherwise silence the reviewer.
// @see https://docs.github.com/rest/reactions/reactions#list-reactions-for-a-pull-request-review-comment
// @see https://docs.github.com/rest/collaborators/collaborators#get-repository-permissions-for-a-user
import type { DismissRecord } from '../../memory/record.js';
import type { Category } from '../../types.js';
import { type GitHubClient, statusOf } from './client.js';
import type { OwnComment } from './plan.js';

/** `author_association` values of people who speak for the repository. */
export const TRUSTED_ASSOCIATIONS: ReadonlySet<string> = new Set(['OWNER', 'MEMBER', 'COLLABORATOR']);
/** Base permissions (`maintain` reads as `write`) that count for a reaction, which carries no association. */
const TRUSTED_PERMISSIONS: ReadonlySet<string> = new Set(['admin', 'write']);

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

export interface ConversationItem {
  id: number;
  body?: string | null;
  user?: { login?: string; type?: string } | null;
  in_reply_to_id?: number;
  author_association?: string;
  created_at?: string;
  reactions?: { '-1'?: number } | null;
}

/** Pure: `/hunkwise dismiss [reason]` replies in hunkwise threads by owners, members and collaborators. */
export function replyDismissals(
  items: readonly ConversationItem[],
  own: readonly OwnComment[],
): PrDismissal[] {
  const byId = new Map(own.map((c) => [c.id, c]));
  const found: PrDismissal[] = [];
  for (const item of items) {
    const parent = item.in_reply_to_id === undefined ? undefined : byId.get(item.in_reply_to_id);
    if (!parent || item.user?.type === 'Bot') continue;
    if (!TRUSTED_ASSOCIATIONS.has(item.author_association ?? '')) continue;
    const command = COMMAND.exec((item.body ?? '').split('\n')[0] ?? '');
    if (!command) continue;
    const reason = command[1]?.trim();
    found.push({
      fingerprint: parent.fingerprint,
      commentId: parent.id,
      who: `@${item.user?.login ?? 'unknown'}`,
      ...(reason ? { reason } : {}),
      when: item.created_at ?? new Date(0).toISOString(),
    });
  }
  return found;
}

interface Reaction {
  content: string;
  created_at: string;
  user: { login: string; type?: string } | null;
}

/**
 * 👎 reactions on hunkwise comments by people with write access. Only comments whose reaction counts show a
 * 👎 are asked about, and each person's permission once.
 */
export async function reactionDismissals(
  octokit: GitHubClient,
  target: { owner: string; repo: string },
  items: readonly ConversationItem[],
  own: readonly OwnComment[],
): Promise<PrDismissal[]> {
  const repo = { owner: target.owner, repo: target.repo };
  const trusted = new Map<string, Promise<boolean>>();
  const isTrusted = (login: string) => {
    let answer = trusted.get(login);
    if (!answer) {
      answer = octokit.rest.repos
        .getCollaboratorPermissionLevel({ ...repo, username: login })
        .then(({ data }) => TRUSTED_PERMISSIONS.has(data.permission))
        .catch((error: unknown) => {
          if (statusOf(error) === 404) return false; // not a collaborator
          throw error;
        });
      trusted.set(login, answer);
    }
    return answer;
  };
  const found: PrDismissal[] = [];
  for (const comment of own) {
    const item = items.find((i) => i.id === comment.id);
    if (!item?.reactions?.['-1']) continue;
    const reactions = (await octokit.paginate(octokit.rest.reactions.listForPullRequestReviewComment, {
      ...repo,
      comment_id: comment.id,
      content: '-1',
      per_page: 100,
    })) as Reaction[];
    for (const reaction of reactions) {
      const login = reaction.user?.login;
      if (!login || reaction.user?.type === 'Bot' || reaction.content !== '-1') continue;
      if (!(await isTrusted(login))) continue;
      found.push({
        fingerprint: comment.fingerprint,
        commentId: comment.id,
        who: `@${login}`,
        when: reaction.created_at,
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
  const body = comment.body.replace(/\n*<!-- hunkwise:[^>]*-->\s*$/, '');
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
