import { describe, expect, test } from 'vitest';
import { defaultConfig } from '../../../src/config/defaults.js';
import { detectSecrets } from '../../../src/rules/detectSecrets.js';
import { isIdentifier, shannonEntropy } from '../../../src/rules/notASecret.js';
import { runRules } from '../../../src/rules/runRules.js';
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
const HEX = '0123456789abcdef';
const join = (...parts: string[]) => parts.join('');
const pem = (label: string) =>
  [
    join('-----BEGIN ', label, ' KEY-----'),
    randomish(64, 23, `${ALPHABET}+/`),
    randomish(64, 24, `${ALPHABET}+/`),
    join('-----END ', label, ' KEY-----'),
  ].join('\n');

interface Case {
  kind: string;
  path: string;
  line: string;
  secret: string;
}

// Known formats and private keys: they block (fail_on.secrets).
const blocking: Case[] = [
  {
    kind: 'AWS access key id',
    path: 'a.py',
    secret: join('AK', 'IA', randomish(16, 3, UPPER)),
    line: 'aws_key = "$"',
  },
  {
    kind: 'AWS secret access key',
    path: '.env',
    secret: randomish(40, 4, `${ALPHABET}/+`),
    line: 'AWS_SECRET_ACCESS_KEY = $',
  },
  { kind: 'GitHub token', path: 'a.js', secret: join('gh', 'p_', randomish(36)), line: "const token = '$';" },
  { kind: 'GitHub token', path: 'a.yml', secret: join('gh', 'o_', randomish(36, 9)), line: 'auth: $' },
  {
    kind: 'Slack token',
    path: 'a.js',
    secret: join(
      'xo',
      'xb-',
      randomish(12, 5, '0123456789'),
      '-',
      randomish(12, 6, '0123456789'),
      '-',
      randomish(24, 6),
    ),
    line: "slack('$')",
  },
  { kind: 'Stripe key', path: 'a.rb', secret: join('sk', '_live_', randomish(24, 8)), line: 'stripe($)' },
  { kind: 'Google API key', path: 'a.js', secret: join('AI', 'za', randomish(35, 10)), line: 'key=$' },
  {
    kind: 'Anthropic API key',
    path: '.env',
    secret: join('sk-', 'ant-', 'api03-', randomish(93, 11), 'AA'),
    line: 'ANTHROPIC_API_KEY=$',
  },
  { kind: 'private key', path: 'deploy/key.js', secret: pem('RSA PRIVATE'), line: 'const key = `$`;' },
  {
    kind: 'password in URL',
    path: 'a.txt',
    secret: join('pR', randomish(14, 19)),
    line: 'API=https://deploy:$@api.internal.example.org/v2',
  },
  {
    kind: 'database connection string',
    path: 'a.txt',
    secret: join('pR', randomish(14, 20)),
    line: 'DATABASE_URL=postgres://app:$@db.internal:5432/app',
  },
];

// Random-looking values found only by their label, and JWTs (mostly short-lived samples): redacted and
// reported, never blocking.
const possible: Case[] = [
  {
    kind: 'JSON Web Token',
    path: 'a.http',
    secret: join('ey', 'J', randomish(20, 14), '.ey', 'J', randomish(30, 15), '.', randomish(43, 16)),
    line: 'Authorization: Bearer $',
  },
  {
    kind: 'hard-coded credential',
    path: '.env',
    secret: join('q8', randomish(18, 17)),
    line: 'SERVICE_KEY=$',
  },
  { kind: 'hard-coded credential', path: 'config/app.yml', secret: randomish(24, 27), line: '  token: $' },
  { kind: 'hard-coded credential', path: 'app.properties', secret: randomish(20, 28), line: 'db.password=$' },
  {
    kind: 'hard-coded credential',
    path: 'a.py',
    secret: join('q8', randomish(18, 17)),
    line: 'db_password = "$"',
  },
  {
    kind: 'hard-coded credential',
    path: 'a.json',
    secret: join('Zx', randomish(30, 18)),
    line: '"clientSecret": "$",',
  },
  { kind: 'hard-coded credential', path: 'a.go', secret: randomish(64, 29, HEX), line: 'apiKey := `$`' },
  {
    kind: 'hard-coded credential',
    path: 'a.java',
    secret: randomish(30, 30),
    line: 'System.setProperty("API_TOKEN", "$")',
  },
  {
    kind: 'password in URL',
    path: 'a.txt',
    secret: join('pR', randomish(14, 19)),
    line: 'redis://cache:$@cache.internal:6379',
  },
];

async function expectFound(c: Case, tier: 'block' | 'possible') {
  const text = c.line.replace('$', c.secret);
  const found = await detectSecrets(text, c.path);
  const match = found.find((f) => f.kind === c.kind);
  expect(match, JSON.stringify(found)).toBeDefined();
  expect(match!.tier).toBe(tier);
  // The span is the value: the secret, not its label (so a placeholder keeps `NAME=` readable).
  expect(text.slice(match!.index, match!.index + match!.length)).toBe(c.secret);
}

describe('detectSecrets: two tiers', () => {
  test.for(blocking)('blocks on a $kind in $path', (c) => expectFound(c, 'block'));
  test.for(possible)('reports a possible $kind in $path', (c) => expectFound(c, 'possible'));

  test('unquoted values count as assignments in config files only: in code they are expressions', async () => {
    const value = randomish(24, 33);
    const kinds = async (text: string, path: string) => (await detectSecrets(text, path)).map((f) => f.kind);
    expect(await kinds(`token: ${value}`, 'deploy.yaml')).toEqual(['hard-coded credential']);
    expect(await kinds(`export API_TOKEN=${value}`, 'scripts/env.sh')).toEqual(['hard-coded credential']);
    // In code only its randomness speaks for it.
    expect(await kinds(`const token = ${value};`, 'src/a.ts')).toEqual(['random token']);
    expect(await kinds('const token = cachedSessionToken;', 'src/a.ts')).toEqual([]);
  });

  test('a random token with no label at all is a possible secret; hashes, names and paths are not', async () => {
    const token = randomish(32, 36);
    expect(
      (await detectSecrets(`curl https://api.example.org/v1?key=x ${token}`, 'notes.md'))[0],
    ).toMatchObject({
      kind: 'random token',
      tier: 'possible',
    });
    for (const text of [
      randomish(40, 37, HEX),
      'AWS/Textract/AnalyzeDocument/Forms/V1',
      '__stringMin14PatternS3Mov09PngHttpsMov09Png',
      'LocalGatewayRouteTableVpcAssociations',
    ])
      expect(await detectSecrets(`x ${text} y`, 'a.ts'), text).toEqual([]);
  });

  test('several secrets on one line, in order, without overlaps', async () => {
    const a = join('gh', 'p_', randomish(36, 21));
    const b = join('np', 'm_', randomish(36, 22));
    const text = `A=${a} B=${b}`;
    const found = await detectSecrets(text, 'a.txt');
    expect(found.map((f) => text.slice(f.index, f.index + f.length))).toEqual([a, b]);
  });

  test('a known format behind a credential label is reported once, as blocking', async () => {
    const token = join('gh', 'p_', randomish(36, 34));
    const found = await detectSecrets(`GITHUB_TOKEN=${token}`, '.env');
    expect(found).toEqual([{ index: 13, length: token.length, kind: 'GitHub token', tier: 'block' }]);
  });

  test('a whole PEM block is one match, in the file or JSON-escaped', async () => {
    const key = pem('PRIVATE');
    const found = await detectSecrets(`key: |\n${key}\n`, 'a.yml');
    expect(found.map((f) => [f.kind, f.length])).toEqual([['private key', key.length]]);
    const escaped = JSON.stringify({ private_key: key });
    const inJson = await detectSecrets(escaped, 'service-account.json');
    expect(inJson.map((f) => f.tier)).toEqual(['block']);
  });
});

describe('detectSecrets: what is not a secret', () => {
  test.for([
    // Real false positives of the previous detector, from published releases.
    ['picomatch 2.3.1 lib/parse.js', 'lib/parse.js', 'token.close = `)${expression})${extglobStar})`;'],
    [
      'aws-sdk 2.x paginators',
      'apis/dynamodb-2012-08-10.paginators.json',
      '"input_token": "ExclusiveStartKey",',
    ],
    ['aws-sdk 2.x paginators', 'apis/s3.paginators.json', '"output_token": "NextContinuationToken"'],
    ['a timestamp', 'a.json', '"token_created": "2019-01-02T10:20:30.000Z"'],
    ['an epoch', '.env', 'TOKEN_ISSUED=1700000000123'],
    ['a UUID that names a request', 'a.json', '"request_id": "dafa7817-e246-48f3-91a7-e87653d587b8"'],
    [
      'an integrity hash',
      'a.json',
      '"token": "sha512-Xy7Zq2b9NfLm4Kp3Rt8Wv6Hj1Gc5Df0Ae2Bs7Yu9Io4Pl3Mk8Nj6Hb5Vg2Cf1Xd0Zs9=="',
    ],
    ['a template literal', 'a.js', 'const password = `${prefix}${randomPart}x9`;'],
    ['a template string', 'a.yml', 'password: "{{ secrets.DB_PASSWORD }}"'],
    ['an env lookup', 'a.js', 'password = process.env.DB_PASSWORD'],
    ['a shell variable', '.env', 'API_TOKEN=${CI_API_TOKEN}'],
    ['a call', 'a.js', 'const token = getToken(request);'],
    ['an identifier', 'a.ts', 'const secretName = "db-credentials";'],
    ['a constant name', 'a.py', 'TOKEN_ENV = "GITHUB_TOKEN_VALUE"'],
    ['a dotted name', 'a.json', '"token": "config.auth.bearerToken"'],
    ['a URL without credentials', 'a.yml', 'token_url: https://auth.example.com/oauth/token'],
    ['a label that names something else', 'a.py', 'token_type = "Bearer9xAb3kLmQ"'],
    ['a public key', 'a.env', 'STRIPE_PUBLISHABLE_KEY=pk_live_4eC39HqLyjWDarjtT1zdp7dc'],
    ['a placeholder', 'a.ts', 'apiKey: "YOUR_API_KEY_HERE"'],
    ['a mask', 'a.txt', 'api_key = "xxxxxxxxxxxxxxxxxxxx"'],
    ['a change-me', 'a.txt', 'password = "changeme"'],
    ['a self-naming value', 'a.txt', 'password = "password123"'],
    ['an npm token variable', '.npmrc', '//registry.npmjs.org/:_authToken=${NPM_TOKEN}'],
    ['a URL with a variable', 'a.txt', 'url = "https://user:${PASS}@example.com"'],
    [
      'a PEM header in key-handling code',
      'a.js',
      "if (line === '-----BEGIN RSA PRIVATE KEY-----') parse(rest);",
    ],
    [
      'a label that only starts with a credential word',
      'bench/run.mjs',
      "args: ['--secretlint', '--gitleaks8x', 'dir']",
    ],
    ['a passport, not a pass', 'a.yml', 'passport_strategy: q8Fj3kLm9Zx2Wv7P'],
    ['a command-line flag', 'a.sh', 'TOKEN_FLAG="--token-file9x=path"'],
    [
      'a lock-file digest',
      'package-lock.json',
      '"integrity": "sha1-abcdefghij0123456789ABCDEFG=", "token": "a9F3kLmQ2xZ8"',
    ],
  ] as const)('%s', async ([, path, line]) => {
    expect(await detectSecrets(line, path)).toEqual([]);
  });

  test('minified code: a label-only match on a long line is not reported', async () => {
    const minified = `${'var a=function(b){return b};'.repeat(60)}token:"${randomish(24, 40)}",${'x=1;'.repeat(10)}`;
    expect(await detectSecrets(minified, 'plugins/babel.js')).toEqual([]);
    const known = join('gh', 'p_', randomish(36, 41));
    expect((await detectSecrets(`${minified}"${known}"`, 'plugins/babel.js')).map((f) => f.kind)).toEqual([
      'GitHub token',
    ]);
  });

  test('identifiers are words, random strings are not', () => {
    for (const word of [
      'ExclusiveStartKey',
      'db-credentials',
      'SESSION_SECRET_KEY',
      'tokenEndpoint2',
      'HTTPSProxy',
    ])
      expect(isIdentifier(word), word).toBe(true);
    for (const random of [randomish(20, 42), 'Zf3D0LXCM3EIMbgJpUNnkRtOfOueHznB', 'kJhGfDsQwRtZx'])
      expect(isIdentifier(random), random).toBe(false);
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

  test('an added secret is a critical, blocking finding that names the kind but never the value', async () => {
    const findings = await runRules(files, defaultConfig());
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

  test('a label-only value is an info finding of its own origin', async () => {
    const value = randomish(24, 35);
    const [finding] = await runRules([fileWith('.env', [`+SERVICE_KEY=${value}`])], defaultConfig());
    expect(finding).toMatchObject({ severity: 'info', category: 'secret', origin: 'possible-secrets' });
    expect(JSON.stringify(finding)).not.toContain(value);
  });

  test('a key block is one finding over the added lines it covers', async () => {
    const key = pem('EC PRIVATE').split('\n');
    const findings = await runRules(
      [fileWith('deploy/key.pem.js', [' const key = `', ...key.map((l) => `+${l}`), ' `;'])],
      defaultConfig(),
    );
    expect(findings.map((f) => [f.origin, f.range])).toEqual([['secrets', { start: 2, end: 5 }]]);
  });

  test('secrets in context or deleted lines are not findings (they are still redacted)', async () => {
    const context = [fileWith('src/a.js', [` const t = '${secret}';`, '+const b = 2;'])];
    expect(await runRules(context, defaultConfig())).toEqual([]);
  });

  test('the fingerprint is stable across line moves and differs between secrets', async () => {
    const moved = [fileWith('src/deploy.js', [' a', ' b', ' c', `+const token = '${secret}';`])];
    const other = [fileWith('src/deploy.js', [`+const token = '${join('gh', 'p_', randomish(36, 32))}';`])];
    const fp = async (f: typeof files) => (await runRules(f, defaultConfig()))[0]!.fingerprint;
    expect(await fp(moved)).toBe(await fp(files));
    expect(await fp(other)).not.toBe(await fp(files));
  });

  test('allow_secrets globs and rules.secrets: false silence it', async () => {
    const base = defaultConfig();
    expect(await runRules(files, { ...base, rules: { ...base.rules, allow_secrets: ['src/**'] } })).toEqual(
      [],
    );
    expect(await runRules(files, { ...base, rules: { ...base.rules, secrets: false } })).toEqual([]);
  });

  test('skipped files are not scanned', async () => {
    const skipped = { ...files[0]!, skipped: { reason: 'ignored' as const, detail: 'x' } };
    expect(await runRules([skipped], defaultConfig())).toEqual([]);
  });
});
