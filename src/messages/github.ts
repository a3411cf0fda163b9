// Every sentence `review pr` and the GitHub, SARIF and rdjson reporters show the user.

import { errorMessage } from '../errors.js';
import { FINDING_CAPS } from '../host/caps.js';
import { docsUrl } from './docsUrl.js';

const short = (sha: string) => sha.slice(0, 7);
/** Library messages may span lines (JSON.parse quotes the input); the CLI prints one. */
const oneLine = (text: string) => text.replace(/\s*\n\s*/g, ' ').slice(0, 500);

export const githubMessages = {
  missingEventPath: () =>
    'GITHUB_EVENT_PATH is not set: `review pr` runs inside a GitHub Actions job triggered by `pull_request`.',
  unreadableEvent: (path: string, error: unknown) =>
    `cannot read the event payload at ${path}: ${errorMessage(error)}`,
  missingRepository: (value: string | undefined) =>
    `GITHUB_REPOSITORY must be owner/name (got ${value === undefined ? 'nothing' : JSON.stringify(value)}).`,
  notPullRequestEvent: (name: string) =>
    `review pr reviews pull requests, but this run was triggered by '${name || 'an unknown event'}'; trigger the workflow with 'on: pull_request' (or use --from-artifact from a workflow_run).`,
  eventMissingField: (field: string) => `the event payload has no ${field}; is this a pull_request event?`,
  missingToken: () =>
    // biome-ignore lint/suspicious/noTemplateCurlyInString: a GitHub Actions expression, shown literally
    'GITHUB_TOKEN is empty, so review pr can neither read nor post the review; add `env: GITHUB_TOKEN: ${{ secrets.GITHUB_TOKEN }}` to the step (--format json, sarif or rdjson need no token).',
  cannotPost: (status: number | string, detail: string) =>
    `could not post the review (${status}: ${detail}); findings are in the job summary and annotations instead.`,
  forkReadOnly: () =>
    `this pull request comes from a fork, whose GITHUB_TOKEN is read-only; see ${docsUrl('github.md', 'fork-safe-mode')} for the fork-safe workflow pair.`,
  pullRequestTarget: () =>
    `running under 'pull_request_target': make sure this job never checks out or runs the pull request's code (see ${docsUrl('github.md', 'fork-safe-mode')}).`,
  cannotReadPullRequest: (status: number | string, detail: string) =>
    `could not read the pull request's earlier reviews (${status}: ${detail}); earlier findings are not taken into account.`,
  posted: (url: string | null, inline: number, summary: number) =>
    `posted a review with ${inline} inline comment${inline === 1 ? '' : 's'}${summary ? ` and ${summary} finding${summary === 1 ? '' : 's'} in the summary` : ''}${url ? `: ${url}` : ''}`,
  nothingNew: (sha: string) => `no new findings for ${short(sha)}; the summary comment is up to date.`,
  identityAssumed: (login: string, detail: string) =>
    `the token's account could not be named (GET /user: 403; GraphQL viewer: ${oneLine(detail)}), so only ${login}'s comments are read as hunkwise's; set github.bot_login if it posts as another account.`,
  retriedWithoutComments: (detail: string) =>
    `GitHub refused the inline comments (${detail}); posted them in the review body instead.`,
  secondaryRateLimit: (method: string, url: string, seconds: number, willRetry: boolean) =>
    `GitHub rate limit on ${method} ${url}; ${willRetry ? `retrying in ${seconds}s` : 'giving up'}.`,

  // scope of the review
  fullReview: () => 'Reviewed the whole pull request.',
  incremental: (from: string, to: string) =>
    `Reviewed the changes since the last reviewed commit ${short(from)} → ${short(to)}.`,
  sameHead: (sha: string) => `${short(sha)} was already reviewed; nothing new to review.`,
  oldHeadUnresolvable: (sha: string) =>
    `The last reviewed commit ${short(sha)} is not in this clone and could not be fetched (force-pushed away, or no credentials to fetch), so the whole pull request was reviewed again.`,
  headUnfetchable: (sha: string) =>
    `This pull request's head ${short(sha)} could not be fetched for an incremental review, so the whole pull request was reviewed again.`,
  outsidePullRequest: (files: number) =>
    `${files} file${files === 1 ? '' : 's'} changed since the last review but no longer part of this pull request (upstream changes after a rebase or merge) were left out.`,

  // comment bodies
  resolvedIn: (sha: string) => `Resolved in ${short(sha)}: hunkwise no longer reports this.`,
  reviewPointer: (sha: string, inline: number, summary: number, summaryUrl: string | null) =>
    `hunkwise reviewed ${short(sha)}: ${inline} new inline comment${inline === 1 ? '' : 's'}${summary ? `, ${summary} more finding${summary === 1 ? '' : 's'} in the summary` : ''}.${summaryUrl ? ` Full summary: ${summaryUrl}` : ''}`,
  commentsMovedToBody: () => 'GitHub did not accept these as inline comments, so they are listed here:',
  truncated: (omitted: number, where: string) =>
    `… ${omitted} more finding${omitted === 1 ? '' : 's'} not shown here (size limit); see ${where}.`,
  jobSummaryPlace: (runUrl: string | null) => (runUrl ? `the job summary of ${runUrl}` : 'the job summary'),
  annotationsCapped: (shown: number, total: number) =>
    `GitHub shows only 10 warning and 10 error annotations per step: ${shown} of ${total} findings are annotated (most severe first); all of them are listed in the job summary.`,

  // artifacts (fork-safe mode)
  artifactInvalid: (file: string, issues: string[]) =>
    `the artifact ${file} is not a valid hunkwise review (${oneLine(issues.slice(0, 5).join('; '))}); refusing to post it.`,
  artifactUnreadable: (file: string, error: unknown) =>
    `cannot read the artifact ${file}: ${oneLine(errorMessage(error))}; nothing was posted.`,
  artifactNumberMismatch: (number: number, expected: number[]) =>
    `the artifact names pull request #${number}, but the triggering run was for #${expected.join(', #')}; refusing to post it.`,
  artifactPullMissing: (number: number, repository: string, detail: string) =>
    `the artifact names pull request #${number}, which ${repository} does not have (404: ${detail}); nothing was posted.`,
  artifactPullUnreadable: (number: number, repository: string, status: number | string, detail: string) =>
    `could not read pull request #${number} of ${repository} (${status}: ${detail}), so the artifact was not posted; check the token's pull-requests permission.`,
  artifactHeadMismatch: (artifact: string, expected: string) =>
    `the artifact was computed for ${short(artifact)}, but the triggering run was for ${short(expected)}; refusing to post it.`,
  artifactStale: (artifact: string, current: string) =>
    `the pull request moved on to ${short(current)} since the artifact's ${short(artifact)}; not posting (a newer run will).`,
  artifactOutside: (n: number) =>
    `${n} finding${n === 1 ? '' : 's'} in the artifact ${n === 1 ? 'is' : 'are'} about files this pull request does not change; not posted.`,
  artifactOverCap: (n: number) =>
    `${n} finding${n === 1 ? '' : 's'} in the artifact beyond the ${FINDING_CAPS.findings} posted from one artifact (least severe first, or repeating a fingerprint); not posted.`,
  artifactUnverifiable: () =>
    "could not read the pull request's files from GitHub, so the artifact cannot be checked against its diff; nothing was posted.",
  artifactWritten: (file: string) => `wrote the review artifact to ${file}`,
  notWorkflowRun: (name: string) =>
    `--from-artifact is for a 'workflow_run' job, but this run was triggered by '${name || 'an unknown event'}'.`,
  usage: (formats: string) =>
    `usage: review pr [--format ${formats}] [--output FILE] [--dry-run] [--from-artifact FILE] [--config FILE]`,
  unknownFormat: (value: string, allowed: readonly string[]) =>
    `unknown --format '${value}'; use ${allowed.slice(0, -1).join(', ')} or ${allowed.at(-1)}.`,
  dryRunHeader: () => 'dry run: nothing was posted. This is what would be posted:',
  costBaseline: (usd: string, tokens: string) =>
    `Sending every hunk to Claude would cost about ${usd} (${tokens} estimated tokens)`,
  costNoSaving: (baseline: string, counts: string) =>
    `${baseline}; no hunk was reviewed by a model, so no saving is claimed (${counts}).`,
  costSaving: (p: {
    baseline: string;
    claudeTokens: string;
    reviewedTokens: string;
    billed: string;
    saving: string;
    counts: string;
  }) =>
    `${p.baseline}. Of the ${p.reviewedTokens} estimated tokens of the reviewed hunks, ${p.claudeTokens} went to Claude (billed ${p.billed}) and the rest to the local model: **${p.saving} saved** (${p.counts}).`,
  rulesOnlyGroup: (n: number) =>
    `${n} hunk${n === 1 ? '' : 's'} checked by the deterministic rules only: no model read ${n === 1 ? 'it' : 'them'}`,
  notReviewedGroup: (n: number, why: string) => `⚠️ ${n} hunk${n === 1 ? '' : 's'} not reviewed: ${why}`,
};
