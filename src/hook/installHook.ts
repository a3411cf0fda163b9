// `review init` applied: husky 9 layout (.husky/_ + core.hooksPath), our block in .husky/pre-commit,
// "prepare" in package.json, a commented config.yml. Each step reads, plans (pure), then writes only on change.
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, isAbsolute, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { GitError } from '../errors.js';
import { createGit, type Git } from '../git/git.js';
import { initMessages as m } from '../messages/init.js';
import { configTemplateFor } from './configTemplate.js';
import {
  HOOKS_PATH,
  HUSKY_DEPRECATED_SH,
  HUSKY_DIR,
  HUSKY_HOOK_STUB,
  HUSKY_HOOKS,
  HUSKY_SHIM,
} from './huskyShim.js';
import { planHookFile } from './mergeHook.js';
import { planPrepare } from './preparePlan.js';

export type StepStatus = 'changed' | 'kept' | 'warn' | 'error';

export interface InitStep {
  status: StepStatus;
  message: string;
}

export interface InitOptions {
  cwd: string;
  /** Take over core.hooksPath even when another hook manager set it. */
  force?: boolean;
  /** Where the config.yml template is read from; by default the installed hunkwise package. */
  templatePath?: string | null;
}

export interface InitReport {
  root: string;
  steps: InitStep[];
}

const CONFIG_FILE = 'config.yml';
const MINIMAL_CONFIG = `# hunkwise configuration. Every key is optional; the defaults are documented in the README.
# fail_on:
#   hook: never      # lowest severity that blocks a commit (never = advisory)
#   secrets: true    # a found secret blocks the commit
# hook:
#   time_budget_seconds: 60
`;

const read = (path: string): string | null => (existsSync(path) ? readFileSync(path, 'utf8') : null);

/** Writes `text` unless the file already holds it; true when it wrote. */
function writeIfDifferent(path: string, text: string, mode?: number): boolean {
  if (read(path) === text) return false;
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, text, mode === undefined ? undefined : { mode });
  if (mode !== undefined) chmodSync(path, mode);
  return true;
}

/** The installed package's config.yml: found by walking up from this module to hunkwise's package.json. */
export function findConfigTemplate(from: string = fileURLToPath(import.meta.url)): string | null {
  let dir = dirname(from);
  for (;;) {
    const pkg = read(join(dir, 'package.json'));
    if (pkg && /"name"\s*:\s*"hunkwise"/.test(pkg)) {
      const template = join(dir, CONFIG_FILE);
      return existsSync(template) ? template : null;
    }
    const parent = dirname(dir);
    if (parent === dir) return null;
    dir = parent;
  }
}

async function hooksPathStep(git: Git, force: boolean): Promise<{ step: InitStep; changed: boolean }> {
  const current = (await git.text(['config', '--get', 'core.hooksPath'])).trim();
  if (current === HOOKS_PATH || current === `${HOOKS_PATH}/`) {
    return { step: { status: 'kept', message: m.hooksPathKept(HOOKS_PATH) }, changed: false };
  }
  // Unset, or husky 8's `.husky`, is ours to set, as husky 9 itself does.
  if (current && current !== HUSKY_DIR && current !== `${HUSKY_DIR}/` && !force) {
    return { step: { status: 'error', message: m.hooksPathConflict(current) }, changed: false };
  }
  // What husky's install does; the config key is fixed, the value ours.
  await git.text(['config', 'core.hooksPath', HOOKS_PATH]);
  return { step: { status: 'changed', message: m.hooksPathSet(HOOKS_PATH) }, changed: true };
}

function shimStep(root: string): InitStep {
  const dir = join(root, HOOKS_PATH);
  let wrote = false;
  // A shim already there may come from a newer husky: keep it, fill in only what is missing.
  if (!existsSync(join(dir, 'h'))) wrote = writeIfDifferent(join(dir, 'h'), HUSKY_SHIM, 0o755) || wrote;
  wrote = writeIfDifferent(join(dir, '.gitignore'), '*') || wrote;
  for (const hook of HUSKY_HOOKS) {
    if (!existsSync(join(dir, hook)))
      wrote = writeIfDifferent(join(dir, hook), HUSKY_HOOK_STUB, 0o755) || wrote;
  }
  if (!existsSync(join(dir, 'husky.sh')))
    wrote = writeIfDifferent(join(dir, 'husky.sh'), HUSKY_DEPRECATED_SH) || wrote;
  return wrote ? { status: 'changed', message: m.shimWritten() } : { status: 'kept', message: m.shimKept() };
}

function hookFileSteps(root: string): InitStep[] {
  const path = join(root, HUSKY_DIR, 'pre-commit');
  const plan = planHookFile(read(path));
  const steps: InitStep[] = [];
  if (plan.action !== 'unchanged') writeIfDifferent(path, plan.text, 0o755);
  const messages = {
    created: m.hookCreated,
    added: m.hookAdded,
    updated: m.hookUpdated,
    unchanged: m.hookKept,
  };
  steps.push({ status: plan.action === 'unchanged' ? 'kept' : 'changed', message: messages[plan.action]() });
  if (plan.exitBeforeBlock) steps.push({ status: 'warn', message: m.hookAfterExit() });
  return steps;
}

async function legacyHookStep(git: Git, root: string): Promise<InitStep | null> {
  const common = (await git.text(['rev-parse', '--git-common-dir'])).trim();
  const legacy = join(isAbsolute(common) ? common : join(root, common), 'hooks', 'pre-commit');
  return existsSync(legacy) ? { status: 'warn', message: m.legacyGitHook() } : null;
}

function prepareStep(root: string): InitStep {
  const path = join(root, 'package.json');
  const text = read(path);
  if (text === null) return { status: 'kept', message: m.noPackageJson() };
  const plan = planPrepare(text);
  switch (plan.action) {
    case 'added':
    case 'extended':
      writeFileSync(path, plan.text ?? text);
      return {
        status: 'changed',
        message: plan.action === 'added' ? m.prepareAdded(plan.script ?? '') : m.prepareExtended('husky'),
      };
    case 'unchanged':
      return { status: 'kept', message: m.prepareKept() };
    case 'no-husky':
      return { status: 'warn', message: m.prepareAdvice() };
    default:
      return { status: 'warn', message: m.badPackageJson(plan.error ?? '') };
  }
}

function configSteps(root: string, templatePath: string | null): InitStep[] {
  const path = join(root, CONFIG_FILE);
  if (existsSync(path)) return [{ status: 'kept', message: m.configKept(CONFIG_FILE) }];
  const template = templatePath ? read(templatePath) : null;
  writeFileSync(path, template === null ? MINIMAL_CONFIG : configTemplateFor(template));
  const steps: InitStep[] = [{ status: 'changed', message: m.configWritten(CONFIG_FILE) }];
  if (template === null) steps.push({ status: 'warn', message: m.configTemplateMissing() });
  return steps;
}

async function repositoryRootOf(git: Git, cwd: string): Promise<string> {
  const bare = (await git.text(['rev-parse', '--is-bare-repository'])).trim();
  if (bare === 'true') throw new GitError(m.bareRepository());
  const root = (await git.text(['rev-parse', '--show-toplevel'])).trim();
  if (!root) throw new GitError(m.notARepository(cwd));
  return root;
}

export async function initRepository(options: InitOptions): Promise<InitReport> {
  const git = createGit(options.cwd);
  const root = await repositoryRootOf(git, options.cwd);
  const rootGit = createGit(root);
  const steps: InitStep[] = [];
  const hooksPath = await hooksPathStep(rootGit, options.force ?? false);
  steps.push(hooksPath.step);
  if (hooksPath.changed) {
    const legacy = await legacyHookStep(rootGit, root);
    if (legacy) steps.push(legacy);
  }
  steps.push(shimStep(root));
  steps.push(...hookFileSteps(root));
  steps.push(prepareStep(root));
  const template = options.templatePath === undefined ? findConfigTemplate() : options.templatePath;
  steps.push(...configSteps(root, template));
  return { root, steps };
}
