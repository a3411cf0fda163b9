// Changes to package.json that matter for supply-chain safety: install-time scripts, new dependencies,
// dependencies fetched from outside the registry. Version bumps of existing dependencies barely count.
import type { Hunk } from '../types.js';
import { isFormattingOnly } from './formatting.js';
import type { SignalHit } from './securitySignals.js';

const ENTRY = /^\s*"(?<key>[^"]+)"\s*:\s*(?<value>"(?:[^"\\]|\\.)*"|\{|\[)?/;
const SECTION_OPEN = /^\s*"(?<key>[^"]+)"\s*:\s*[{[]\s*$/;
const SECTION_CLOSE = /^\s*[}\]],?\s*$/;
const DEPENDENCY_SECTIONS =
  /^(?:dependencies|optionalDependencies|peerDependencies|bundleDependencies|bundledDependencies|overrides|resolutions)$/;
const DEV_SECTION = 'devDependencies';
/** Lifecycle scripts npm runs on `npm install` of the package or of a git dependency. */
const INSTALL_SCRIPTS = /^(?:preinstall|install|postinstall|prepare|preprepare|postprepare|prepublish)$/;
/** Dependency specs that bypass the registry's integrity and provenance. */
const OUTSIDE_REGISTRY =
  /^"(?:git\+|git:|github:|gitlab:|bitbucket:|https?:|file:|link:|[\w.-]+\/[\w.-]+(?:#.*)?"$)/;
/** Top-level package.json fields: never dependencies, whatever their value looks like. */
const TOP_LEVEL_FIELDS =
  /^(?:name|version|description|main|module|browser|types|typings|type|license|author|contributors|maintainers|homepage|repository|bugs|funding|keywords|engines|os|cpu|files|exports|imports|sideEffects|private|workspaces|packageManager|unpkg|jsdelivr|directories|man|config|tsd|ava|jest|xo|prettier|eslintConfig|nyc|c8|tap|templateOSS)$/;
const VERSION_LIKE = /^"(?:[~^<>=v\d*x]|latest|next|npm:|workspace:)/;

interface ManifestEntry {
  kind: 'add' | 'del';
  section: string | null;
  key: string;
  value: string;
}

export function isPackageManifest(path: string): boolean {
  return /(?:^|\/)package\.json$/.test(path);
}

/** Changed `"key": value` entries with the object they sit in, when the hunk shows it. */
function changedEntries(hunk: Hunk): ManifestEntry[] {
  const entries: ManifestEntry[] = [];
  let section: string | null = null;
  for (const line of hunk.lines) {
    const open = SECTION_OPEN.exec(line.text);
    if (open?.groups) {
      section = open.groups.key!;
      continue;
    }
    if (SECTION_CLOSE.test(line.text)) {
      section = null;
      continue;
    }
    const entry = ENTRY.exec(line.text);
    if (line.kind === 'ctx' || !entry?.groups) continue;
    entries.push({ kind: line.kind, section, key: entry.groups.key!, value: entry.groups.value ?? '' });
  }
  return entries;
}

/** The entry's section; `unknown-dependencies` when the hunk does not show it but the value is a version. */
function inferSection(entry: ManifestEntry): string {
  if (entry.section) return entry.section;
  if (INSTALL_SCRIPTS.test(entry.key)) return 'scripts';
  if (TOP_LEVEL_FIELDS.test(entry.key)) return 'top-level';
  return VERSION_LIKE.test(entry.value) || OUTSIDE_REGISTRY.test(entry.value)
    ? 'unknown-dependencies'
    : 'unknown';
}

function judge(entry: ManifestEntry, removedKeys: Set<string>): SignalHit | null {
  const section = inferSection(entry);
  const name = `\`${entry.key}\``;
  if (section === 'scripts') {
    if (INSTALL_SCRIPTS.test(entry.key))
      return { signal: 'install-script', score: 0.8, detail: `install-time script ${name} changed` };
    return { signal: 'npm-script', score: 0.2, detail: `npm script ${name} changed` };
  }
  if (/^(?:publishConfig|registry)$/.test(entry.key) || section === 'publishConfig')
    return { signal: 'registry-config', score: 0.6, detail: 'publish/registry settings changed' };
  const unknown = section === 'unknown-dependencies';
  const isDependency = DEPENDENCY_SECTIONS.test(section) || section === DEV_SECTION || unknown;
  if (!isDependency || entry.kind !== 'add') return null;
  if (OUTSIDE_REGISTRY.test(entry.value))
    return {
      signal: 'dependency-source',
      score: 0.75,
      detail: `dependency ${name} fetched from outside the registry`,
    };
  if (removedKeys.has(entry.key))
    return { signal: 'dependency-bump', score: 0.15, detail: `dependency ${name} version changed` };
  if (section === DEV_SECTION)
    return { signal: 'new-dependency', score: 0.3, detail: `new dev dependency ${name}` };
  if (unknown)
    return {
      signal: 'new-dependency',
      score: 0.4,
      detail: `new dependency ${name} (section not in the hunk)`,
    };
  return { signal: 'new-dependency', score: 0.5, detail: `new dependency ${name}` };
}

/** The strongest supply-chain hit of a package.json hunk, or null. */
export function manifestSignal(hunk: Hunk): SignalHit | null {
  if (!isPackageManifest(hunk.file) || isFormattingOnly(hunk)) return null;
  const entries = changedEntries(hunk);
  const removedKeys = new Set(entries.filter((e) => e.kind === 'del').map((e) => e.key));
  let best: SignalHit | null = null;
  for (const entry of entries) {
    const hit = judge(entry, removedKeys);
    if (hit && (!best || hit.score > best.score)) best = hit;
  }
  return best;
}
