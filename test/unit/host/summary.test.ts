import { expect, test } from 'vitest';
import { buildSummary } from '../../../src/host/summary.js';
import { result, usage } from '../policy/buildResult.js';

const input = (hosts: NonNullable<ReturnType<typeof usage>['hosts']>) => ({
  headSha: 'abcdef0123456789',
  scope: [],
  findings: [],
  result: result({ usage: [usage('qwen2.5-coder:7b', 'openai', { role: 'local', requests: 10, hosts })] }),
  resolved: 0,
  listInline: false,
  overflowTo: 'the job summary',
});

test("the cost table gives a pool's servers a row each, under their model", () => {
  const servers = [
    { host: 'http://gpu-box:8000/v1', requests: 7, inputTokens: 9000, outputTokens: 700 },
    { host: 'http://laptop:11434', requests: 3, inputTokens: 3000, outputTokens: 200 },
  ];
  const text = buildSummary(input(servers), 60_000);
  expect(text).toContain(
    [
      '| `qwen2.5-coder:7b` | 10 | 1,200 | 150 | 0 | $0.00 |',
      '| ↳ `http://gpu-box:8000/v1` | 7 | 9,000 | 700 | | |',
      '| ↳ `http://laptop:11434` | 3 | 3,000 | 200 | | |',
    ].join('\n'),
  );
  expect(buildSummary(input(servers.slice(0, 1)), 60_000)).not.toContain('↳');
});
