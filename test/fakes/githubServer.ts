// A loopback GitHub REST server for the pull-request endpoints hunkwise uses. It speaks the wire
// format (Link pagination, error bodies as GitHub sends them), checks the token, validates request
// bodies against GitHub's OpenAPI description, and rejects review comments outside the diff exactly
// as GitHub does — computing the hunks from a real unified diff it is given.
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { validateRequestBody } from './openapiValidator.js';

export interface FakePull {
  number: number;
  headSha: string;
  baseSha: string;
  headRef?: string;
  baseRef?: string;
  /** `owner/name` of the head repository; null when the fork was deleted. */
  headRepo: string | null;
  /** Output of `git diff <merge-base> <head>`: what GitHub shows as the pull request's diff. */
  diff: string;
}

export interface RecordedRequest {
  method: string;
  path: string;
  query: URLSearchParams;
  authorization: string | undefined;
  body: unknown;
}

export interface Fault {
  method: string;
  path: RegExp;
  status: number;
  body: unknown;
  headers?: Record<string, string>;
  /** How many matching requests fail; default 1. */
  times?: number;
}

interface User {
  login: string;
  id: number;
  type: 'Bot' | 'User';
}

/** `author_association` as GitHub computes it for the comment's author. */
export type AuthorAssociation =
  | 'OWNER'
  | 'MEMBER'
  | 'COLLABORATOR'
  | 'CONTRIBUTOR'
  | 'FIRST_TIME_CONTRIBUTOR'
  | 'NONE';

export type ReactionContent = '+1' | '-1' | 'laugh' | 'confused' | 'heart' | 'hooray' | 'rocket' | 'eyes';

export interface StoredReaction {
  id: number;
  node_id: string;
  user: User;
  content: ReactionContent;
  created_at: string;
}

export interface StoredReview {
  id: number;
  user: User;
  body: string;
  state: 'COMMENTED' | 'PENDING' | 'APPROVED' | 'CHANGES_REQUESTED';
  commit_id: string;
}

export interface StoredReviewComment {
  id: number;
  pull_request_review_id: number;
  user: User;
  path: string;
  line: number | null;
  original_line: number;
  start_line: number | null;
  side: 'LEFT' | 'RIGHT';
  start_side: 'LEFT' | 'RIGHT' | null;
  commit_id: string;
  original_commit_id: string;
  body: string;
  in_reply_to_id?: number;
  diff_hunk: string;
  author_association: AuthorAssociation;
  created_at: string;
}

export interface StoredIssueComment {
  id: number;
  user: User;
  body: string;
}

interface PatchFile {
  filename: string;
  status: 'added' | 'removed' | 'modified' | 'renamed';
  previous_filename?: string;
  additions: number;
  deletions: number;
  patch: string;
  /** RIGHT-side line numbers of each hunk. */
  right: Array<Set<number>>;
}

export interface FakeGitHubOptions {
  owner: string;
  repo: string;
  token: string;
  pull: FakePull;
  /** The token can read but not write (fork pull requests). */
  readOnly?: boolean;
  botLogin?: string;
  /** Files listed without `patch`, as GitHub does for large or binary diffs. */
  omitPatchFor?: string[];
  /** Base permission (`admin`, `write`, `read`) of the repository's collaborators; anyone else gets a 404. */
  collaborators?: Record<string, 'admin' | 'write' | 'read'>;
  /**
   * What the token is: `installation` (the Actions token, a GitHub App's: GET /user answers 403) or `user`
   * (a personal token: GET /user names `botLogin`). Default `installation`.
   */
  tokenKind?: 'installation' | 'user';
  /** GraphQL's `viewer` answers with `botLogin` (default); false: it answers with a FORBIDDEN error. */
  graphqlViewer?: boolean;
}

const DOCS = 'https://docs.github.com/rest';

/** Splits `git diff` output into GitHub's per-file entries (patch = the hunks without file headers). */
export function filesFromDiff(diff: string): PatchFile[] {
  const files: PatchFile[] = [];
  for (const section of diff.split(/^(?=diff --git )/m).filter((s) => s.startsWith('diff --git '))) {
    const lines = section.replace(/\n$/, '').split('\n');
    const first = lines.findIndex((l) => l.startsWith('@@'));
    const header = first === -1 ? lines : lines.slice(0, first);
    const patchLines = first === -1 ? [] : lines.slice(first);
    const from = header.find((l) => l.startsWith('--- '))?.slice(4);
    const to = header.find((l) => l.startsWith('+++ '))?.slice(4);
    const renameFrom = header.find((l) => l.startsWith('rename from '))?.slice(12);
    const renameTo = header.find((l) => l.startsWith('rename to '))?.slice(10);
    const gitLine = /^diff --git a\/(.*) b\/(.*)$/.exec(header[0] ?? '');
    const name =
      renameTo ?? (to && to !== '/dev/null' ? to.slice(2) : (from?.slice(2) ?? gitLine?.[2] ?? ''));
    const status = renameTo
      ? 'renamed'
      : from === '/dev/null'
        ? 'added'
        : to === '/dev/null'
          ? 'removed'
          : 'modified';
    const right: Array<Set<number>> = [];
    let next = 0;
    for (const line of patchLines) {
      const h = /^@@ -\d+(?:,\d+)? \+(\d+)(?:,\d+)? @@/.exec(line);
      if (h) {
        next = Number(h[1]);
        right.push(new Set());
      } else if (line.startsWith('+') || line.startsWith(' ')) right.at(-1)?.add(next++);
    }
    files.push({
      filename: name,
      status,
      ...(renameFrom ? { previous_filename: renameFrom } : {}),
      additions: patchLines.filter((l) => l.startsWith('+')).length,
      deletions: patchLines.filter((l) => l.startsWith('-')).length,
      patch: patchLines.join('\n'),
      right,
    });
  }
  return files;
}

/** "A", "A and B", "A, B, and C": how GitHub joins several review-thread errors into one string. */
function joinErrors(errors: string[]): string {
  if (errors.length <= 2) return errors.join(' and ');
  return `${errors.slice(0, -1).join(', ')}, and ${errors.at(-1)}`;
}

function error(
  res: ServerResponse,
  status: number,
  message: string,
  docs: string,
  extra: Record<string, unknown> = {},
) {
  send(res, status, { message, ...extra, documentation_url: docs, status: String(status) });
}

function send(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}) {
  const text = body === undefined ? '' : JSON.stringify(body);
  res.writeHead(status, {
    'content-type': 'application/json; charset=utf-8',
    'x-github-media-type': 'github.v3',
    ...headers,
  });
  res.end(text);
}

async function readBody(req: IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  if (chunks.length === 0) return undefined;
  return JSON.parse(Buffer.concat(chunks).toString('utf8')) as unknown;
}

export async function startGitHubServer(options: FakeGitHubOptions) {
  const botLogin = options.botLogin ?? 'github-actions[bot]';
  const bot: User = { login: botLogin, id: 41898282, type: botLogin.endsWith('[bot]') ? 'Bot' : 'User' };
  const requests: RecordedRequest[] = [];
  const reviews: StoredReview[] = [];
  const reviewComments: StoredReviewComment[] = [];
  const issueComments: StoredIssueComment[] = [];
  const reactions = new Map<number, StoredReaction[]>();
  const collaborators = new Map(Object.entries(options.collaborators ?? {}));
  const faults: Fault[] = [];
  // A clock that only moves forward, one second per stored item: timestamps as GitHub gives them.
  let clock = Date.parse('2026-11-26T09:00:00Z');
  const now = () => {
    clock += 1000;
    return new Date(clock).toISOString().replace('.000Z', 'Z');
  };
  const openApiIssues: string[] = [];
  let pull = { ...options.pull };
  let files = filesFromDiff(pull.diff);
  const knownHeads = new Set([pull.headSha]);
  let nextId = 1000;
  const state = { readOnly: options.readOnly ?? false };
  const repoPath = `/repos/${options.owner}/${options.repo}`;
  let baseUrl = '';

  const pullJson = () => ({
    url: `${baseUrl}${repoPath}/pulls/${pull.number}`,
    number: pull.number,
    state: 'open',
    draft: false,
    head: {
      sha: pull.headSha,
      ref: pull.headRef ?? 'feature',
      repo: pull.headRepo ? { full_name: pull.headRepo } : null,
    },
    base: {
      sha: pull.baseSha,
      ref: pull.baseRef ?? 'main',
      repo: { full_name: `${options.owner}/${options.repo}` },
    },
  });

  /** Page through a list the way GitHub does: per_page (default 30, max 100), page, and a Link header. */
  function paginate<T>(res: ServerResponse, url: URL, items: T[], map: (item: T) => unknown) {
    const perPage = Math.min(Number(url.searchParams.get('per_page') ?? 30) || 30, 100);
    const page = Math.max(Number(url.searchParams.get('page') ?? 1) || 1, 1);
    const last = Math.max(Math.ceil(items.length / perPage), 1);
    const links: string[] = [];
    const link = (p: number, rel: string) => {
      const u = new URL(url.toString());
      u.searchParams.set('per_page', String(perPage));
      u.searchParams.set('page', String(p));
      links.push(`<${baseUrl}${u.pathname}${u.search}>; rel="${rel}"`);
    };
    if (page < last) {
      link(page + 1, 'next');
      link(last, 'last');
    }
    if (page > 1) {
      link(1, 'first');
      link(page - 1, 'prev');
    }
    send(
      res,
      200,
      items.slice((page - 1) * perPage, page * perPage).map(map),
      links.length ? { link: links.join(', ') } : {},
    );
  }

  /** GitHub's checks on one draft review comment; returns its error sentences. */
  function commentErrors(c: Record<string, unknown>): string[] {
    const file = files.find((f) => f.filename === c.path);
    if (!file)
      return [
        'Pull request review thread path is invalid',
        "Pull request review thread diff hunk can't be blank",
      ];
    const errors: string[] = [];
    const line = c.line as number | undefined;
    const side = (c.side as string | undefined) ?? 'RIGHT';
    // Without a patch (large or binary diff) GitHub has no hunk to anchor a comment to.
    const right = options.omitPatchFor?.includes(file.filename) ? [] : file.right;
    const hunk = line !== undefined && side === 'RIGHT' ? right.findIndex((lines) => lines.has(line)) : -1;
    if (hunk === -1) errors.push('Pull request review thread line must be part of the diff');
    if (c.start_line !== undefined) {
      const start = c.start_line as number;
      const sameHunk = hunk !== -1 && (right[hunk]?.has(start) ?? false) && start < (line ?? 0);
      if (!sameHunk)
        errors.push('Pull request review thread start line must be part of the same hunk as the line.');
    }
    if (errors.length) errors.push("Pull request review thread diff hunk can't be blank");
    return errors;
  }

  function createReview(res: ServerResponse, body: Record<string, unknown>) {
    const drafts = (body.comments as Array<Record<string, unknown>> | undefined) ?? [];
    const errors = drafts.flatMap(commentErrors);
    if (errors.length) {
      return error(
        res,
        422,
        'Unprocessable Entity',
        `${DOCS}/pulls/reviews#create-a-review-for-a-pull-request`,
        {
          errors: [joinErrors([...new Set(errors)])],
        },
      );
    }
    if (body.event === 'APPROVE') {
      return error(
        res,
        422,
        'Unprocessable Entity',
        `${DOCS}/pulls/reviews#create-a-review-for-a-pull-request`,
        {
          errors: ['GitHub Actions is not permitted to approve pull requests.'],
        },
      );
    }
    const text = (body.body as string | undefined) ?? '';
    if (text.length > 65_536) return tooLong(res, 'PullRequestReview');
    const commit = (body.commit_id as string | undefined) ?? pull.headSha;
    if (!knownHeads.has(commit))
      return error(
        res,
        422,
        'Unprocessable Entity',
        `${DOCS}/pulls/reviews#create-a-review-for-a-pull-request`,
        {
          errors: ['Commit SHA does not belong to this pull request'],
        },
      );
    const review: StoredReview = {
      id: nextId++,
      user: bot,
      body: text,
      state:
        body.event === undefined ? 'PENDING' : body.event === 'COMMENT' ? 'COMMENTED' : 'CHANGES_REQUESTED',
      commit_id: commit,
    };
    reviews.push(review);
    for (const d of drafts) {
      reviewComments.push({
        id: nextId++,
        pull_request_review_id: review.id,
        user: bot,
        path: d.path as string,
        line: d.line as number,
        original_line: d.line as number,
        start_line: (d.start_line as number | undefined) ?? null,
        side: 'RIGHT',
        start_side: d.start_line !== undefined ? 'RIGHT' : null,
        commit_id: commit,
        original_commit_id: commit,
        body: d.body as string,
        diff_hunk: '@@',
        author_association: 'NONE',
        created_at: now(),
      });
    }
    send(res, 200, reviewJson(review));
  }

  function tooLong(res: ServerResponse, resource: string) {
    error(res, 422, 'Validation Failed', `${DOCS}/issues/comments#update-an-issue-comment`, {
      errors: [
        {
          resource,
          code: 'custom',
          field: 'body',
          message: 'body is too long (maximum is 65536 characters)',
        },
      ],
    });
  }

  const reviewJson = (r: StoredReview) => ({
    ...r,
    html_url: `https://github.com/${options.owner}/${options.repo}/pull/${pull.number}#pullrequestreview-${r.id}`,
  });
  /** GitHub's reaction rollup, as every review comment carries it. */
  const rollup = (id: number) => {
    const list = reactions.get(id) ?? [];
    const count = (content: ReactionContent) => list.filter((r) => r.content === content).length;
    return {
      url: `${baseUrl}${repoPath}/pulls/comments/${id}/reactions`,
      total_count: list.length,
      '+1': count('+1'),
      '-1': count('-1'),
      laugh: count('laugh'),
      confused: count('confused'),
      heart: count('heart'),
      hooray: count('hooray'),
      eyes: count('eyes'),
      rocket: count('rocket'),
    };
  };
  const commentJson = (c: StoredReviewComment) => ({
    ...c,
    html_url: `https://github.com/${options.owner}/${options.repo}/pull/${pull.number}#discussion_r${c.id}`,
    reactions: rollup(c.id),
  });
  const issueJson = (c: StoredIssueComment) => ({
    ...c,
    html_url: `https://github.com/${options.owner}/${options.repo}/pull/${pull.number}#issuecomment-${c.id}`,
  });

  type Route = {
    method: string;
    pattern: RegExp;
    template: string;
    handle: (res: ServerResponse, url: URL, body: unknown, m: RegExpExecArray) => void;
  };
  const p = `${repoPath}/pulls/${pull.number}`;
  const i = `${repoPath}/issues/${pull.number}`;
  const esc = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const routes: Route[] = [
    {
      method: 'GET',
      pattern: new RegExp(`^${esc(p)}$`),
      template: '/repos/{owner}/{repo}/pulls/{pull_number}',
      handle: (res) => send(res, 200, pullJson()),
    },
    {
      method: 'GET',
      pattern: new RegExp(`^${esc(p)}/files$`),
      template: '/repos/{owner}/{repo}/pulls/{pull_number}/files',
      handle: (res, url) =>
        paginate(res, url, files, (f) => ({
          sha: '0'.repeat(40),
          filename: f.filename,
          status: f.status,
          additions: f.additions,
          deletions: f.deletions,
          changes: f.additions + f.deletions,
          ...(f.previous_filename ? { previous_filename: f.previous_filename } : {}),
          ...(f.patch && !options.omitPatchFor?.includes(f.filename) ? { patch: f.patch } : {}),
        })),
    },
    {
      method: 'GET',
      pattern: new RegExp(`^${esc(p)}/reviews$`),
      template: '/repos/{owner}/{repo}/pulls/{pull_number}/reviews',
      handle: (res, url) => paginate(res, url, reviews, reviewJson),
    },
    {
      method: 'POST',
      pattern: new RegExp(`^${esc(p)}/reviews$`),
      template: '/repos/{owner}/{repo}/pulls/{pull_number}/reviews',
      handle: (res, _u, body) => createReview(res, body as Record<string, unknown>),
    },
    {
      method: 'GET',
      pattern: new RegExp(`^${esc(p)}/comments$`),
      template: '/repos/{owner}/{repo}/pulls/{pull_number}/comments',
      handle: (res, url) => paginate(res, url, reviewComments, commentJson),
    },
    {
      method: 'POST',
      pattern: new RegExp(`^${esc(p)}/comments$`),
      template: '/repos/{owner}/{repo}/pulls/{pull_number}/comments',
      handle: (res, _u, body) => {
        const d = body as Record<string, unknown>;
        const errors = commentErrors(d);
        if (errors.length)
          return error(
            res,
            422,
            'Unprocessable Entity',
            `${DOCS}/pulls/comments#create-a-review-comment-for-a-pull-request`,
            {
              errors: [joinErrors(errors)],
            },
          );
        const comment: StoredReviewComment = {
          id: nextId++,
          pull_request_review_id: nextId++,
          user: bot,
          path: d.path as string,
          line: d.line as number,
          original_line: d.line as number,
          start_line: (d.start_line as number | undefined) ?? null,
          side: 'RIGHT',
          start_side: d.start_line !== undefined ? 'RIGHT' : null,
          commit_id: d.commit_id as string,
          original_commit_id: d.commit_id as string,
          body: d.body as string,
          diff_hunk: '@@',
          author_association: 'NONE',
          created_at: now(),
        };
        reviewComments.push(comment);
        send(res, 201, commentJson(comment));
      },
    },
    {
      method: 'PUT',
      pattern: new RegExp(`^${esc(p)}/reviews/(\\d+)$`),
      template: '/repos/{owner}/{repo}/pulls/{pull_number}/reviews/{review_id}',
      handle: (res, _u, body, m) => {
        const review = reviews.find((r) => r.id === Number(m[1]));
        if (!review)
          return error(res, 404, 'Not Found', `${DOCS}/pulls/reviews#update-a-review-for-a-pull-request`);
        review.body = (body as { body: string }).body;
        send(res, 200, reviewJson(review));
      },
    },
    {
      method: 'PATCH',
      pattern: new RegExp(`^${esc(repoPath)}/pulls/comments/(\\d+)$`),
      template: '/repos/{owner}/{repo}/pulls/comments/{comment_id}',
      handle: (res, _u, body, m) => {
        const comment = reviewComments.find((c) => c.id === Number(m[1]));
        if (!comment)
          return error(
            res,
            404,
            'Not Found',
            `${DOCS}/pulls/comments#update-a-review-comment-for-a-pull-request`,
          );
        const text = (body as { body: string }).body;
        if (text.length > 65_536) return tooLong(res, 'PullRequestReviewComment');
        comment.body = text;
        send(res, 200, commentJson(comment));
      },
    },
    {
      method: 'GET',
      pattern: new RegExp(`^${esc(repoPath)}/pulls/comments/(\\d+)/reactions$`),
      template: '/repos/{owner}/{repo}/pulls/comments/{comment_id}/reactions',
      handle: (res, url, _b, m) => {
        if (!reviewComments.some((c) => c.id === Number(m[1])))
          return error(
            res,
            404,
            'Not Found',
            `${DOCS}/reactions/reactions#list-reactions-for-a-pull-request-review-comment`,
          );
        const content = url.searchParams.get('content');
        const list = (reactions.get(Number(m[1])) ?? []).filter((r) => !content || r.content === content);
        paginate(res, url, list, (r) => r);
      },
    },
    {
      method: 'GET',
      pattern: new RegExp(`^${esc(repoPath)}/collaborators/([^/]+)/permission$`),
      template: '/repos/{owner}/{repo}/collaborators/{username}/permission',
      handle: (res, _u, _b, m) => {
        const login = decodeURIComponent(m[1] ?? '');
        const permission = collaborators.get(login);
        if (!permission)
          return error(
            res,
            404,
            `${login} is not a user`,
            `${DOCS}/collaborators/collaborators#get-repository-permissions-for-a-user`,
          );
        send(res, 200, {
          permission,
          role_name: permission,
          user: {
            login,
            id: 3,
            type: 'User',
            permissions: { admin: permission === 'admin', push: permission !== 'read', pull: true },
          },
        });
      },
    },
    {
      method: 'GET',
      pattern: new RegExp(`^${esc(i)}/comments$`),
      template: '/repos/{owner}/{repo}/issues/{issue_number}/comments',
      handle: (res, url) => paginate(res, url, issueComments, issueJson),
    },
    {
      method: 'POST',
      pattern: new RegExp(`^${esc(i)}/comments$`),
      template: '/repos/{owner}/{repo}/issues/{issue_number}/comments',
      handle: (res, _u, body) => {
        const text = (body as { body: string }).body;
        if (text.length > 65_536) return tooLong(res, 'IssueComment');
        const comment = { id: nextId++, user: bot, body: text };
        issueComments.push(comment);
        send(res, 201, issueJson(comment));
      },
    },
    {
      method: 'PATCH',
      pattern: new RegExp(`^${esc(repoPath)}/issues/comments/(\\d+)$`),
      template: '/repos/{owner}/{repo}/issues/comments/{comment_id}',
      handle: (res, _u, body, m) => {
        const comment = issueComments.find((c) => c.id === Number(m[1]));
        if (!comment) return error(res, 404, 'Not Found', `${DOCS}/issues/comments#update-an-issue-comment`);
        const text = (body as { body: string }).body;
        if (text.length > 65_536) return tooLong(res, 'IssueComment');
        comment.body = text;
        send(res, 200, issueJson(comment));
      },
    },
  ];

  /** GET /user: an installation token is not a user, and GitHub says so with a 403. */
  function authenticatedUser(res: ServerResponse) {
    if ((options.tokenKind ?? 'installation') === 'installation')
      return error(
        res,
        403,
        'Resource not accessible by integration',
        `${DOCS}/users/users#get-the-authenticated-user`,
      );
    send(res, 200, { login: bot.login, id: bot.id, type: bot.type, site_admin: false });
  }

  /** POST /graphql: the one query hunkwise asks, `viewer { login }`, answered as GitHub does (errors in a 200). */
  function graphql(res: ServerResponse, body: unknown) {
    const query = (body as { query?: unknown } | undefined)?.query;
    if (typeof query !== 'string' || !/\bviewer\s*\{\s*login\s*\}/.test(query))
      return send(res, 200, { errors: [{ message: `fake GitHub does not answer ${String(query)}` }] });
    if (options.graphqlViewer === false)
      return send(res, 200, {
        data: null,
        errors: [{ type: 'FORBIDDEN', path: ['viewer'], message: 'Resource not accessible by integration' }],
      });
    send(res, 200, { data: { viewer: { login: bot.login } } });
  }

  async function handle(req: IncomingMessage, res: ServerResponse) {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const method = req.method ?? 'GET';
    const body = await readBody(req);
    requests.push({
      method,
      path: url.pathname,
      query: url.searchParams,
      authorization: req.headers.authorization,
      body,
    });
    const auth = req.headers.authorization ?? '';
    if (auth !== `token ${options.token}` && auth !== `Bearer ${options.token}`)
      return error(res, 401, 'Bad credentials', DOCS);
    const fault = faults.find((f) => f.method === method && f.path.test(url.pathname));
    if (fault) {
      fault.times = (fault.times ?? 1) - 1;
      if (fault.times <= 0) faults.splice(faults.indexOf(fault), 1);
      return send(res, fault.status, fault.body, fault.headers);
    }
    if (method === 'GET' && url.pathname === '/user') return authenticatedUser(res);
    if (method === 'POST' && url.pathname === '/graphql') return graphql(res, body);
    const route = routes.find((r) => r.method === method && r.pattern.test(url.pathname));
    if (!route) return error(res, 404, 'Not Found', DOCS);
    if (method !== 'GET') {
      const issues = validateRequestBody(method, route.template, body);
      if (issues.length) {
        openApiIssues.push(...issues.map((x) => `${method} ${route.template}: ${x}`));
        return error(res, 422, 'Invalid request.', DOCS, { errors: issues });
      }
      if (state.readOnly) {
        return error(
          res,
          403,
          'Resource not accessible by integration',
          `${DOCS}/pulls/reviews#create-a-review-for-a-pull-request`,
        );
      }
    }
    route.handle(res, url, body, route.pattern.exec(url.pathname) as RegExpExecArray);
  }

  const server = createServer((req, res) => {
    handle(req, res).catch((e: unknown) => error(res, 500, `fake GitHub failed: ${String(e)}`, DOCS));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  return {
    url: baseUrl,
    requests,
    reviews,
    reviewComments,
    issueComments,
    openApiIssues,
    state,
    get pull() {
      return pull;
    },
    /** A push: new head and diff. Comments whose line left the diff become outdated (line null), as on GitHub. */
    push(update: { headSha: string; diff: string; baseSha?: string }) {
      pull = { ...pull, headSha: update.headSha, diff: update.diff, baseSha: update.baseSha ?? pull.baseSha };
      files = filesFromDiff(update.diff);
      knownHeads.add(update.headSha);
      for (const c of reviewComments) {
        const file = files.find((f) => f.filename === c.path);
        if (c.line !== null && !file?.right.some((lines) => lines.has(c.line as number))) c.line = null;
      }
    },
    /** Somebody answers in a hunkwise thread; GitHub tells their relation to the repository. */
    reply(commentId: number, login: string, body: string, association: AuthorAssociation = 'NONE') {
      const parent = reviewComments.find((c) => c.id === commentId);
      if (!parent) throw new Error(`no comment ${commentId}`);
      reviewComments.push({
        ...parent,
        id: nextId++,
        user: { login, id: 1, type: 'User' },
        body,
        in_reply_to_id: commentId,
        author_association: association,
        created_at: now(),
      });
    },
    /** Somebody reacts to a review comment (👍 '+1', 👎 '-1', …). */
    react(commentId: number, login: string, content: ReactionContent) {
      if (!reviewComments.some((c) => c.id === commentId)) throw new Error(`no comment ${commentId}`);
      const list = reactions.get(commentId) ?? [];
      const id = nextId++;
      list.push({
        id,
        node_id: `REA_${id}`,
        user: { login, id: 4, type: 'User' },
        content,
        created_at: now(),
      });
      reactions.set(commentId, list);
    },
    /** Somebody (an App when the login ends in `[bot]`, as GitHub names them) comments on the pull request. */
    addIssueComment(login: string, body: string) {
      const type = login.endsWith('[bot]') ? 'Bot' : 'User';
      issueComments.push({ id: nextId++, user: { login, id: 2, type }, body });
    },
    fail(fault: Fault) {
      faults.push(fault);
    },
    /** Requests that change something: GraphQL queries (POST /graphql) read only. */
    writes: () => requests.filter((r) => r.method !== 'GET' && r.path !== '/graphql'),
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

export type FakeGitHub = Awaited<ReturnType<typeof startGitHubServer>>;

/** GitHub refusing a review's line comments once, in its own words (the review is all-or-nothing). */
export const COMMENTS_REFUSED: Fault = {
  method: 'POST',
  path: /\/reviews$/,
  status: 422,
  body: {
    message: 'Unprocessable Entity',
    errors: [
      "Pull request review thread line must be part of the diff and Pull request review thread diff hunk can't be blank",
    ],
    documentation_url: 'https://docs.github.com/rest/pulls/reviews#create-a-review-for-a-pull-request',
    status: '422',
  },
};

/** The exact body GitHub sends for a secondary rate limit. */
export const SECONDARY_RATE_LIMIT = {
  message:
    'You have exceeded a secondary rate limit. Please wait a few minutes before you try again. If you reach out to GitHub Support for help, please include the request ID 0000:0000:0000000:0000000:00000000.',
  documentation_url:
    'https://docs.github.com/free-pro-team@latest/rest/overview/rate-limits-for-the-rest-api#about-secondary-rate-limits',
  status: '403',
};
