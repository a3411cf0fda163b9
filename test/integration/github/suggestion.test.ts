// One-click fixes end to end: the local model's suggestion goes to the loopback GitHub as a ```suggestion
// on exactly the lines it replaces, which GitHub accepts; a partial-line one stays a plain code block.
import { afterAll, beforeAll, expect, test } from 'vitest';
import { type ChatBody, type FakeOllama, startFakeOllama, userPrompt } from '../../fakes/ollamaServer.js';
import { setupPullRequest } from './harness.js';

let ollama: FakeOllama;
beforeAll(async () => {
  ollama = await startFakeOllama({
    models: ['qwen2.5-coder:7b'],
    defaultReply: (body: ChatBody) => ({
      findings: userPrompt(body).includes('a.b.c')
        ? [
            {
              file: 'src/f.js',
              line: 2,
              end_line: 3,
              severity: 'minor',
              category: 'bug',
              message: 'a may be null; the early return and the access can be one optional chain.',
              quote: 'if (a == null) return undefined;\nreturn a.b.c;',
              suggestion: 'return a?.b.c;',
            },
            {
              file: 'src/f.js',
              line: 6,
              severity: 'minor',
              category: 'style',
              message: 'Use strict equality.',
              quote: 'x == 1',
              suggestion: 'x === 1',
            },
          ]
        : [],
    }),
  });
});
afterAll(() => ollama.close());

test('exact whole lines become a suggestion with start_line/line; part of a line stays a code block', async () => {
  const pr = await setupPullRequest({
    'config.yml': 'claude:\n  enabled: false\nmemory:\n  enabled: false\n',
    'src/f.js': 'export {};\n',
  });
  try {
    const head = pr.repo.commit('f', {
      'src/f.js': [
        'export function get(a) {',
        '  if (a == null) return undefined;',
        '  return a.b.c;',
        '}',
        'export function one(x) {',
        '  return x == 1;',
        '}',
        '',
      ].join('\n'),
    });
    pr.github.push({ headSha: head, diff: pr.prDiff(head) });
    const run = await pr.run({ head, env: { OLLAMA_HOST: ollama.url } });
    expect(run.stderr).toContain('posted a review with 2 inline comments');
    expect(pr.github.openApiIssues).toEqual([]);
    const [chain, strict] = pr.github.reviewComments;
    expect(chain).toMatchObject({
      path: 'src/f.js',
      start_line: 2,
      line: 3,
      side: 'RIGHT',
      start_side: 'RIGHT',
    });
    expect(chain!.body).toContain('**Suggestion:**\n\n```suggestion\n  return a?.b.c;\n```');
    expect(strict).toMatchObject({ line: 6, start_line: null });
    expect(strict!.body).toContain('**Suggestion:**\n\n```\nx === 1\n```');
  } finally {
    await pr.cleanup();
  }
});
