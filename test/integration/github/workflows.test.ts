// The shipped workflows and the ones docs/github.md gives to copy: actionlint-clean, using the Action with
// inputs it has, and keeping the security properties docs/github.md promises.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { parse } from 'yaml';
import { actionlint } from '../../helpers/actionlint.js';

interface Step {
  id?: string;
  uses?: string;
  run?: string;
  if?: string;
  with?: Record<string, unknown>;
  env?: Record<string, string>;
}
interface Workflow {
  name: string;
  on: Record<string, unknown>;
  permissions: Record<string, string>;
  jobs: Record<string, { if?: string; 'runs-on': string | string[]; steps: Step[] }>;
}

const root = join(import.meta.dirname, '../../..');
const workflowDir = join(root, '.github/workflows');
const load = (name: string) => {
  const text = readFileSync(join(workflowDir, name), 'utf8');
  return { text, wf: parse(text) as Workflow };
};
const action = parse(readFileSync(join(root, 'action.yml'), 'utf8')) as {
  inputs: Record<string, unknown>;
  outputs: Record<string, unknown>;
};

/** Every complete workflow (a YAML block with `on:` and `jobs:`) that docs/github.md offers to copy. */
function docWorkflows(): Array<{ name: string; text: string }> {
  const doc = readFileSync(join(root, 'docs/github.md'), 'utf8');
  return [...doc.matchAll(/```yaml\n([\s\S]*?)```/g)]
    .map((m) => m[1] as string)
    .filter((text) => /^on:/m.test(text) && /^jobs:/m.test(text))
    .map((text, i) => ({ name: `docs/github.md workflow ${i + 1}`, text }));
}

const shipped = readdirSync(workflowDir)
  .filter((f) => f.endsWith('.yml'))
  .map((f) => ({ name: f, text: readFileSync(join(workflowDir, f), 'utf8') }));
const all = [...shipped, ...docWorkflows()];

/** The WASM actionlint cannot read .github/actionlint.yaml, so its runner labels are applied here. */
const config = parse(readFileSync(join(root, '.github/actionlint.yaml'), 'utf8')) as {
  'self-hosted-runner': { labels: string[] };
};
const declaredLabel = (message: string) =>
  config['self-hosted-runner'].labels.some((label) => message.startsWith(`label "${label}" is unknown`));

const isHunkwise = (step: Step) => step.uses === './' || step.uses?.startsWith('hunkwise/hunkwise@');
const actionSteps = (wf: Workflow) => Object.values(wf.jobs).flatMap((job) => job.steps.filter(isHunkwise));

describe('every workflow, shipped and documented', () => {
  test('there are the three shipped workflows and four to copy', () => {
    expect(shipped.map((w) => w.name).sort()).toEqual([
      'review-fork-post.yml',
      'review-fork-untrusted.yml',
      'review.yml',
    ]);
    expect(docWorkflows()).toHaveLength(4);
  });

  test('actionlint runs and reports (a clean result is not a linter that checks nothing)', async () => {
    const bad = [
      'on: pull_request',
      'jobs:',
      '  a:',
      '    runs-on: ubuntu-latest',
      '    steps:',
      '      - uses: actions/checkout@v4',
      '        with: { fetch-dpth: 0 }',
      '      - run: echo "${{ github.event.pull_request.title }}"',
      '',
    ].join('\n');
    const kinds = (await actionlint(bad, join(workflowDir, 'bad.yml'))).map((p) => p.kind);
    expect(kinds).toEqual(['action', 'expression']);
  });

  test.for(all.map((w) => [w.name, w] as const))('%s: actionlint finds nothing', async ([, w]) => {
    // actionlint derives the file kind from the path: every text is linted as a workflow file.
    const path = join(workflowDir, w.name.replace(/[^\w.-]+/g, '-').replace(/(\.yml)?$/, '.yml'));
    expect((await actionlint(w.text, path)).filter((p) => !declaredLabel(p.message))).toEqual([]);
  });

  test.for(all.map((w) => [w.name, w] as const))(
    '%s: the hunkwise step uses only inputs and outputs action.yml declares',
    ([, w]) => {
      const wf = parse(w.text) as Workflow;
      const steps = actionSteps(wf);
      expect(steps.length).toBeGreaterThan(0);
      for (const step of steps) {
        for (const input of Object.keys(step.with ?? {})) expect(Object.keys(action.inputs)).toContain(input);
        const id = step.id;
        if (!id) continue;
        for (const m of w.text.matchAll(new RegExp(`steps\\.${id}\\.outputs\\.([\\w-]+)`, 'g')))
          expect(Object.keys(action.outputs)).toContain(m[1]);
      }
      // The Action brings everything: no build step, no setup-node, no npm install.
      expect(w.text).not.toMatch(/npm (ci|install)|npm run build|setup-node/);
    },
  );

  test.for(all.map((w) => [w.name, w] as const))(
    '%s: never pull_request_target, never a persisted token',
    ([, w]) => {
      expect(w.text).not.toMatch(/pull_request_target|allow-unsafe-pr-checkout/);
      const wf = parse(w.text) as Workflow;
      for (const job of Object.values(wf.jobs))
        for (const step of job.steps.filter((s) => s.uses?.startsWith('actions/checkout')))
          expect(step.with?.['persist-credentials']).toBe(false);
    },
  );
});

describe('the shipped workflows', () => {
  test('review.yml: self-hosted, same-repository PRs only, least permissions, full history, the Action from this checkout', () => {
    const { wf } = load('review.yml');
    expect(Object.keys(wf.on)).toEqual(['pull_request']);
    expect(wf.permissions).toEqual({ contents: 'read', 'pull-requests': 'write' });
    const job = wf.jobs.review;
    expect(job?.['runs-on']).toBe('self-hosted');
    expect(job?.if).toContain('github.event.pull_request.head.repo.full_name == github.repository');
    const checkout = job?.steps.find((s) => s.uses?.startsWith('actions/checkout'));
    expect(checkout?.with).toMatchObject({ 'fetch-depth': 0, 'persist-credentials': false });
    const review = job?.steps.find((s) => s.uses === './');
    expect(Object.keys(review?.with ?? {}).sort()).toEqual(['anthropic-api-key', 'ollama-host']);
  });

  test('fork pair: the untrusted run has no secrets and is not self-hosted; the trusted run never touches PR code', () => {
    const untrusted = load('review-fork-untrusted.yml');
    expect(untrusted.text).not.toMatch(/secrets\./);
    expect(untrusted.wf.permissions).toEqual({ contents: 'read' });
    expect(untrusted.wf.jobs.review?.['runs-on']).not.toBe('self-hosted');
    expect(untrusted.wf.jobs.review?.if).toContain('!= github.repository');
    const review = untrusted.wf.jobs.review?.steps.find((s) => s.uses === './');
    expect(review?.with).toEqual({ format: 'json', output: 'hunkwise-out/findings.json' });
    const upload = untrusted.wf.jobs.review?.steps.find((s) => s.uses?.startsWith('actions/upload-artifact'));
    expect(upload?.with?.path).toBe('hunkwise-out/findings.json');

    const post = load('review-fork-post.yml');
    expect(Object.keys(post.wf.on)).toEqual(['workflow_run']);
    expect((post.wf.on.workflow_run as { workflows: string[] }).workflows).toEqual([untrusted.wf.name]);
    const steps = post.wf.jobs.post?.steps ?? [];
    const checkout = steps.find((s) => s.uses?.startsWith('actions/checkout'));
    expect(checkout?.with?.ref).toBeUndefined(); // the default branch, never the PR head
    expect(post.text).not.toMatch(/head_sha|head\.ref/);
    const download = steps.find((s) => s.uses?.startsWith('actions/download-artifact'));
    expect(String(download?.with?.path)).toContain('runner.temp');
    expect(steps.at(-1)).toMatchObject({
      uses: './',
      with: { artifact: '${{ runner.temp }}/hunkwise/findings.json' },
    });
  });
});
