import { describe, expect, test } from 'vitest';
import { defaultConfig } from '../../../src/config/defaults.js';
import type { Config } from '../../../src/config/schema.js';
import {
  estimateHunkTokens,
  HUNK_PROMPT_OVERHEAD_TOKENS,
  hunkText,
  routeHunks,
} from '../../../src/route/route.js';
import { estimateTokens } from '../../../src/route/tokens.js';
import type { FileDiff, Finding } from '../../../src/types.js';
import { addedLines, fileWith, makeFile, makeHunk } from './diffBuilders.js';

function config(routing: Partial<Config['routing']> = {}): Config {
  const base = defaultConfig();
  return { ...base, routing: { ...base.routing, ...routing } };
}

const codes = (files: FileDiff[], cfg = config(), findings: Finding[] = []) =>
  routeHunks(files, cfg, findings).map((d) => ({ route: d.route, codes: d.reasons.map((r) => r.code) }));

describe('routeHunks', () => {
  test.for([
    {
      name: 'a small plain hunk stays local',
      files: [fileWith('src/list.js', ['+const total = items.length;'])],
      cfg: config(),
      route: 'local',
      code: 'small',
    },
    {
      name: 'a hunk over local_max_hunk_lines goes to Claude',
      files: [fileWith('src/list.js', addedLines(101))],
      cfg: config(),
      route: 'claude',
      code: 'hunk-size',
    },
    {
      name: 'a small hunk of a file over local_max_file_lines goes to Claude',
      files: [
        makeFile('src/big.js', [
          makeHunk('src/big.js', addedLines(80), { newStart: 1 }),
          makeHunk('src/big.js', addedLines(30), { newStart: 500 }),
        ]),
      ],
      cfg: config({ local_max_file_lines: 100 }),
      route: 'claude',
      code: 'file-size',
    },
    {
      name: 'a big prose hunk stays local',
      files: [fileWith('docs/guide.md', addedLines(150, 'Some words of documentation.'))],
      cfg: config(),
      route: 'local',
      code: 'prose',
    },
    {
      name: 'a whole deleted file stays local whatever its size',
      files: [
        makeFile(
          'src/old.js',
          [
            makeHunk(
              'src/old.js',
              Array.from({ length: 150 }, () => '-const x = y;'),
            ),
          ],
          {
            status: 'deleted',
            newPath: null,
          },
        ),
      ],
      cfg: config(),
      route: 'local',
      code: 'deleted-file',
    },
    {
      name: 'a security-sensitive hunk goes to Claude',
      files: [fileWith('src/run.js', ["+  execSync('convert ' + req.query.file)"])],
      cfg: config(),
      route: 'claude',
      code: 'security',
    },
    {
      name: 'a CI workflow change goes to Claude',
      files: [
        fileWith('.github/workflows/release.yml', [
          '+      - run: npm publish',
          '+        env: { NODE_AUTH_TOKEN: x }',
        ]),
      ],
      cfg: config(),
      route: 'claude',
      code: 'security',
    },
    {
      name: 'security off keeps it local',
      files: [fileWith('src/run.js', ["+  execSync('convert ' + req.query.file)"])],
      cfg: config({ security: false }),
      route: 'local',
      code: 'security-off',
    },
    {
      name: 'a security_paths glob escalates',
      files: [fileWith('src/billing/charge.js', ['+x = 1'])],
      cfg: config({ security_paths: ['src/billing/**'] }),
      route: 'claude',
      code: 'security-path',
    },
    {
      name: 'a security_patterns match escalates',
      files: [fileWith('src/pay.js', ['+  chargeCard(amount)'])],
      cfg: config({ security_patterns: ['chargeCard\\('] }),
      route: 'claude',
      code: 'security',
    },
    {
      name: 'skip globs win',
      files: [fileWith('src/run.js', ["+  execSync('rm -rf ' + dir)"])],
      cfg: config({ skip: ['src/**'] }),
      route: 'skip',
      code: 'skip-glob',
    },
    {
      name: 'always_claude',
      files: [fileWith('src/a.js', ['+x = 1'])],
      cfg: config({ always_claude: ['src/*.js'] }),
      route: 'claude',
      code: 'always-claude',
    },
    {
      name: 'always_local beats size and security',
      files: [fileWith('src/gen.js', [...addedLines(150), "+eval('x')"])],
      cfg: config({ always_local: ['src/gen.js'] }),
      route: 'local',
      code: 'always-local',
    },
  ])('$name', ({ files, cfg, route, code }) => {
    const [decision] = codes(files, cfg);
    expect(decision!.route).toBe(route);
    expect(decision!.codes).toContain(code);
  });

  test('small hunks of a large file change stay local', () => {
    const file = makeFile('src/big.js', [
      makeHunk('src/big.js', addedLines(120), { newStart: 1 }),
      makeHunk('src/big.js', addedLines(3), { newStart: 500 }),
    ]);
    const decisions = codes([file], config({ local_max_file_lines: 100 }));
    expect(decisions[0]!.codes).toContain('file-size');
    expect(decisions[1]).toEqual({ route: 'local', codes: ['small'] });
  });

  test('prose and manifests do not count towards the files a change spans', () => {
    const files = Array.from({ length: 14 }, (_, i) => fileWith(`docs/p${i}.md`, ['+text']));
    files.push(fileWith('src/api.ts', ['+export function load(path: string) {}']));
    expect(codes(files, config({ multi_file_threshold: 12 })).every((d) => d.route === 'local')).toBe(true);
  });

  test('a wide change escalates only the hunks that change a public signature', () => {
    const files = Array.from({ length: 14 }, (_, i) => fileWith(`src/m${i}.ts`, ['+const x = 1;']));
    files.push(
      fileWith('src/api.ts', [
        '-export function load(path: string) {',
        '+export function load(path: string, opts: Options) {',
      ]),
    );
    const decisions = codes(files, config({ multi_file_threshold: 12 }));
    expect(decisions.filter((d) => d.route === 'claude')).toEqual([
      { route: 'claude', codes: ['cross-cutting'] },
    ]);
    const narrow = codes(files.slice(10), config({ multi_file_threshold: 12 }));
    expect(narrow.every((d) => d.route === 'local')).toBe(true);
  });

  test('a hunk holding a secret gets the secret reason and is not escalated by it', () => {
    const file = fileWith('src/conf.js', ['+const a = 1;', '+const key = "redacted-by-test";'], {
      newStart: 10,
    });
    const secret: Finding = {
      file: 'src/conf.js',
      range: { start: 11, end: 11 },
      severity: 'critical',
      category: 'secret',
      message: 'Possible secret',
      source: 'rule',
      origin: 'secrets',
      fingerprint: 'f',
    };
    const [decision] = codes([file], config(), [secret]);
    expect(decision).toEqual({ route: 'local', codes: ['small', 'secret'] });
    const elsewhere = { ...secret, range: { start: 40, end: 40 } };
    expect(codes([file], config(), [elsewhere])[0]!.codes).not.toContain('secret');
  });

  test('skipped files get no decisions; every hunk of the others gets one', () => {
    const skipped = makeFile('dist/a.js', [makeHunk('dist/a.js', ['+x'])], {
      skipped: { reason: 'ignored', detail: '**/dist/**' },
    });
    const kept = makeFile('src/a.js', [
      makeHunk('src/a.js', ['+x']),
      makeHunk('src/a.js', ['+y'], { newStart: 20 }),
    ]);
    const decisions = routeHunks([skipped, kept], config(), []);
    expect(decisions.map((d) => `${d.hunk.file}:${d.hunk.newStart}`)).toEqual(['src/a.js:1', 'src/a.js:20']);
  });

  test('estimated tokens cover the hunk text plus the prompt overhead', () => {
    const hunk = makeHunk('src/a.js', addedLines(10));
    expect(estimateHunkTokens(hunk)).toBe(estimateTokens(hunkText(hunk)) + HUNK_PROMPT_OVERHEAD_TOKENS);
    const [decision] = routeHunks([makeFile('src/a.js', [hunk])], config(), []);
    expect(decision!.estimatedTokens).toBe(estimateHunkTokens(hunk));
  });

  test('decisions carry the security score and explain the escalation', () => {
    const [decision] = routeHunks(
      [fileWith('lib/merge.js', ["+  if (key === '__proto__') continue"])],
      config(),
      [],
    );
    const threshold = config().routing.security_threshold;
    expect(decision!.securityScore).toBeGreaterThanOrEqual(threshold);
    expect(decision!.reasons[0]!.detail).toMatch(
      new RegExp(`security score [01]\\.\\d\\d ≥ ${threshold.toFixed(2)}: prototype-pollution`),
    );
  });
});

describe('hunks no model needs to read', () => {
  const fix = [
    '-  if (typeof value !== "string") return value;',
    '+  if (typeof value !== "string") throw new TypeError("value");',
    '+  const checked = validateValue(value);',
    '+  return sanitizeValue(checked);',
  ];

  test('a built copy of a change is skipped, naming the file where it is reviewed', () => {
    const files = [fileWith('dist/esm/index.js', fix), fileWith('lib/index.js', fix)];
    const decisions = routeHunks(files, config(), []);
    expect(decisions.map((d) => [d.hunk.file, d.route])).toEqual([
      ['dist/esm/index.js', 'skip'],
      ['lib/index.js', 'claude'],
    ]);
    expect(decisions[0]!.reasons[0]).toMatchObject({ code: 'copy' });
    expect(decisions[0]!.reasons[0]!.detail).toContain('lib/index.js');
  });

  test('a copy is not skipped when its source is skipped by the user', () => {
    const files = [fileWith('dist/esm/index.js', fix), fileWith('lib/index.js', fix)];
    const decisions = codes(files, config({ skip: ['lib/**'] }));
    expect(decisions[0]!.route).toBe('claude');
    expect(decisions[1]!.route).toBe('skip');
  });

  test('minified code is skipped', () => {
    const line = `!function(e){${'var a=e.b(c,d);'.repeat(80)}}(this);`;
    expect(codes([fileWith('lib/parse.js', [`-${line}`, `+${line.replace('e.b', 'e.c')}`])])[0]).toEqual({
      route: 'skip',
      codes: ['minified'],
    });
  });

  test('pure re-formatting is skipped, however large', () => {
    const before = addedLines(150, '    return compute("item")').map((l) => `-${l.slice(1)}`);
    const after = addedLines(150, "  return compute('item');");
    expect(codes([fileWith('src/x.js', [...before, ...after])])[0]).toEqual({
      route: 'skip',
      codes: ['reformatted'],
    });
  });

  test('the user’s own security paths and patterns still claim such hunks', () => {
    const line = `!function(e){${'var a=e.b(c,d);'.repeat(80)}}(this);`;
    const files = [fileWith('vendor/lib.js', [`-${line}`, `+${line.replace('e.b', 'e.c')}`])];
    expect(codes(files, config({ security_paths: ['vendor/**'] }))[0]!.route).toBe('claude');
    expect(codes(files, config({ security_patterns: ['e\\.c\\('] }))[0]!.route).toBe('claude');
  });
});

describe('what size and width say', () => {
  test('build output does not escalate by size: it mirrors a source change', () => {
    expect(codes([fileWith('dist/bundle.js', addedLines(150))])[0]).toEqual({
      route: 'local',
      codes: ['small'],
    });
  });

  test('a long table of data entries does not escalate by size', () => {
    const table = Array.from({ length: 150 }, (_, i) => `+  "type/x${i}": ["x${i}", "y${i}"],`);
    expect(codes([fileWith('lib/types.js', table)])[0]).toEqual({ route: 'local', codes: ['data'] });
  });

  test('type declarations, build output and new files do not make a change cross-cutting', () => {
    const files = Array.from({ length: 14 }, (_, i) => fileWith(`src/m${i}.ts`, ['+const x = 1;']));
    const signature = [
      '-export function load(path: string) {',
      '+export function load(path: string, opts: Options) {',
    ];
    files.push(fileWith('types/api.d.ts', signature), fileWith('dist/api.js', signature));
    files.push(
      makeFile('src/new.ts', [makeHunk('src/new.ts', ['+export function fresh() {}'])], { status: 'added' }),
    );
    const decisions = codes(files, config({ multi_file_threshold: 12 }));
    expect(decisions.filter((d) => d.codes.includes('cross-cutting'))).toEqual([]);
  });
});
