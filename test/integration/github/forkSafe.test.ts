// The fork-safe pair: an untrusted run writes an artifact without any token; a trusted workflow_run
// job validates it and posts it, without a checkout of the pull request's code.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { sarifSchemaErrors } from '../../helpers/sarifSchema.js';
import { NUMBER, OWNER, type PullRequestSetup, postArtifact, REPO, setupPullRequest } from './harness.js';

const lines = (n: number, edit: Record<number, string> = {}) =>
  `${Array.from({ length: n }, (_, i) => edit[i + 1] ?? `export const v${i + 1} = ${i + 1};`).join('\n')}\n`;

describe('fork-safe mode', () => {
  let pr: PullRequestSetup;
  let head: string;
  let trusted: string;
  beforeAll(async () => {
    pr = await setupPullRequest({ 'src/a.ts': lines(20) });
    head = pr.repo.commit('fork change', {
      'src/a.ts': lines(20, { 4: 'export const v4 = 4; // TODO from a fork' }),
    });
    pr.github.push({ headSha: head, diff: pr.prDiff(head) });
    trusted = mkdtempSync(join(tmpdir(), 'hunkwise-trusted-')); // no checkout of the PR here
  });
  afterAll(async () => {
    await pr.cleanup();
    rmSync(trusted, { recursive: true, force: true });
  });

  const post = (artifact: string, workflowHead: string) =>
    postArtifact(pr.github, trusted, artifact, { workflowHead });

  test('untrusted run: writes the artifact, touches no API, needs no token', async () => {
    const out = join(pr.dir, 'findings.json');
    const run = await pr.run({ head, fork: true, token: '', args: ['--format', 'json', '--output', out] });
    expect(run.code).toBe(0);
    expect(pr.github.requests).toEqual([]);
    const artifact = JSON.parse(readFileSync(out, 'utf8'));
    expect(artifact.pullRequest).toEqual({
      repository: `${OWNER}/${REPO}`,
      number: NUMBER,
      headSha: head,
      baseSha: pr.base,
    });
    expect(
      artifact.report.findings.map((f: { file: string; line: number }) => `${f.file}:${f.line}`),
    ).toEqual(['src/a.ts:4']);
    expect(run.summary).toContain('`src/a.ts:4`'); // maintainers see the findings in the run itself
    writeFileSync(join(trusted, 'findings.json'), readFileSync(out));
  });

  test('trusted run: validates and posts one review on the head the artifact names', async () => {
    const run = await post('findings.json', head);
    expect(run.stderr).toContain('posted a review with 1 inline comment');
    expect(run.code).toBe(0);
    expect(pr.github.reviews).toHaveLength(1);
    expect(pr.github.reviews[0]?.commit_id).toBe(head);
    expect(pr.github.reviewComments.map((c) => [c.path, c.line])).toEqual([['src/a.ts', 4]]);
    expect(pr.github.openApiIssues).toEqual([]);
  });

  test('posting the same artifact again changes nothing', async () => {
    const writes = pr.github.writes().length;
    await post('findings.json', head);
    expect(pr.github.writes()).toHaveLength(writes);
  });

  test('a tampered artifact is refused before anything is posted', async () => {
    const artifact = JSON.parse(readFileSync(join(trusted, 'findings.json'), 'utf8'));
    artifact.report.findings[0].file = '../../../etc/passwd';
    writeFileSync(join(trusted, 'evil.json'), JSON.stringify(artifact));
    const writes = pr.github.writes().length;
    await expect(post('evil.json', head)).rejects.toThrow(
      /not a valid hunkwise review .*not a safe relative path/,
    );
    expect(pr.github.writes()).toHaveLength(writes);
  });

  test('an artifact for another head than the triggering run is refused', async () => {
    await expect(post('findings.json', 'f'.repeat(40))).rejects.toThrow(
      /computed for .* but the triggering run was for fffffff/,
    );
  });

  test('the same command writes SARIF and rdjson for the pull request', async () => {
    const sarifPath = join(pr.dir, 'out.sarif');
    const run = await pr.run({ head, token: '', args: ['--format', 'sarif', '--output', sarifPath] });
    expect(run.code).toBe(0);
    const sarif = JSON.parse(readFileSync(sarifPath, 'utf8'));
    expect(sarif.version).toBe('2.1.0');
    expect(sarifSchemaErrors(sarif)).toEqual([]);
    expect(sarif.runs[0].results[0].locations[0].physicalLocation.region.startLine).toBe(4);
    const rd = await pr.run({ head, token: '', args: ['--format', 'rdjson'] });
    expect(JSON.parse(rd.stdout).diagnostics[0].location).toEqual({
      path: 'src/a.ts',
      range: { start: { line: 4 }, end: { line: 4 } },
    });
  });

  test('--dry-run prints what would be posted and posts nothing', async () => {
    const next = pr.repo.commit('more', {
      'src/a.ts': lines(20, { 4: 'export const v4 = 4; // TODO from a fork', 12: '// TODO dry' }),
    });
    pr.github.push({ headSha: next, diff: pr.prDiff(next) });
    const writes = pr.github.writes().length;
    const run = await pr.run({ head: next, args: ['--dry-run'] });
    expect(run.stdout).toContain('dry run: nothing was posted');
    // No model was called, so no saving is claimed; what became of the hunks is said instead.
    expect(run.stdout).toContain('No model was called.');
    expect(run.stdout).toContain(
      'no hunk was reviewed by a model, so no saving is claimed (hunks: 0 reviewed, 0 left for CI, 1 not reviewed)',
    );
    expect(run.stdout).not.toMatch(/% saved/);
    expect(pr.github.writes()).toHaveLength(writes);
  });
});
