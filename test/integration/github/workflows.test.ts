// The shipped workflows keep the security properties docs/github.md promises.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { parse } from 'yaml';

interface Step {
  uses?: string;
  run?: string;
  with?: Record<string, unknown>;
  env?: Record<string, string>;
}
interface Workflow {
  on: Record<string, unknown>;
  permissions: Record<string, string>;
  jobs: Record<string, { if?: string; 'runs-on': string; steps: Step[] }>;
}

const root = join(import.meta.dirname, '../../..');
const load = (name: string) => {
  const text = readFileSync(join(root, '.github/workflows', name), 'utf8');
  return { text, wf: parse(text) as Workflow };
};

describe('workflows', () => {
  test('review.yml: self-hosted, same-repository PRs only, least permissions, full history, no persisted token', () => {
    const { wf } = load('review.yml');
    expect(Object.keys(wf.on)).toEqual(['pull_request']);
    expect(wf.permissions).toEqual({ contents: 'read', 'pull-requests': 'write' });
    const job = wf.jobs.review;
    expect(job?.['runs-on']).toBe('self-hosted');
    expect(job?.if).toContain('github.event.pull_request.head.repo.full_name == github.repository');
    const checkout = job?.steps.find((s) => s.uses?.startsWith('actions/checkout'));
    expect(checkout?.with).toMatchObject({ 'fetch-depth': 0, 'persist-credentials': false });
    const review = job?.steps.find((s) => s.run?.includes('review pr'));
    expect(Object.keys(review?.env ?? {}).sort()).toEqual([
      'ANTHROPIC_API_KEY',
      'GITHUB_TOKEN',
      'OLLAMA_HOST',
    ]);
  });

  test('fork pair: the untrusted run has no secrets and is not self-hosted; the trusted run never touches PR code', () => {
    const untrusted = load('review-fork-untrusted.yml');
    expect(untrusted.text).not.toMatch(/secrets\./);
    expect(untrusted.wf.permissions).toEqual({ contents: 'read' });
    expect(untrusted.wf.jobs.review?.['runs-on']).not.toBe('self-hosted');
    expect(untrusted.wf.jobs.review?.if).toContain('!= github.repository');
    expect(untrusted.text).toContain('--format json --output');

    const post = load('review-fork-post.yml');
    expect(Object.keys(post.wf.on)).toEqual(['workflow_run']);
    const steps = post.wf.jobs.post?.steps ?? [];
    const checkout = steps.find((s) => s.uses?.startsWith('actions/checkout'));
    expect(checkout?.with?.ref).toBeUndefined(); // the default branch, never the PR head
    expect(post.text).not.toMatch(/pull_request_target|head_sha|head\.ref|allow-unsafe-pr-checkout/);
    const download = steps.find((s) => s.uses?.startsWith('actions/download-artifact'));
    expect(String(download?.with?.path)).toContain('runner.temp');
    expect(steps.at(-1)?.run).toContain('review pr --from-artifact');
  });
});
