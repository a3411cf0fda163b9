import { describe, expect, test } from 'vitest';
import { applyInputs, inputOf, prArguments, readActionInputs } from '../../../src/action/inputs.js';
import { describeOutputs, formatOutputs } from '../../../src/action/outputs.js';
import { defaultConfig } from '../../../src/config/parseConfigText.js';
import { UsageError } from '../../../src/errors.js';

/** The variables the runner sets for `with:` (it upper-cases names and keeps hyphens). */
const inputs = (given: Record<string, string>) =>
  Object.fromEntries(Object.entries(given).map(([name, value]) => [`INPUT_${name.toUpperCase()}`, value]));

describe('readActionInputs', () => {
  test('defaults: post the review as `review pr` would, nothing overridden', () => {
    const read = readActionInputs(inputs({ format: 'github', 'dry-run': 'false', 'working-directory': '.' }));
    expect(read).toMatchObject({ format: 'github', dryRun: false, failOn: null, model: null, output: null });
    expect(prArguments(read)).toEqual(['--format', 'github']);
  });

  test('empty and blank inputs count as not given (a workflow passes an unset secret as "")', () => {
    const read = readActionInputs(inputs({ 'anthropic-api-key': '', 'ollama-host': '  ', model: '' }));
    expect(read).toMatchObject({ anthropicApiKey: null, ollamaHost: null, model: null });
    expect(inputOf({ 'INPUT_FAIL-ON': ' major ' }, 'fail-on')).toBe('major');
  });

  test('every bad input is named in one error, with what is allowed', () => {
    const run = () =>
      readActionInputs(
        inputs({ format: 'html', 'fail-on': 'sometimes', 'dry-run': 'yes', 'ollama-host': 'ftp://x' }),
      );
    expect(run).toThrow(UsageError);
    expect(run).toThrow(/format: "html" is not one of github, json, sarif, rdjson/);
    expect(run).toThrow(/fail-on: "sometimes" is not one of never, info, minor, major, critical/);
    expect(run).toThrow(/dry-run: "yes" is not true or false/);
    expect(run).toThrow(/ollama-host: "ftp:\/\/x" is not a server address/);
  });

  test('contradictory inputs are refused rather than half-applied', () => {
    expect(() => readActionInputs(inputs({ output: 'x.json' }))).toThrow(/output: only used with format/);
    expect(() => readActionInputs(inputs({ artifact: 'a.json', format: 'sarif' }))).toThrow(
      /artifact: .* cannot be combined with format sarif/,
    );
  });

  test.for([
    [{ format: 'sarif' }, ['--format', 'sarif', '--output', 'hunkwise.sarif']],
    [{ format: 'json', output: 'out/f.json' }, ['--format', 'json', '--output', 'out/f.json']],
    [{ artifact: '/tmp/h/findings.json' }, ['--from-artifact', '/tmp/h/findings.json']],
    [
      { config: '.github/hunkwise.yml', 'dry-run': 'TRUE' },
      ['--format', 'github', '--config', '.github/hunkwise.yml', '--dry-run'],
    ],
  ] as const)('%o → review pr %o', ([given, args]) => {
    expect(prArguments(readActionInputs(inputs(given)))).toEqual(args);
  });
});

describe('applyInputs', () => {
  test('model, host and fail-on win over the config file; the rest is kept', () => {
    const config = defaultConfig();
    const read = readActionInputs(
      inputs({ model: 'qwen2.5-coder:14b', 'ollama-host': 'gpu-box:11434', 'fail-on': 'major' }),
    );
    const applied = applyInputs(config, read);
    expect(applied.local).toEqual({ ...config.local, model: 'qwen2.5-coder:14b', host: 'gpu-box:11434' });
    expect(applied.fail_on).toEqual({ ...config.fail_on, ci: 'major' });
    expect(applied.claude).toBe(config.claude);
  });

  test('no inputs: the config is unchanged', () => {
    const config = defaultConfig();
    expect(applyInputs(config, readActionInputs({}))).toEqual(config);
  });
});

describe('outputs', () => {
  const outputs = { findings: '3', blocking: '1', 'sarif-file': '/w/hunkwise.sarif' };

  test('GITHUB_OUTPUT blocks with a delimiter', () => {
    expect(formatOutputs(outputs, 'ghadelimiter_X')).toBe(
      'findings<<ghadelimiter_X\n3\nghadelimiter_X\nblocking<<ghadelimiter_X\n1\nghadelimiter_X\nsarif-file<<ghadelimiter_X\n/w/hunkwise.sarif\nghadelimiter_X\n',
    );
    expect(describeOutputs(outputs)).toBe('findings=3 blocking=1 sarif-file=/w/hunkwise.sarif');
  });

  test('a value containing the delimiter is refused, never written ambiguously', () => {
    expect(() => formatOutputs({ ...outputs, 'sarif-file': '/w/EOF' }, 'EOF')).toThrow(/delimiter/);
  });
});
