// The Action's inputs, read once from the `INPUT_*` variables the runner sets, validated together.
// @see https://docs.github.com/en/actions/reference/workflows-and-actions/metadata-syntax#inputs
import type { Config, FailLevel } from '../config/schema.js';
import { UsageError } from '../errors.js';
import { actionMessages as m } from '../messages/action.js';
import { CI_FORMATS, type CiFormatName, ciFileOf } from '../report/formats.js';
import { formatOllamaHost } from '../review/providers.js';

/** Every input action.yml declares (a test keeps the two lists equal). */
export const ACTION_INPUTS = [
  'github-token',
  'anthropic-api-key',
  'config',
  'fail-on',
  'ollama-host',
  'model',
  'format',
  'output',
  'sarif-file',
  'artifact',
  'dry-run',
  'working-directory',
] as const;
export type ActionInputName = (typeof ACTION_INPUTS)[number];

const FAIL_LEVELS = ['never', 'info', 'minor', 'major', 'critical'] as const;
/** `github` posts the review; the others write a document (the format registry's CI formats). */
const FORMATS: readonly ActionFormat[] = ['github', ...CI_FORMATS];
export type ActionFormat = 'github' | CiFormatName;

/** Where `format` writes when `output` is empty, relative to the working directory. */
export const defaultOutput = (format: CiFormatName): string => ciFileOf(format);

export interface ActionInputs {
  githubToken: string | null;
  anthropicApiKey: string | null;
  config: string | null;
  failOn: FailLevel | null;
  ollamaHost: string | null;
  model: string | null;
  format: ActionFormat;
  output: string | null;
  sarifFile: string | null;
  artifact: string | null;
  dryRun: boolean;
  workingDirectory: string;
}

type Env = Record<string, string | undefined>;

/** The runner upper-cases the name and keeps its hyphens: `fail-on` → `INPUT_FAIL-ON`. */
export function inputOf(env: Env, name: ActionInputName): string | null {
  const value = env[`INPUT_${name.replace(/ /g, '_').toUpperCase()}`]?.trim();
  return value ? value : null;
}

function oneOf<T extends string>(
  name: string,
  value: string | null,
  allowed: readonly T[],
  problems: string[],
): T | null {
  if (value === null) return null;
  if ((allowed as readonly string[]).includes(value)) return value as T;
  problems.push(m.notOneOf(name, value, allowed));
  return null;
}

/** The YAML 1.2 core booleans, as @actions/core's getBooleanInput accepts them. */
function booleanOf(name: string, value: string | null, problems: string[]): boolean {
  if (value === null || /^(false|False|FALSE)$/.test(value)) return false;
  if (/^(true|True|TRUE)$/.test(value)) return true;
  problems.push(m.notBoolean(name, value));
  return false;
}

/** Pure: the environment → inputs, or one UsageError naming every bad input. */
export function readActionInputs(env: Env): ActionInputs {
  const problems: string[] = [];
  const get = (name: ActionInputName) => inputOf(env, name);
  const host = get('ollama-host');
  if (host !== null && formatOllamaHost(host) === null) problems.push(m.badHost(host));
  const format = oneOf('format', get('format'), FORMATS, problems) ?? 'github';
  const output = get('output');
  if (output !== null && format === 'github') problems.push(m.outputWithGithub());
  const artifact = get('artifact');
  if (artifact !== null && format !== 'github') problems.push(m.artifactWithFormat(format));
  const inputs: ActionInputs = {
    githubToken: get('github-token'),
    anthropicApiKey: get('anthropic-api-key'),
    config: get('config'),
    failOn: oneOf('fail-on', get('fail-on'), FAIL_LEVELS, problems),
    ollamaHost: host,
    model: get('model'),
    format,
    output,
    sarifFile: get('sarif-file'),
    artifact,
    dryRun: booleanOf('dry-run', get('dry-run'), problems),
    workingDirectory: get('working-directory') ?? '.',
  };
  if (problems.length > 0) throw new UsageError(m.inputsInvalid(problems));
  return inputs;
}

/** `review pr`'s arguments for these inputs. */
export function prArguments(inputs: ActionInputs): string[] {
  const args = inputs.artifact ? ['--from-artifact', inputs.artifact] : ['--format', inputs.format];
  if (inputs.format !== 'github') args.push('--output', inputs.output ?? defaultOutput(inputs.format));
  if (inputs.config) args.push('--config', inputs.config);
  if (inputs.dryRun) args.push('--dry-run');
  return args;
}

/** Inputs win over the config file: they are what this workflow asked for. */
export function applyInputs(config: Config, inputs: ActionInputs): Config {
  return {
    ...config,
    local: {
      ...config.local,
      ...(inputs.model ? { model: inputs.model } : {}),
      ...(inputs.ollamaHost ? { host: inputs.ollamaHost } : {}),
    },
    fail_on: { ...config.fail_on, ...(inputs.failOn ? { ci: inputs.failOn } : {}) },
  };
}
