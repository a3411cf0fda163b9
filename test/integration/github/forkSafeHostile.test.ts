// The fork-safe artifact is attacker-controlled: a forged one names files outside the pull request, lines
// outside its diff (claiming `placement: inline`), oversized and hostile messages, and more findings than any
// run should post. The trusted job (through the whole CLI) re-places everything against the pull request's
// diff as the loopback GitHub serves it (pulls/{n}/files, paginated) and posts only what belongs there.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { BODY_LIMIT } from '../../../src/host/plan.js';
import { expectInertMarkdown, markdownAttacks, TERMINAL_ATTACKS } from '../../helpers/hostileText.js';
import { type PullRequestSetup, postArtifact, setupPullRequest } from './harness.js';

const lines = (n: number, edit: Record<number, string> = {}) =>
  `${Array.from({ length: n }, (_, i) => edit[i + 1] ?? `export const v${i + 1} = ${i + 1};`).join('\n')}\n`;

const FORGED_HEAD = 'e'.repeat(40);

let pr: PullRequestSetup;
let head: string;
let trusted: string;
beforeAll(async () => {
  pr = await setupPullRequest({ 'src/a.ts': lines(40) });
  head = pr.repo.commit('fork change', {
    'src/a.ts': lines(40, { 4: 'export const v4 = 4; // TODO from a fork' }),
  });
  pr.github.push({ headSha: head, diff: pr.prDiff(head) });
  trusted = mkdtempSync(join(tmpdir(), 'hunkwise-trusted-'));
});
afterAll(async () => {
  await pr.cleanup();
  rmSync(trusted, { recursive: true, force: true });
});

/** The trusted `workflow_run` job, through the CLI, in a directory without the pull request's code. */
const post = (artifact: string) =>
  postArtifact(pr.github, trusted, artifact, { workflowHead: head, cli: true });

type JsonFinding = Record<string, unknown> & { file: string; line: number | null; fingerprint: string };

test('a forged artifact: nothing about other files, nothing inline off the diff, texts and counts capped, all inert', async () => {
  const out = join(pr.dir, 'honest.json');
  await pr.run({ head, fork: true, token: '', args: ['--format', 'json', '--output', out] });
  const artifact = JSON.parse(readFileSync(out, 'utf8')) as { report: { findings: JsonFinding[] } };
  const honest = artifact.report.findings[0] as JsonFinding;
  expect(honest).toMatchObject({ file: 'src/a.ts', line: 4 });
  const forged = (fingerprint: number, fields: Partial<JsonFinding>): JsonFinding => ({
    ...honest,
    fingerprint: fingerprint.toString(16).padStart(16, '0'),
    ...fields,
  });
  artifact.report.findings = [
    honest,
    // A file the pull request does not touch, with a message meant to be read there.
    forged(1, { file: 'src/secrets/outside.ts', line: 1, endLine: 1, message: 'OUTSIDE the pull request' }),
    // Line 30 of the right file, outside every hunk, claiming to be inline.
    forged(2, { line: 30, endLine: 30, placement: 'inline', message: 'off the diff' }),
    // An oversized message, hostile all the way.
    forged(3, {
      severity: 'critical',
      message: `${markdownAttacks(FORGED_HEAD)}\n${TERMINAL_ATTACKS}\n${'A'.repeat(30_000)}`,
      suggestion: `</details>${'B'.repeat(30_000)}`,
    }),
    // More findings than one artifact may post.
    ...Array.from({ length: 520 }, (_, i) => forged(100 + i, { severity: 'info', message: `noise ${i}` })),
  ];
  writeFileSync(join(trusted, 'forged.json'), JSON.stringify(artifact));
  const run = await post('forged.json');
  expect(run.code).toBe(0);
  expect(run.stderr).toContain('1 finding in the artifact is about files this pull request does not change');
  expect(run.stderr).toMatch(/\d+ findings in the artifact beyond the 500 posted from one artifact/);
  // The pull request's diff was read from GitHub, every page of it.
  expect(pr.github.requests.some((r) => r.path.endsWith(`/pulls/7/files`))).toBe(true);
  const writes = pr.github.writes().map((r) => JSON.stringify(r.body));
  expect(writes.join('\n')).not.toContain('src/secrets/outside.ts');
  expect(writes.join('\n')).not.toContain('OUTSIDE the pull request');
  expect(run.summary).not.toContain('outside.ts');
  // Inline only where GitHub's diff has the line: the off-diff finding is in the summary, with its line.
  const inline = pr.github.reviewComments.map((c) => `${c.path}:${c.line}`);
  expect(inline).not.toContain('src/a.ts:30');
  expect(new Set(inline)).toEqual(new Set(['src/a.ts:4']));
  const sticky = pr.github.issueComments.at(-1)?.body ?? '';
  expect(sticky).toContain('`src/a.ts:30`');
  // Sizes: the oversized message is cut, every body stays under GitHub's limit.
  const critical = pr.github.reviewComments.find((c) => c.body.includes('critical'))?.body ?? '';
  expect(critical.length).toBeLessThan(5_000 + 10_000 + 500);
  expect(critical).not.toContain('A'.repeat(4_000));
  for (const c of pr.github.reviewComments) expect(c.body.length).toBeLessThanOrEqual(BODY_LIMIT);
  expect(sticky.length).toBeLessThanOrEqual(BODY_LIMIT);
  // And what was posted is inert Markdown.
  for (const body of [...pr.github.reviewComments.map((c) => c.body), sticky, run.summary])
    expectInertMarkdown(body, FORGED_HEAD);
  expect(run.stderr).not.toMatch(/[\u0000-\u0008\u000b-\u001f]/);
});
