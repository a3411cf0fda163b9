// Pure: package.json text → the same text with a "prepare" script that recreates the git-ignored .husky/_ on install.

export type PrepareAction = 'added' | 'extended' | 'unchanged' | 'no-husky' | 'unparsable';

export interface PreparePlan {
  action: PrepareAction;
  /** The new file text when action is added/extended. */
  text?: string;
  script?: string;
  error?: string;
}

type Json = Record<string, unknown>;

const HUSKY_IN_SCRIPT = /(^|[\s;&|(])(npx\s+)?husky(\s|$|;|&|\|)/;

function declares(pkg: Json, name: string): boolean {
  return ['dependencies', 'devDependencies', 'optionalDependencies'].some((key) => {
    const deps = pkg[key];
    return typeof deps === 'object' && deps !== null && name in deps;
  });
}

function indentOf(text: string): string | number {
  const match = /^[{[]\r?\n([ \t]+)/.exec(text);
  return match?.[1] ?? 2;
}

/**
 * "prepare" runs `husky` only when husky is a dependency, because `npm install` fails on a missing
 * prepare command (husky: not found), and the hook must never break an install.
 */
export function planPrepare(text: string): PreparePlan {
  let pkg: Json;
  try {
    const parsed: unknown = JSON.parse(text);
    if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed))
      throw new Error('not a JSON object');
    pkg = parsed as Json;
  } catch (error) {
    return { action: 'unparsable', error: error instanceof Error ? error.message : String(error) };
  }
  const scripts = (typeof pkg.scripts === 'object' && pkg.scripts !== null ? pkg.scripts : {}) as Record<
    string,
    unknown
  >;
  const prepare = typeof scripts.prepare === 'string' ? scripts.prepare : undefined;
  if (prepare !== undefined && HUSKY_IN_SCRIPT.test(prepare)) return { action: 'unchanged' };
  if (!declares(pkg, 'husky')) return { action: 'no-husky' };
  const script = prepare ? `${prepare} && husky` : 'husky';
  const next = { ...pkg, scripts: { ...scripts, prepare: script } };
  const eol = text.includes('\r\n') ? '\r\n' : '\n';
  let out = JSON.stringify(next, null, indentOf(text));
  if (eol !== '\n') out = out.replaceAll('\n', eol);
  if (/\r?\n$/.test(text)) out += eol;
  return { action: prepare ? 'extended' : 'added', text: out, script };
}
