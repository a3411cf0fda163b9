// Values found by their context: behind a credential's name (a key, variable, property, header or flag), in a
// Kubernetes Secret, in `curl -u`. Whatever they look like (a UUID, a documentation value) they are redacted and
// reported as possible secrets, never blocking; the same shapes in other contexts are not secrets.
import { describe, expect, test } from 'vitest';
import { Redactor, redactText } from '../../../src/review/redact.js';
import { detectSecrets } from '../../../src/rules/detectSecrets.js';

// Assembled at run time, so this file holds no credential for a scanner (or this repository's hook) to find.
const UUID = ['2e77fcc6', 'e646', '4b3f', 'a853', 'bf9a9d983228'].join('-');
const join = (...parts: string[]) => parts.join('');
const b64 = (text: string) => Buffer.from(text).toString('base64');

interface Case {
  what: string;
  path: string;
  text: string;
  /** The secret the context points at: the span the detector must report, and all of it. */
  value: string;
}

const inCredentialContext: Case[] = [
  { what: 'a UUID behind HEROKU_API_KEY', path: 'deploy/app.env', text: 'HEROKU_API_KEY=$', value: UUID },
  { what: 'a UUID behind a JSON api_key', path: 'a.json', text: '{ "api_key": "$" }', value: UUID },
  { what: 'a UUID behind a token variable', path: 'src/a.js', text: 'const deployToken = "$";', value: UUID },
  { what: 'a UUID behind a YAML key', path: 'ci.yml', text: 'env:\n  SERVICE_KEY: $', value: UUID },
  {
    what: 'a UUID in a header string',
    path: 'a.sh',
    text: `curl -H "X-Api-Key: $" https://x.test`,
    value: UUID,
  },
  { what: 'a UUID bearer token', path: 'a.http', text: 'Authorization: Bearer $', value: UUID },
  {
    what: 'a UUID after a --token flag',
    path: 'deploy.sh',
    text: 'cli deploy --token $ --prod',
    value: UUID,
  },
  { what: 'a UUID after --password=', path: 'a.md', text: 'run --password=$', value: UUID },
  {
    what: 'a documentation-marked key behind a credential name',
    path: '.env',
    text: 'LINEAR_API_KEY=$',
    value: join('lin_api_', 'f1g2kLGLqdezihCUTzgIAUk6d9wvCnStWrv', 'EXAMPLE'),
  },
  {
    what: 'a masked token with its vendor prefix',
    path: 'a.py',
    text: 'HF_TOKEN = "$"',
    value: join('hf', '_', 'x'.repeat(34)),
  },
  {
    what: 'a made-up body behind a token name',
    path: 'a.yml',
    text: 'sonar_token: $',
    value: join('12345678', 'ABCDEFH', '1234567890ABCDEFH12345678'),
  },
  {
    what: 'a long number behind a token name',
    path: '.env',
    text: 'ASANA_TOKEN=$',
    value: '0646985241147034',
  },
  {
    what: 'a password in .NET configuration',
    path: 'NuGet.Config',
    text: '<add key="ClearTextPassword" value="$" />',
    value: 'TestSourcePassword',
  },
  {
    what: "Bundler's credentials for a gem host",
    path: '.bundle/config',
    text: 'BUNDLE_GEMS__CONTRIBSYS__COM: "$"',
    value: 'cafebabe:deadbeef',
  },
  {
    what: 'an API key as the curl user',
    path: 'a.sh',
    text: 'curl -u "$" https://localhost:9200',
    value: 'd2LkV78zLx!t:',
  },
  {
    what: 'curl credentials on a continued line',
    path: 'a.sh',
    text: 'curl https://api.example.test/token \\\n  --user $ --data x=1',
    value: 'c28wlsosanujy2z:qgsnai0xokrw4j1',
  },
];

const notInCredentialContext: Array<[string, string, string]> = [
  ['a UUID naming a request', 'a.json', `"requestId": "${UUID}"`],
  ['a UUID as a concurrency token', 'apis/waf.examples.json', `"ChangeToken": "${UUID}"`],
  ['a UUID as an idempotency token', 'a.json', `"ClientToken": "${UUID}"`],
  ['a UUID session id', 'src/a.ts', `const sessionId = "${UUID}";`],
  ['a UUID with no name at all', 'a.txt', `see ${UUID} for details`],
  ['a timestamp behind a token name', 'a.json', '"token_expires_at": "2024-01-02T10:20:30Z"'],
  ['a pagination name', 'apis/ec2.paginators.json', '"input_token": "NextToken"'],
  ['a map key naming a field', 'apis/guardduty.paginators.json', '"result_key": "IpSetIds"'],
  ['a condition key', 'clients/backup.d.ts', '"ConditionKey": "aws:ResourceTag/backup"'],
  [
    'a type named after a key',
    'clients/acmpca.d.ts',
    'type KeyStorageSecurityStandard = "FIPS_140_2_LEVEL_2_OR_HIGHER"',
  ],
  ['a Helm template', 'templates/secret.yaml', 'password: "{{ .Values.password }}"'],
  ['an instruction', 'README.md', 'API_TOKEN=<your-api-token>'],
  ['an instruction, spelled out', 'a.ts', 'apiKey: "YOUR_API_KEY_HERE"'],
  ['variables as curl credentials', 'a.sh', 'curl -u "$USER:$TOKEN" https://x.test'],
  ['a default login as curl credentials', 'a.sh', 'curl -u elastic:changeme https://x.test'],
  ['a uid:gid pair', 'a.sh', 'docker run -u 1000:1000 image'],
  ['a flag naming a file', 'a.sh', 'cli --token-file ./secrets/token.txt'],
  ['a switch after a password flag', 'a.sh', 'docker login --password-stdin --username ci-bot'],
  ['a .NET setting that is not a credential', 'app.config', '<add key="RequirePassword" value="true" />'],
];

describe('credential context', () => {
  test.for(inCredentialContext)('$what: redacted, reported, never blocking', async (c) => {
    const text = c.text.replace('$', c.value);
    const found = await detectSecrets(text, c.path);
    expect(
      found.map((f) => text.slice(f.index, f.index + f.length)),
      JSON.stringify(found),
    ).toContain(c.value);
    expect(found.every((f) => f.tier === 'possible')).toBe(true);
    const redacted = await redactText(text, new Redactor(), c.path);
    expect(redacted.text).not.toContain(c.value);
  });

  test.for(notInCredentialContext)('%s: not a secret', async ([, path, text]) => {
    expect(await detectSecrets(text, path)).toEqual([]);
  });

  test('the name stays readable for the model: only the value is replaced', async () => {
    const { text } = await redactText(`HEROKU_API_KEY=${UUID}\nLOG_LEVEL=info`, new Redactor(), '.env');
    expect(text).toBe('HEROKU_API_KEY=[REDACTED:hard-coded-credential#1]\nLOG_LEVEL=info');
  });

  test('a known format with a documentation body is a possible secret, not a blocking one', async () => {
    const key = join('AKIA', 'IOSFODNN7', 'EXAMPLE');
    for (const [path, text] of [
      ['a.txt', `aws_key = "${key}"`],
      ['docs/sts.md', `an access key ID (for example, ${key})`],
    ] as const)
      expect(await detectSecrets(text, path), text).toEqual([
        { index: text.indexOf(key), length: key.length, kind: 'AWS access key id', tier: 'possible' },
      ]);
  });
});

describe('Kubernetes Secret manifests', () => {
  const githubToken = join('gh', 'p_', 'R8sT2vW9xY4zA7bC1dE6fG3hJ5kL0mN8pQ2r');
  const manifest = [
    'apiVersion: v1',
    'kind: Secret',
    'metadata:',
    '  name: app',
    'type: Opaque',
    'data:',
    `  username: ${b64('admin')}`,
    `  password: "${b64('s3cr3t-pass')}"`,
    '  ca.crt: |',
    `    ${b64('-----BEGIN CERTIFICATE-----\nMIIB')}`,
    `  github: ${b64(githubToken)}`,
    'stringData:',
    '  db-password: hunter2hunter',
    '  config.yaml: "{{ .Values.config }}"',
    '---',
    'apiVersion: v1',
    'kind: ConfigMap',
    'data:',
    `  settings: ${b64('not a secret at all')}`,
  ].join('\n');

  test('every data and stringData value is a possible secret; a decoded known format blocks', async () => {
    const found = await detectSecrets(manifest, 'k8s/app.yaml');
    const shown = found.map((f) => [manifest.slice(f.index, f.index + f.length), f.kind, f.tier]);
    expect(shown).toEqual([
      [b64('admin'), 'Kubernetes Secret value', 'possible'],
      [b64('s3cr3t-pass'), 'Kubernetes Secret value', 'possible'],
      [b64('-----BEGIN CERTIFICATE-----\nMIIB'), 'Kubernetes Secret value', 'possible'],
      [b64(githubToken), 'GitHub token', 'block'],
      ['hunter2hunter', 'Kubernetes Secret value', 'possible'],
    ]);
  });

  test('redaction keeps the keys: the model still reviews the manifest', async () => {
    const { text } = await redactText(manifest, new Redactor(), 'k8s/app.yaml');
    expect(text).toContain('  username: [REDACTED:kubernetes-secret-value#1]');
    expect(text).toContain('    [REDACTED:kubernetes-secret-value#3]');
    expect(text).toContain('  db-password: [REDACTED:kubernetes-secret-value#4]');
    expect(text).toContain('config.yaml: "{{ .Values.config }}"');
    expect(text).toContain(`settings: ${b64('not a secret at all')}`);
    expect(text).not.toContain(b64('s3cr3t-pass'));
  });

  test('a hunk cut off from its kind line counts in a file named as a secret, not elsewhere', async () => {
    const excerpt = `data:\n  settings: ${b64('short')}\n`;
    expect((await detectSecrets(excerpt, 'deploy/db-secret.yaml')).map((f) => f.kind)).toEqual([
      'Kubernetes Secret value',
    ]);
    expect(await detectSecrets(excerpt, 'deploy/configmap.yaml')).toEqual([]);
  });
});
