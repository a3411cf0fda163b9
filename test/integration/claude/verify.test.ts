// The optional verification pass: Claude confirms or rejects local major/critical findings.
import { afterAll, afterEach, beforeAll, expect, test } from 'vitest';
import type { Config } from '../../../src/config/schema.js';
import { describeNotice } from '../../../src/messages/outcomes.js';
import { createAnthropicProvider } from '../../../src/review/providers/anthropic.js';
import { verifyLocalFindings } from '../../../src/review/verify.js';
import { type FakeAnthropic, startFakeAnthropic } from '../../fakes/anthropicServer.js';
import { findingOf, hunkOf } from '../../helpers/build.js';
import { claudeConfig } from './items.js';

let fake: FakeAnthropic;
const env = () => ({ ANTHROPIC_API_KEY: 'test-key', ANTHROPIC_BASE_URL: fake.url });
/** The escalation role's provider, as the pipeline builds it for the verification pass. */
const verifying = (config: Config, environment: Record<string, string>) => ({
  config,
  provider: createAnthropicProvider({ role: 'escalation', config, env: environment }),
});

beforeAll(async () => {
  fake = await startFakeAnthropic();
});
afterAll(() => fake.close());
afterEach(() => {
  fake.requests.length = 0;
});

const hunk = hunkOf('src/pay.js', 1, 1, [
  ' function pay(a) {',
  '+  return a.amount * 100;',
  '+  charge(a, "sk_live_4eC39HqLyjWDarjtT1zdp7dcxq");',
  ' }',
]);
const major = findingOf({
  file: 'src/pay.js',
  range: { start: 2, end: 2 },
  severity: 'major',
  message: 'float money',
  quote: 'a.amount * 100',
});
const critical = findingOf({
  file: 'src/pay.js',
  range: { start: 3, end: 3 },
  severity: 'critical',
  message: 'live key in code',
});
const minor = findingOf({
  file: 'src/pay.js',
  range: { start: 2, end: 2 },
  severity: 'minor',
  message: 'naming',
});
const fromClaude = findingOf({
  file: 'src/pay.js',
  severity: 'critical',
  source: 'claude',
  message: 'claude said',
});

test('off by default: nothing is sent, findings unchanged', async () => {
  const result = await verifyLocalFindings([major], [hunk], verifying(claudeConfig(), env()));
  expect(result.findings).toEqual([major]);
  expect(fake.requests).toHaveLength(0);
});

test('confirms and rejects: rejected findings become info with the reason, none deleted; only local major+ sent', async () => {
  fake.script({
    type: 'message',
    text: JSON.stringify({
      verdicts: [
        { id: 'f1', verdict: 'reject', reason: 'amount is an integer number of cents already' },
        { id: 'f2', verdict: 'confirm', reason: 'a live Stripe key is committed' },
      ],
    }),
  });
  const config = claudeConfig({ verify_local: true });
  const result = await verifyLocalFindings(
    [major, critical, minor, fromClaude],
    [hunk],
    verifying(config, env()),
  );

  expect(result.findings).toHaveLength(4);
  expect(result.findings[0]).toMatchObject({
    severity: 'info',
    fingerprint: major.fingerprint,
    message: expect.stringContaining('Claude did not confirm this finding: amount is an integer'),
  });
  expect(result.findings.slice(1)).toEqual([critical, minor, fromClaude]);
  expect(result.notes.map(describeNotice)).toContain(
    'Claude verified local findings: 1 confirmed, 1 downgraded to info.',
  );
  expect(result.usage.requests).toBe(1);

  const body = fake.messageRequests()[0]!.body!;
  expect(body.output_config).toMatchObject({
    format: { type: 'json_schema', schema: { required: ['verdicts'] } },
  });
  expect(body).not.toHaveProperty('tools');
  const sent = fake.messageRequests()[0]!.raw;
  expect(sent).toContain('float money');
  expect(sent).toContain('live key in code');
  expect(sent).not.toContain('naming');
  expect(sent).not.toContain('claude said');
  expect(sent).not.toContain('sk_live_4eC39HqLyjWDarjtT1zdp7dcxq');
});

test('a failed verification leaves findings unchanged, with a note', async () => {
  fake.script({ type: 'error', status: 500, errorType: 'api_error', message: 'Internal server error' });
  const config = claudeConfig({ verify_local: true });
  const result = await verifyLocalFindings([major, critical], [hunk], verifying(config, env()));
  expect(result.findings).toEqual([major, critical]);
  expect(result.notes.map(describeNotice).join('\n')).toMatch(
    /verification by Claude failed \(Claude server error \(500\).*findings left unchanged/,
  );
});

test('no key: unchanged, with a note', async () => {
  const config = claudeConfig({ verify_local: true });
  const result = await verifyLocalFindings([major], [hunk], verifying(config, {}));
  expect(result.findings).toEqual([major]);
  expect(result.notes.map(describeNotice).join('\n')).toContain('ANTHROPIC_API_KEY is not set');
});

test('a hung API stops the pass at the first request: its retries, then no further group is sent', async () => {
  // 25 findings: two groups of at most 20; the first group's request hangs.
  const many = Array.from({ length: 25 }, (_, i) =>
    findingOf({ ...major, message: `float money ${i}`, quote: `a.amount * 100 /* ${i} */` }),
  );
  const config = claudeConfig({ verify_local: true, timeout_seconds: 0.3, max_retries: 1 });
  fake.script({ type: 'hang' }, { type: 'hang' });
  const result = await verifyLocalFindings(many, [hunk], verifying(config, env()));
  expect(fake.messageRequests()).toHaveLength(2);
  expect(result.findings).toEqual(many);
  expect(result.notes.map(describeNotice).join('\n')).toMatch(/did not answer within 0\.3 s/);
});
