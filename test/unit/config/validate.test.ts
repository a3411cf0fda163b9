import { describe, expect, test } from 'vitest';
import { parseConfigText } from '../../../src/config/parseConfigText.js';
import {
  allowedKeys,
  closestKey,
  formatPath,
  globListPaths,
  validateConfig,
} from '../../../src/config/validate.js';
import { ConfigError } from '../../../src/errors.js';

function problems(yaml: string): { message: string; issues: ConfigError['issues'] } {
  try {
    parseConfigText(yaml, 'config.yml');
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    return { message: (error as ConfigError).message, issues: (error as ConfigError).issues };
  }
  throw new Error('expected a ConfigError');
}

describe('validateConfig', () => {
  test('an empty file or mapping gives every default', () => {
    const fromEmpty = validateConfig(null);
    const fromMapping = validateConfig({});
    expect('config' in fromEmpty && fromEmpty.config.routing.local_max_hunk_lines).toBe(100);
    expect(fromMapping).toEqual(fromEmpty);
  });

  test('given values override defaults section by section', () => {
    const result = validateConfig({ routing: { security_threshold: 0.7 } });
    if (!('config' in result)) throw new Error('expected a config');
    expect(result.config.routing.security_threshold).toBe(0.7);
    expect(result.config.routing.local_max_hunk_lines).toBe(100);
    expect(result.config.rules.secrets).toBe(true);
  });

  test('issues come back as values with dot paths, not exceptions', () => {
    const result = validateConfig({ rules: { custom: [{ id: 'x', pattern: '(', message: 'm' }] } });
    expect(result).toEqual({
      issues: [
        { path: 'rules.custom[0].pattern', message: expect.stringContaining('invalid regular expression') },
      ],
      warnings: [],
    });
  });

  test('valid but odd settings come back as warnings', () => {
    const result = validateConfig({
      claude: { model: 'claude-future-9' },
      routing: { always_claude: ['src/**'], always_local: ['src/**'] },
    });
    expect('config' in result).toBe(true);
    expect(result.warnings).toEqual([
      expect.stringContaining('no entry for claude.model "claude-future-9"'),
      '"src/**" is in both routing.always_claude and routing.always_local: always_claude wins',
    ]);
    expect(validateConfig({}).warnings).toEqual([]);
  });

  test('every list of globs in the schema is found there, and each of its items is compiled', () => {
    // Read from the schema (schema.ts `globs`): a new glob key is checked without being listed anywhere else.
    expect(globListPaths().map(formatPath)).toEqual([
      'routing.security_paths',
      'routing.always_claude',
      'routing.always_local',
      'routing.skip',
      'rules.custom.*.paths',
      'rules.allow_secrets',
      'ignore',
      'never_send',
    ]);
    const bad = ['src/**', '!(vendor)/**'];
    const result = validateConfig({
      routing: { security_paths: bad, always_claude: bad, always_local: bad, skip: bad },
      rules: { custom: [{ id: 'a', message: 'm', pattern: 'x', paths: bad }], allow_secrets: bad },
      ignore: bad,
      never_send: bad,
    });
    expect('issues' in result && result.issues.map((issue) => issue.path)).toEqual([
      'ignore[1]',
      'never_send[1]',
      'routing.always_claude[1]',
      'routing.always_local[1]',
      'routing.security_paths[1]',
      'routing.skip[1]',
      'rules.allow_secrets[1]',
      'rules.custom[0].paths[1]',
    ]);
  });

  test('a list instead of a mapping is named', () => {
    expect(validateConfig(['a'])).toMatchObject({
      issues: [{ path: '(root)', message: expect.stringContaining('mapping') }],
    });
  });
});

describe('parseConfigText', () => {
  test('an unknown key names the line, the closest key and the allowed ones', () => {
    const { message, issues } = problems('local:\n  model: x\n  concurency: 3\n');
    expect(issues).toEqual([
      { path: 'local.concurency', line: 3, message: expect.stringContaining('did you mean "concurrency"?') },
    ]);
    expect(message).toContain(
      'config.yml:3: local.concurency: unknown key; did you mean "concurrency"? (allowed: enabled, provider, host, hosts, model,',
    );
  });

  test('an unknown top-level key without a close match lists the sections', () => {
    const { issues } = problems('routng: {}\nzzz: 1\n');
    expect(issues[0]).toMatchObject({
      path: 'routng',
      line: 1,
      message: expect.stringContaining('did you mean "routing"?'),
    });
    expect(issues[1]).toMatchObject({ path: 'zzz', line: 2 });
    expect(issues[1]!.message).not.toContain('did you mean');
    expect(issues[1]!.message).toContain('allowed: local, claude, routing, rules');
  });

  test.for([
    {
      name: 'wrong type',
      yaml: 'local:\n  timeout_seconds: slow\n',
      path: 'local.timeout_seconds',
      line: 2,
      text: 'expected number, got string "slow"',
    },
    {
      name: 'below the minimum',
      yaml: 'routing:\n  local_max_hunk_lines: 0\n',
      path: 'routing.local_max_hunk_lines',
      line: 2,
      text: 'must be a number ≥ 1 (got number 0)',
    },
    {
      name: 'above the maximum',
      yaml: 'routing:\n\n  security_threshold: 1.5\n',
      path: 'routing.security_threshold',
      line: 3,
      text: '≤ 1 (got number 1.5)',
    },
    {
      name: 'not an integer',
      yaml: 'local:\n  concurrency: 1.5\n',
      path: 'local.concurrency',
      line: 2,
      text: 'expected int',
    },
    {
      name: 'not one of',
      yaml: 'fail_on:\n  hook: high\n',
      path: 'fail_on.hook',
      line: 2,
      text: 'must be one of "never", "info", "minor", "major", "critical" (got string "high")',
    },
    {
      name: 'bad security pattern',
      yaml: 'routing:\n  security_patterns:\n    - ok\n    - "[a-"\n',
      path: 'routing.security_patterns[1]',
      line: 4,
      text: 'invalid regular expression "[a-"',
    },
    {
      name: 'bad custom rule pattern',
      yaml: 'rules:\n  custom:\n    - id: a\n      message: m\n      pattern: "(x"\n',
      path: 'rules.custom[0].pattern',
      line: 5,
      text: 'missing closing )',
    },
    {
      name: 'a lookaround RE2 cannot run',
      yaml: 'rules:\n  custom:\n    - id: a\n      message: m\n      pattern: "/TODO(?!\\\\(#)/i"\n',
      path: 'rules.custom[0].pattern',
      line: 5,
      text: 'uses a lookaround (`(?!`): hunkwise runs config patterns in RE2',
    },
    {
      name: 'a backreference RE2 cannot run',
      yaml: 'routing:\n  security_patterns:\n    - "(a)\\\\1"\n',
      path: 'routing.security_patterns[0]',
      line: 3,
      text: 'uses a backreference (`\\1`)',
    },
    {
      name: 'a glob RE2 cannot run',
      yaml: 'routing:\n  skip:\n    - "src/!(*.test).ts"\n',
      path: 'routing.skip[0]',
      line: 3,
      text: 'glob "src/!(*.test).ts" needs a lookaround',
    },
    {
      name: 'a custom rule glob RE2 cannot run',
      yaml: 'rules:\n  custom:\n    - id: a\n      message: m\n      pattern: x\n      paths: ["!(vendor)/**"]\n',
      path: 'rules.custom[0].paths[0]',
      line: 6,
      text: 'needs a lookaround',
    },
    {
      name: 'one server and a pool at once',
      yaml: 'local:\n  host: http://gpu-box:11434\n  hosts: [http://a:11434, http://b:11434]\n',
      path: 'local.hosts',
      line: 3,
      text: 'local.host and local.hosts are both set',
    },
    {
      name: 'a key variable that cannot be one',
      yaml: 'local:\n  api_key_env: "my key"\n',
      path: 'local.api_key_env',
      line: 2,
      text: 'must be an environment variable name',
    },
    {
      name: 'a glob list given as a string',
      yaml: 'ignore: "*.js"\n',
      path: 'ignore',
      line: 1,
      text: 'expected array, got string "*.js"',
    },
  ])('$name', ({ yaml, path, line, text }) => {
    const { issues } = problems(yaml);
    expect(issues).toHaveLength(1);
    expect(issues[0]).toMatchObject({ path, line });
    expect(issues[0]!.message).toContain(text);
  });

  test('every issue is collected before failing, one per line in file order', () => {
    const { message, issues } = problems(
      [
        'local:',
        '  concurency: 3',
        '  num_ctx: 100',
        'routing:',
        '  security_patterns: ["(x"]',
        'fail_on:',
        '  ci: loud',
        'extra: 1',
      ].join('\n'),
    );
    expect(issues.map((i) => [i.line, i.path])).toEqual([
      [2, 'local.concurency'],
      [3, 'local.num_ctx'],
      [5, 'routing.security_patterns[0]'],
      [7, 'fail_on.ci'],
      [8, 'extra'],
    ]);
    expect(message.split('\n')).toHaveLength(6);
    expect(message.split('\n')[0]).toContain('5 problems');
  });

  test('YAML syntax errors carry their line', () => {
    const { message, issues } = problems('local:\n  model: "unclosed\nrouting: {}\n');
    expect(issues[0]!.path).toBe('(yaml)');
    expect(issues[0]!.line).toBeGreaterThanOrEqual(2);
    expect(message).toMatch(/config\.yml:\d+: YAML syntax error/);
  });

  test('duplicate keys are an error', () => {
    expect(problems('local: {}\nlocal: {}\n').issues[0]!.message).toContain('unique');
  });

  test('an empty file is the defaults, with a warning', () => {
    const { config, warnings } = parseConfigText('# nothing yet\n', 'config.yml');
    expect(config.local.model).toBe('qwen2.5-coder:7b');
    expect(warnings).toEqual(['config.yml is empty: using the defaults']);
  });
});

test('helpers', () => {
  expect(formatPath(['rules', 'custom', 0, 'pattern'])).toBe('rules.custom[0].pattern');
  expect(allowedKeys(['rules'])).toEqual([
    'secrets',
    'conflict_markers',
    'debug_leftovers',
    'custom',
    'allow_secrets',
  ]);
  expect(allowedKeys(['rules', 'custom', 0])).toContain('pattern');
  expect(closestKey('concurency', ['model', 'concurrency'])).toBe('concurrency');
  expect(closestKey('always_clude', allowedKeys(['routing']))).toBe('always_claude');
  expect(closestKey('banana', ['model', 'concurrency'])).toBeNull();
});
