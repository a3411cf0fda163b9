// A hand-built ReviewResult covering every outcome kind, for reporter tests.
import { defaultConfig } from '../../src/config/defaults.js';
import { placeFindings } from '../../src/findings/place.js';
import { summariseCost } from '../../src/pipeline/cost.js';
import type { ReviewResult } from '../../src/types.js';
import { decisionOf, fileOf, findingOf, hunkOf } from './build.js';

export function sampleResult(): ReviewResult {
  const small = hunkOf('src/util.ts', 3, 3, [' const a = 1;', '-let b = 2', '+let b = 2;', ' export {a}']);
  const risky = hunkOf('src/auth/login.ts', 10, 10, [
    ' function login(user) {',
    '+  return db.query("SELECT * FROM u WHERE n=" + user);',
    ' }',
  ]);
  const docs = hunkOf('docs/guide.md', 1, 1, ['+# Guide']);
  const decisions = [
    decisionOf(small, 'local', { estimatedTokens: 120 }),
    decisionOf(risky, 'claude', {
      estimatedTokens: 300,
      securityScore: 0.9,
      reasons: [{ code: 'security-sql', detail: 'builds SQL from input' }],
    }),
    decisionOf(docs, 'skip', { reasons: [{ code: 'skip-glob', detail: 'matches routing.skip docs/**' }] }),
  ];
  const files = [
    fileOf('src/util.ts', [small]),
    fileOf('src/auth/login.ts', [risky]),
    fileOf('docs/guide.md', [docs], { status: 'added', oldPath: null }),
    fileOf('package-lock.json', [], {
      skipped: { reason: 'ignored', detail: 'matches **/package-lock.json' },
    }),
  ];
  const findings = [
    findingOf({
      file: 'src/util.ts',
      range: { start: 4, end: 4 },
      category: 'style',
      message: 'Missing semicolon fixed; prefer const.',
      severity: 'info',
    }),
    findingOf({
      file: 'src/auth/login.ts',
      range: { start: 11, end: 11 },
      category: 'security',
      severity: 'critical',
      source: 'claude',
      origin: 'claude-sonnet-5-5',
      message: 'SQL built by string concatenation from user input: use a parameterised query.',
      quote: 'db.query("SELECT * FROM u WHERE n=" + user)',
      suggestion: 'return db.query("SELECT * FROM u WHERE n = ?", [user]);',
    }),
  ];
  const run = {
    source: 'HEAD~1..HEAD',
    files,
    decisions,
    outcomes: [
      { hunk: small, route: 'local', status: 'reviewed', by: ['rule', 'local'], notes: [] },
      { hunk: risky, route: 'claude', status: 'reviewed', by: ['rule', 'claude'], notes: [] },
      {
        hunk: docs,
        route: 'skip',
        status: 'skipped',
        reason: { code: 'routing-skip', detail: 'matches routing.skip docs/**' },
        notes: [],
      },
    ],
    findings: placeFindings(findings, files),
    suppressed: [],
    memory: null,
    usage: [
      {
        model: 'qwen2.5-coder:7b',
        role: 'local',
        provider: 'ollama',
        requests: 1,
        inputTokens: 900,
        outputTokens: 80,
        cacheReadTokens: 0,
        cacheWriteTokens: 0,
        cacheHits: 0,
        costUsd: 0,
      },
      {
        model: 'claude-sonnet-5-5',
        role: 'escalation',
        provider: 'anthropic',
        requests: 1,
        inputTokens: 1500,
        outputTokens: 200,
        cacheReadTokens: 1000,
        cacheWriteTokens: 0,
        cacheHits: 0,
        costUsd: 0.0051,
      },
    ],
    notices: [
      { code: 'output-repaired', role: 'local', reanchored: 1, fileLevel: 0, dropped: 0, retried: 0 },
    ],
    dryRun: false,
    durationMs: 1234,
  } satisfies Omit<ReviewResult, 'cost'>;
  return { ...run, cost: summariseCost(run, defaultConfig()) };
}
