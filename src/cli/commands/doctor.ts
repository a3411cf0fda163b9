// `review doctor [--pull]`: one line per prerequisite with ✓ / ! / ✗ and the fix; non-zero when something needed is broken.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { timeoutSignal } from '../../abort.js';
import { roleSettings } from '../../config/roleSettings.js';
import type { Config } from '../../config/schema.js';
import { EXIT, errorMessage, HunkwiseError } from '../../errors.js';
import { createGit } from '../../git/git.js';
import { BLOCK_START } from '../../hook/hookScript.js';
import { HOOKS_PATH } from '../../hook/huskyShim.js';
import { doctorMessages as m } from '../../messages/doctor.js';
import { memoryMessages as mm } from '../../messages/memory.js';
import { CLEAR_LINE, writeStyled } from '../../output.js';
import type { ModelProvider } from '../../review/provider.js';
import type { Role } from '../../vocabulary.js';
import type { CliIo } from '../io.js';
import { helpText, type OptionTable, parseOptions } from '../options.js';

const USAGE = 'usage: review doctor [--pull] [--config FILE]';

const DOCTOR_FOOTER = `
One line per check (✓ fine, ! optional or worth knowing, ✗ needed and broken) with the fix. Exits non-zero
only when something needed is broken.
`;

const OPTIONS = {
  pull: {
    type: 'boolean',
    description: 'Pull the configured Ollama models (review, embeddings) when missing (progress on stderr).',
  },
  config: {
    type: 'string',
    short: 'c',
    value: 'FILE',
    description: 'Check FILE instead of config.yml at the repository root.',
  },
  help: { type: 'boolean', short: 'h', description: 'Show this help.' },
} satisfies OptionTable;

export type CheckStatus = 'ok' | 'warn' | 'fail' | 'info';

export interface CheckLine {
  status: CheckStatus;
  text: string;
  /** Exit code when this check fails. */
  exit?: number;
}

const MARK: Record<CheckStatus, string> = { ok: '✓', warn: '!', fail: '✗', info: '·' };
const CHECK_TIMEOUT_MS = 5000;
/** A test request to a server that stalled may first have to load the model. */
const PROBE_TIMEOUT_MS = 60_000;
const MIN_GIT = [2, 24];

interface DoctorContext {
  io: CliIo;
  pull: boolean;
  configPath: string | undefined;
  root: string | null;
  config: Config | null;
}

function versionAtLeast(version: string, min: number[]): boolean {
  const parts = version.split('.').map((p) => Number.parseInt(p, 10));
  for (let i = 0; i < min.length; i++) {
    const have = parts[i] ?? 0;
    const want = min[i] ?? 0;
    if (have !== want) return have > want;
  }
  return true;
}

async function checkGit(ctx: DoctorContext): Promise<CheckLine[]> {
  let version: string;
  try {
    const out = await createGit(ctx.io.cwd).text(['--version']);
    version = /(\d+\.\d+(?:\.\d+)?)/.exec(out)?.[1] ?? out.trim();
  } catch (error) {
    return [
      {
        status: 'fail',
        text: /ENOENT|not found/i.test(errorMessage(error)) ? m.gitMissing() : errorMessage(error),
        exit: EXIT.git,
      },
    ];
  }
  if (!versionAtLeast(version, MIN_GIT)) return [{ status: 'fail', text: m.gitOld(version), exit: EXIT.git }];
  try {
    const root = (await createGit(ctx.io.cwd).text(['rev-parse', '--show-toplevel'])).trim();
    if (!root) throw new Error('no working tree');
    ctx.root = root;
    return [{ status: 'ok', text: m.gitOk(version, root) }];
  } catch {
    return [{ status: 'fail', text: m.notInRepo(ctx.io.cwd), exit: EXIT.git }];
  }
}

async function checkConfig(ctx: DoctorContext): Promise<CheckLine[]> {
  const { loadConfig } = await import('../../config/load.js');
  try {
    const loaded = await loadConfig({ cwd: ctx.root ?? ctx.io.cwd, path: ctx.configPath, env: ctx.io.env });
    ctx.config = loaded.config;
    const lines: CheckLine[] = [{ status: 'ok', text: m.configOk(loaded.path) }];
    for (const warning of loaded.warnings) lines.push({ status: 'warn', text: warning });
    return lines;
  } catch (error) {
    const { defaultConfig } = await import('../../config/defaults.js');
    ctx.config = defaultConfig();
    const exit = error instanceof HunkwiseError ? error.exitCode : EXIT.config;
    return [{ status: 'fail', text: m.configBad(errorMessage(error)), exit }];
  }
}

interface Pullable {
  pullModel(
    onProgress: (p: { status: string; total?: number; completed?: number }) => void,
    signal?: AbortSignal,
  ): Promise<{ ok: true } | { ok: false; reason: string }>;
}

/** An optional provider capability (Ollama has it): pulling the configured model onto the server. */
function canPull(provider: object): provider is Pullable {
  return typeof (provider as Partial<Pullable>).pullModel === 'function';
}

async function pullWithProgress(ctx: DoctorContext, provider: Pullable, model: string): Promise<CheckLine> {
  const tty = ctx.io.stderr.isTTY === true;
  let last = '';
  const result = await provider.pullModel((p) => {
    const percent = p.total && p.completed !== undefined ? Math.floor((p.completed / p.total) * 100) : null;
    const line = m.pullProgress(p.status, percent);
    if (line === last) return;
    last = line;
    // The line comes from the server (its status text): only the line clearing is hunkwise's own escape.
    if (tty) writeStyled(ctx.io.stderr, CLEAR_LINE);
    ctx.io.stderr.write(tty ? line : `${line}\n`);
  }, ctx.io.signal);
  if (tty) writeStyled(ctx.io.stderr, CLEAR_LINE);
  return result.ok
    ? { status: 'ok', text: m.modelPulled(model) }
    : { status: 'fail', text: m.modelPullFailed(model, result.reason), exit: EXIT.service };
}

/**
 * One role, through the provider the config assigns to it: disabled, not configured (optional for the
 * escalation role), or the provider's own check, with its fix. A missing model is pulled with --pull
 * when the provider can pull.
 */
async function checkRole(ctx: DoctorContext, role: Role): Promise<CheckLine[]> {
  const config = ctx.config;
  if (!config) return [];
  if (!roleSettings(config, role).enabled) return [{ status: 'info', text: m.roleDisabled(role) }];
  const { createProvider } = await import('../../review/providers.js');
  const provider = await createProvider({ role, config, env: ctx.io.env });
  const configured = provider.configured();
  if (!configured.ok) {
    return role === 'escalation'
      ? [{ status: 'warn', text: m.optionalRoleMissing(configured.reason) }]
      : [{ status: 'fail', text: m.roleDown(configured.reason, configured.fix), exit: EXIT.service }];
  }
  const check = await provider.check(timeoutSignal(ctx.io.signal, CHECK_TIMEOUT_MS * 2));
  if (check.ok)
    return [
      { status: 'ok', text: check.detail },
      // Usable, but worth knowing: a server of a pool that is down.
      ...(check.warnings ?? []).map((text): CheckLine => ({ status: 'warn', text })),
      ...(await checkStall(ctx, role, provider)),
    ];
  if (check.modelMissing && ctx.pull && canPull(provider))
    return [await pullWithProgress(ctx, provider, provider.model)];
  return [{ status: 'fail', text: m.roleDown(check.reason, check.fix), exit: EXIT.service }];
}

/** The team memory's embedding model: optional (matching falls back to text), so never a ✗ unless a pull fails. */
async function checkMemoryModel(ctx: DoctorContext): Promise<CheckLine[]> {
  const config = ctx.config;
  if (!config?.memory.enabled) return [];
  if (!config.memory.embeddings) return [{ status: 'info', text: mm.embedDisabled() }];
  const [{ loadOllamaEmbeddings, resolveOllamaHost }, { embeddingHostSetting }] = await Promise.all([
    import('../../review/providers.js'),
    import('../../memory/embedder.js'),
  ]);
  const { modelDigest, pullModelAt } = await loadOllamaEmbeddings();
  const model = config.memory.model;
  const host = resolveOllamaHost(embeddingHostSetting(config), ctx.io.env);
  if (!host.ok) return [{ status: 'warn', text: mm.embedUnreachable(model, host.raw) }];
  const present = await modelDigest({ url: host.url, model, timeoutMs: CHECK_TIMEOUT_MS }, ctx.io.signal);
  if (present.ok) return [{ status: 'ok', text: mm.embedOk(model) }];
  if (present.failure.kind !== 'modelMissing')
    return [{ status: 'warn', text: mm.embedUnreachable(model, host.url) }];
  if (!ctx.pull) return [{ status: 'warn', text: mm.embedMissing(model) }];
  const puller: Pullable = {
    pullModel: (onProgress, signal) => pullModelAt(host.url, model, onProgress, signal),
  };
  return [await pullWithProgress(ctx, puller, model)];
}

/**
 * A server a run found stuck (it passed its health check and never answered) is tried with one small review
 * request: if it answers, the hook uses it again at once; if not, the pause stays and the line says so.
 */
async function checkStall(ctx: DoctorContext, role: Role, provider: ModelProvider): Promise<CheckLine[]> {
  if (!ctx.root || !ctx.config) return [];
  const [{ stateDir }, marks, { probeGeneration }] = await Promise.all([
    import('../../memory/stateDir.js'),
    import('../../pipeline/stallMarks.js'),
    import('../../review/probe.js'),
  ]);
  const dir = await stateDir(ctx.root, 'common');
  const mark = marks.readStallMarks(dir)[role];
  if (!mark) return [];
  const limitMs = Math.min(PROBE_TIMEOUT_MS, roleSettings(ctx.config, role).timeout_seconds * 1000);
  const probe = await probeGeneration(role, provider, timeoutSignal(ctx.io.signal, limitMs));
  const server = { provider: provider.id, endpoint: provider.url ?? null };
  if (probe.ok) {
    marks.clearStallMark(dir, role);
    return [{ status: 'ok', text: m.stallLifted(server, role, mark.since) }];
  }
  const why = probe.silent ? m.noAnswerWithin(Math.round(limitMs / 1000)) : probe.reason;
  return [{ status: 'fail', text: m.stallPersists(server, why), exit: EXIT.service }];
}

async function checkGitHub(ctx: DoctorContext): Promise<CheckLine[]> {
  const env = ctx.io.env;
  if (env.GITHUB_ACTIONS !== 'true') return [];
  const { readRunEnv, readEventPayload } = await import('../../host/github/context.js');
  const lines: CheckLine[] = [];
  try {
    const run = readRunEnv(env);
    await readEventPayload(env);
    const event = m.githubEvent(
      run.eventName,
      `${run.owner}/${run.repo}`,
      env.GITHUB_EVENT_PATH ?? '',
      run.apiUrl,
    );
    lines.push({ status: 'ok', text: m.githubOk(event) });
    if (!run.token) lines.push({ status: 'fail', text: m.githubBad(m.githubNoToken()), exit: EXIT.usage });
    else lines.push({ status: 'ok', text: m.githubOk(m.githubTokenSet()) });
  } catch (error) {
    lines.push({ status: 'fail', text: m.githubBad(errorMessage(error)), exit: EXIT.usage });
  }
  return lines;
}

async function checkHook(ctx: DoctorContext): Promise<CheckLine[]> {
  if (!ctx.root || ctx.io.env.GITHUB_ACTIONS === 'true' || ctx.io.env.CI === 'true') return [];
  const hooksPath = (await createGit(ctx.root).text(['config', '--get', 'core.hooksPath']))
    .trim()
    .replace(/\/$/, '');
  const preCommit = join(ctx.root, '.husky', 'pre-commit');
  const missing: string[] = [];
  if (hooksPath !== HOOKS_PATH) missing.push(m.hooksPathWrong(hooksPath));
  else if (!existsSync(join(ctx.root, HOOKS_PATH, 'h'))) missing.push(m.shimMissing());
  if (!existsSync(preCommit) || !readFileSync(preCommit, 'utf8').includes(BLOCK_START)) {
    missing.push(m.blockMissing());
  }
  return missing.length === 0
    ? [{ status: 'ok', text: m.hookOk() }]
    : [{ status: 'warn', text: m.hookMissing(missing.join('; ')) }];
}

/** Runs every check in order, printing each line as soon as it is known. */
export async function runDoctor(
  io: CliIo,
  options: { pull: boolean; configPath?: string },
): Promise<CheckLine[]> {
  const ctx: DoctorContext = {
    io,
    pull: options.pull,
    configPath: options.configPath,
    root: null,
    config: null,
  };
  const all: CheckLine[] = [];
  const print = (lines: CheckLine[]) => {
    // Multi-line details (every config issue) stay under their check, indented.
    for (const line of lines) io.stdout.write(`${MARK[line.status]} ${line.text.replaceAll('\n', '\n  ')}\n`);
    all.push(...lines);
  };
  print(await checkGit(ctx));
  print(await checkConfig(ctx));
  const [local, escalation] = await Promise.all([checkRole(ctx, 'local'), checkRole(ctx, 'escalation')]);
  print(local);
  print(await checkMemoryModel(ctx));
  print(escalation);
  print(await checkGitHub(ctx));
  print(await checkHook(ctx));
  return all;
}

export async function doctorCommand(args: string[], io: CliIo): Promise<number> {
  const { values } = parseOptions(args, OPTIONS, USAGE);
  if (values.help) {
    io.stdout.write(helpText(USAGE, OPTIONS, DOCTOR_FOOTER));
    return EXIT.ok;
  }
  const lines = await runDoctor(io, { pull: values.pull ?? false, configPath: values.config });
  const failures = lines.filter((line) => line.status === 'fail');
  io.stdout.write(`${failures.length === 0 ? m.summaryOk() : m.summaryBad(failures.length)}\n`);
  return failures[0]?.exit ?? (failures.length > 0 ? EXIT.service : EXIT.ok);
}
