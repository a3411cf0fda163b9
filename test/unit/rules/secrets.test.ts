import { describe, expect, test } from 'vitest';
import { defaultConfig } from '../../../src/config/defaults.js';
import { runRules } from '../../../src/rules/runRules.js';
import { detectSecrets, shannonEntropy } from '../../../src/rules/secrets.js';
import { fileWith } from '../route/diffBuilders.js';

// Fake credentials are assembled at run time so that secret scanners never see one in this file.
const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
function randomish(length: number, seed = 7, alphabet = ALPHABET): string {
  let x = seed;
  let out = '';
  for (let i = 0; i < length; i++) {
    x = (x * 1103515245 + 12345) % 2147483648;
    out += alphabet[(x >>> 16) % alphabet.length];
  }
  return out;
}
const UPPER = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
const join = (...parts: string[]) => parts.join('');

const positives: Array<{ kind: string; line: string; secret: string }> = [
  { kind: 'AWS access key id', secret: join('AK', 'IA', randomish(16, 3, UPPER)), line: 'aws_key = "$"' },
  { kind: 'GitHub token', secret: join('gh', 'p_', randomish(36)), line: "const token = '$';" },
  { kind: 'GitHub token', secret: join('gh', 'o_', randomish(36, 9)), line: 'auth: $' },
  {
    kind: 'GitHub fine-grained token',
    secret: join('github', '_pat_', randomish(22), '_', randomish(59, 4)),
    line: 'GH=$',
  },
  {
    kind: 'Slack token',
    secret: join('xo', 'xb-', randomish(12, 5), '-', randomish(24, 6)),
    line: "slack('$')",
  },
  { kind: 'Stripe live key', secret: join('sk', '_live_', randomish(24, 8)), line: 'stripe($)' },
  { kind: 'Google API key', secret: join('AI', 'za', randomish(35, 10)), line: 'key=$' },
  {
    kind: 'Anthropic API key',
    secret: join('sk-', 'ant-', 'api03-', randomish(80, 11)),
    line: 'ANTHROPIC_API_KEY=$',
  },
  { kind: 'OpenAI API key', secret: join('sk-', 'proj-', randomish(48, 12)), line: 'openai = "$"' },
  {
    kind: 'npm token',
    secret: join('np', 'm_', randomish(36, 13)),
    line: '//registry.npmjs.org/:_authToken=$',
  },
  {
    kind: 'JSON Web Token',
    secret: join('ey', 'J', randomish(20, 14), '.ey', 'J', randomish(30, 15), '.', randomish(43, 16)),
    line: 'Authorization: Bearer $',
  },
  { kind: 'private key', secret: join('-----BEGIN ', 'RSA PRIVATE', ' KEY-----'), line: '$' },
  { kind: 'hard-coded credential', secret: join('q8', randomish(18, 17)), line: 'db_password = "$"' },
  { kind: 'hard-coded credential', secret: join('Zx', randomish(30, 18)), line: '"clientSecret": "$",' },
  {
    kind: 'password in URL',
    secret: join('pR', randomish(14, 19)),
    line: 'DATABASE_URL=postgres://app:$@db.internal:5432/app',
  },
];

describe('detectSecrets', () => {
  test.for(positives)('finds a $kind and covers exactly the value', ({ kind, line, secret }) => {
    const text = line.replace('$', secret);
    const found = detectSecrets(text);
    expect(found.map((f) => f.kind)).toContain(kind);
    const match = found.find((f) => f.kind === kind)!;
    expect(text.slice(match.index, match.index + match.length)).toContain(secret.slice(0, 12));
  });

  test.for([
    'password = "changeme"',
    'password: "${DB_PASSWORD}"',
    'api_key = "xxxxxxxxxxxxxxxxxxxx"',
    'token = "<your-token-here>"',
    'secret: "{{ secrets.API_KEY }}"',
    'password = process.env.DB_PASSWORD',
    'const token = getToken(request);',
    'apiKey: "YOUR_API_KEY_HERE"',
    'aws_key = "AKIAIOSFODNN7EXAMPLE"',
    'auth: "ghp_xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx"',
    'password = "password123"',
    'const secretName = "db-credentials";',
    '//registry.npmjs.org/:_authToken=${NPM_TOKEN}',
    'url = "https://user:${PASS}@example.com"',
  ])('ignores the placeholder %j', (line) => {
    expect(detectSecrets(line)).toEqual([]);
  });

  test('reports offsets of several secrets on one line without overlaps', () => {
    const a = join('gh', 'p_', randomish(36, 21));
    const b = join('np', 'm_', randomish(36, 22));
    const text = `A=${a} B=${b}`;
    const found = detectSecrets(text);
    expect(found.map((f) => text.slice(f.index, f.index + f.length))).toEqual([a, b]);
  });

  test('a whole PEM block is one match', () => {
    const pem = [
      join('-----BEGIN ', 'PRIVATE', ' KEY-----'),
      randomish(64, 23),
      randomish(40, 24),
      join('-----END ', 'PRIVATE', ' KEY-----'),
    ].join('\n');
    const found = detectSecrets(`key: |\n${pem}\n`);
    expect(found).toHaveLength(1);
    expect(found[0]!.length).toBe(pem.length);
  });

  test('entropy separates random values from words', () => {
    expect(shannonEntropy(randomish(32))).toBeGreaterThan(4);
    expect(shannonEntropy('aaaaaaaa')).toBe(0);
  });
});

describe('secret findings', () => {
  const secret = join('gh', 'p_', randomish(36, 31));
  const files = [
    fileWith('src/deploy.js', [' const a = 1;', `+const token = '${secret}';`, `-const old = '${secret}';`]),
  ];

  test('an added secret is a critical finding that names the kind but never the value', () => {
    const findings = runRules(files, defaultConfig());
    expect(findings).toHaveLength(1);
    const [finding] = findings;
    expect(finding).toMatchObject({
      file: 'src/deploy.js',
      range: { start: 2, end: 2 },
      severity: 'critical',
      category: 'secret',
      source: 'rule',
      origin: 'secrets',
    });
    expect(finding!.message).toContain('GitHub token');
    expect(JSON.stringify(finding)).not.toContain(secret);
    expect(JSON.stringify(finding)).not.toContain(secret.slice(4, 20));
  });

  test('the fingerprint is stable across line moves and differs between secrets', () => {
    const moved = [fileWith('src/deploy.js', [' a', ' b', ' c', `+const token = '${secret}';`])];
    const other = [fileWith('src/deploy.js', [`+const token = '${join('gh', 'p_', randomish(36, 32))}';`])];
    const fp = (f: typeof files) => runRules(f, defaultConfig())[0]!.fingerprint;
    expect(fp(moved)).toBe(fp(files));
    expect(fp(other)).not.toBe(fp(files));
  });

  test('allow_secrets globs and rules.secrets: false silence it', () => {
    const base = defaultConfig();
    expect(runRules(files, { ...base, rules: { ...base.rules, allow_secrets: ['src/**'] } })).toEqual([]);
    expect(runRules(files, { ...base, rules: { ...base.rules, secrets: false } })).toEqual([]);
  });

  test('skipped files are not scanned', () => {
    const skipped = { ...files[0]!, skipped: { reason: 'ignored' as const, detail: 'x' } };
    expect(runRules([skipped], defaultConfig())).toEqual([]);
  });
});
