import { describe, expect, test } from 'vitest';
import { configSchema } from '../../../src/config/schema.js';
import { isNeverSend, Redactor, redactHunk, redactItems, redactText } from '../../../src/review/redact.js';
import { decisionOf, hunkOf } from '../../helpers/build.js';

const AWS = 'AKIAZ7QW3RT5YU8IOPLK';
const PEM = [
  '-----BEGIN RSA PRIVATE KEY-----',
  'MIIEowIBAAKCAQEA3Tz2mr7SZiAMfQyuvBjM9Oi6Z7Z8fQ0dJ5n1Q3n5Zr1wq8xY',
  'Kx9yQ1pYb3RjZXJ0aWZpY2F0ZWtleWRhdGFoZXJlZm9ydGVzdGluZ3B1cnBvc2Vz',
  '-----END RSA PRIVATE KEY-----',
];

describe('redactText', () => {
  test('replaces each secret with a numbered placeholder; the same value keeps its number', async () => {
    const text = `a = "${AWS}"\nb = "${AWS}"\nc = "AKIAQ4RT7YU2IO9PLK3M"`;
    const { text: out, count } = await redactText(text);
    expect(count).toBe(3);
    expect(out).toBe(
      'a = "[REDACTED:aws-access-key-id#1]"\nb = "[REDACTED:aws-access-key-id#1]"\nc = "[REDACTED:aws-access-key-id#2]"',
    );
  });

  test('is idempotent: placeholders are not secrets', async () => {
    const once = (
      await redactText(`token = "ghp_R8sT2vW9xY4zA7bC1dE6fG3hJ5kL0mN8pQ2r"; password = "Zx9!qL2#vB7$"`)
    ).text;
    expect(once).toBe('token = "[REDACTED:github-token#1]"; password = "[REDACTED:hard-coded-credential#1]"');
    expect(await redactText(once)).toEqual({ text: once, count: 0 });
  });

  test('leaves ordinary code alone', async () => {
    const code = 'const apiKey = process.env.API_KEY;\nconst password = "changeme";';
    expect(await redactText(code)).toEqual({ text: code, count: 0 });
  });

  test('label-only values are redacted as well, keeping the label readable; unquoted ones in config files', async () => {
    const redactor = new Redactor();
    const env = await redactText('SERVICE_KEY=q8Fj3kLm9Zx2Wv7Pt4Rb\nDEBUG=true', redactor, 'deploy/.env');
    expect(env.text).toBe('SERVICE_KEY=[REDACTED:hard-coded-credential#1]\nDEBUG=true');
  });

  test('a value redacted once is replaced wherever it appears again, even where nothing marks it', async () => {
    const redactor = new Redactor();
    await redactText('token: q8Fj3kLm9Zx2Wv7Pt4Rb', redactor, 'config.yml');
    const later = await redactText('call(q8Fj3kLm9Zx2Wv7Pt4Rb)', redactor, 'src/a.js');
    expect(later).toEqual({ text: 'call([REDACTED:hard-coded-credential#1])', count: 1 });
  });
});

describe('redactHunk', () => {
  test('a multi-line private key is replaced line by line: line count and numbers survive', async () => {
    const hunk = hunkOf('certs/key.js', 1, 1, [' const key = `', ...PEM.map((l) => `+${l}`), ' `;']);
    const { hunk: clean, count } = await redactHunk(hunk);
    expect(count).toBe(1);
    expect(clean.lines).toHaveLength(hunk.lines.length);
    expect(clean.lines.map((l) => l.kind)).toEqual(hunk.lines.map((l) => l.kind));
    expect(clean.lines.slice(1, 5).map((l) => l.text)).toEqual(Array(4).fill('[REDACTED:private-key#1]'));
    expect(clean.hash).toBe(hunk.hash);
    expect(JSON.stringify(clean)).not.toContain('MIIEow');
  });

  test('an unchanged hunk is returned as is', async () => {
    const hunk = hunkOf('a.js', 1, 1, ['+let a = 1;']);
    expect(await redactHunk(hunk)).toEqual({ hunk, count: 0 });
  });

  test('context and deleted lines are redacted like added ones', async () => {
    const token = 'ghp_R8sT2vW9xY4zA7bC1dE6fG3hJ5kL0mN8pQ2r';
    const hunk = hunkOf('a.js', 1, 1, [` const a = "${token}";`, `-const b = "${token}";`, '+const c = 1;']);
    const { hunk: clean } = await redactHunk(hunk);
    expect(clean.lines.map((l) => l.text)).toEqual([
      'const a = "[REDACTED:github-token#1]";',
      'const b = "[REDACTED:github-token#1]";',
      'const c = 1;',
    ]);
  });
});

test('redactItems covers hunk, context, reasons and the decision copy of the hunk, numbering across items', async () => {
  const redactor = new Redactor();
  const hunk = hunkOf('a.js', 1, 1, [`+const k = "${AWS}";`]);
  const item = {
    decision: decisionOf(hunk, 'claude', { reasons: [{ code: 'secret', detail: `found ${AWS}` }] }),
    hunk,
    context: `const k = "${AWS}";`,
    contextStartLine: 1,
  };
  const { value, count } = await redactItems([item, item], redactor);
  expect(count).toBe(6);
  expect(JSON.stringify(value)).not.toContain(AWS);
  // Per item: hunk, decision.hunk (the same redacted hunk), context and reason.
  expect(JSON.stringify(value).match(/aws-access-key-id#1/g)).toHaveLength(8);
  expect(value[0]!.hunk.hash).toBe(hunk.hash);
});

describe('isNeverSend', () => {
  const config = configSchema.parse({});
  test.for([
    ['.env', true],
    ['app/.env.production', true],
    ['deploy/server.pem', true],
    ['config/secrets/db.yml', true],
    ['.config/secrets/x', true],
    ['app/.ENV', true],
    ['Secrets/db.yml', true],
    ['deploy/production.env', true],
    ['config/.env.local', true],
    ['certs/Server.KEY', true],
    ['keys/client.p12', true],
    ['keys/client.pfx', true],
    ['home/.ssh/id_rsa', true],
    ['home/.ssh/id_ed25519.pub', true],
    ['src/env.ts', false],
    ['src/secrets.ts', false],
    ['docs/environment.md', false],
  ] as const)('%s → %s with the default never_send', ([path, expected]) => {
    expect(isNeverSend(path, config)).toBe(expected);
  });

  test('custom globs, matched ignoring case; an empty list sends everything', () => {
    expect(isNeverSend('internal/plan.md', { never_send: ['internal/**'] })).toBe(true);
    expect(isNeverSend('Internal/Plan.md', { never_send: ['internal/**'] })).toBe(true);
    expect(isNeverSend('.env', { never_send: [] })).toBe(false);
  });
});
