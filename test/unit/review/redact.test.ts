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
  test('replaces each secret with a numbered placeholder; the same value keeps its number', () => {
    const text = `a = "${AWS}"\nb = "${AWS}"\nc = "AKIAQ4RT7YU2IO9PLK3M"`;
    const { text: out, count } = redactText(text);
    expect(count).toBe(3);
    expect(out).toBe(
      'a = "[REDACTED:aws-access-key-id#1]"\nb = "[REDACTED:aws-access-key-id#1]"\nc = "[REDACTED:aws-access-key-id#2]"',
    );
  });

  test('is idempotent: placeholders are not secrets', () => {
    const once = redactText(
      `token = "ghp_R8sT2vW9xY4zA7bC1dE6fG3hJ5kL0mN8pQ2r"; password = "Zx9!qL2#vB7$"`,
    ).text;
    expect(redactText(once)).toEqual({ text: once, count: 0 });
  });

  test('leaves ordinary code alone', () => {
    const code = 'const apiKey = process.env.API_KEY;\nconst password = "changeme";';
    expect(redactText(code)).toEqual({ text: code, count: 0 });
  });
});

describe('redactHunk', () => {
  test('a multi-line private key is replaced line by line: line count and numbers survive', () => {
    const hunk = hunkOf('certs/key.js', 1, 1, [' const key = `', ...PEM.map((l) => `+${l}`), ' `;']);
    const { hunk: clean, count } = redactHunk(hunk);
    expect(count).toBe(1);
    expect(clean.lines).toHaveLength(hunk.lines.length);
    expect(clean.lines.map((l) => l.kind)).toEqual(hunk.lines.map((l) => l.kind));
    expect(clean.lines.slice(1, 5).map((l) => l.text)).toEqual(Array(4).fill('[REDACTED:private-key#1]'));
    expect(clean.hash).toBe(hunk.hash);
    expect(JSON.stringify(clean)).not.toContain('MIIEow');
  });

  test('an unchanged hunk is returned as is', () => {
    const hunk = hunkOf('a.js', 1, 1, ['+let a = 1;']);
    expect(redactHunk(hunk)).toEqual({ hunk, count: 0 });
  });
});

test('redactItems covers hunk, context, reasons and the decision copy of the hunk, numbering across items', () => {
  const redactor = new Redactor();
  const hunk = hunkOf('a.js', 1, 1, [`+const k = "${AWS}";`]);
  const item = {
    decision: decisionOf(hunk, 'claude', { reasons: [{ code: 'secret', detail: `found ${AWS}` }] }),
    hunk,
    context: `const k = "${AWS}";`,
    contextStartLine: 1,
  };
  const { value, count } = redactItems([item, item], redactor);
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
    ['src/env.ts', false],
    ['src/secrets.ts', false],
  ] as const)('%s → %s with the default never_send', ([path, expected]) => {
    expect(isNeverSend(path, config)).toBe(expected);
  });

  test('custom globs; an empty list sends everything', () => {
    expect(isNeverSend('internal/plan.md', { never_send: ['internal/**'] })).toBe(true);
    expect(isNeverSend('.env', { never_send: [] })).toBe(false);
  });
});
