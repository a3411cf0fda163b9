// What the code around a hunk is for, from the words of its path, of git's section header (the enclosing
// function) and of the declarations in the hunk: a parser, a loader of serialised data, a template
// compiler or code generator, archive and path handling, crypto and signatures, authentication, network
// input, process execution, deep merging of objects. A role says where an attacker's input tends to land;
// alone it never escalates (routine changes happen in parsers too), with a change shape it does. Pure.
import type { HunkView, SignalHit } from './securitySignals.js';

export type CodeRole =
  | 'parser'
  | 'loader'
  | 'code-generation'
  | 'archive-or-path'
  | 'crypto'
  | 'auth'
  | 'network'
  | 'process'
  | 'object-merge'
  | 'sanitiser';

/** Word stems per role; `*` marks a stem that also matches longer words (`pars*`: parse, parser, parsing). */
const ROLE_WORDS: Record<CodeRole, readonly string[]> = {
  parser: ['pars*', 'lexer', 'lex', 'tokeni*', 'scanner', 'decod*', 'grammar', 'unescap*', 'reader'],
  loader: [
    'loader',
    'load',
    'yaml',
    'yml',
    'xml',
    'plist',
    'serializ*',
    'deserializ*',
    'serialis*',
    'marshal*',
    'unmarshal*',
    'bson',
    'protobuf',
    'msgpack',
    'pickle',
    'ini',
    'toml',
    'json5',
  ],
  'code-generation': [
    'template*',
    'tpl',
    'compil*',
    'codegen',
    'gen',
    'generat*',
    'render*',
    'emit*',
    'transpil*',
    'interpolat*',
  ],
  'archive-or-path': [
    'tar',
    'zip',
    'unzip',
    'untar',
    'extract*',
    'unpack*',
    'inflat*',
    'zlib',
    'gunzip',
    'decompress*',
    'archiv*',
    'symlink*',
    'hardlink*',
    'mkdir*',
  ],
  crypto: [
    'sign',
    'signer',
    'signed',
    'verif*',
    'signatur*',
    'jws',
    'jwt',
    'jwe',
    'jwk',
    'jose',
    'crypto*',
    'cipher*',
    'hmac',
    'cert*',
    'x509',
    'saml',
    'pkcs*',
    'rsa',
    'ecdsa',
    'ed25519',
    'digest',
    'tls',
    'ssl',
  ],
  auth: [
    'auth*',
    'login',
    'logout',
    'session*',
    'passport',
    'oauth*',
    'permission*',
    'acl',
    'csrf',
    'password*',
    'credential*',
  ],
  network: [
    'http',
    'https',
    'socket*',
    'websocket*',
    'ws',
    'server',
    'proxy',
    'request*',
    'fetch',
    'url',
    'urls',
    'uri',
    'header*',
    'cookie*',
    'upgrade',
    'transport*',
    'redirect*',
    'dns',
    'host*',
    'multipart',
  ],
  process: ['exec*', 'spawn*', 'child', 'shell*', 'command*', 'cmd', 'process*', 'sandbox*'],
  'object-merge': [
    'merge*',
    'extend*',
    'assign*',
    'defaults',
    'clone*',
    'deep*',
    'setter',
    'unflatten',
    'expand*',
  ],
  sanitiser: ['saniti*', 'purif*', 'escap*', 'html', 'dom', 'xss', 'markdown', 'marked', 'strip*', 'filter*'],
};

const ROLES = Object.keys(ROLE_WORDS) as CodeRole[];

/** The weight of knowing where the hunk sits: below any threshold on its own, decisive with a change shape. */
export const ROLE_WEIGHT = 0.3;

/** Declarations whose names say what the code is for (`function parseHeader(`, `Compiler.prototype = {`). */
const DECLARATION =
  /\b(?:function\s*\*?\s*([\w$]+)|class\s+([\w$]+)|([\w$]+)\.prototype\b|([\w$]+)\s*[:=]\s*(?:async\s+)?function\b|(?:const|let|var)\s+([\w$]+)\s*=\s*(?:async\s+)?\([^)]*\)\s*=>)/g;

/** Lower-case words of a path or identifier: `lib/getWifiNetworkList.js` → lib, get, wifi, network, list, js. */
export function wordsOf(text: string): string[] {
  return text
    .replace(/([a-z\d])([A-Z])/g, '$1 $2')
    .replace(/([A-Z]+)([A-Z][a-z])/g, '$1 $2')
    .toLowerCase()
    .split(/[^a-z\d]+/)
    .filter(Boolean);
}

function matchesStem(word: string, stem: string): boolean {
  return stem.endsWith('*') ? word.startsWith(stem.slice(0, -1)) : word === stem;
}

/** The roles some words name, in ROLES order, with the first word that named each. */
export function rolesOf(words: readonly string[]): { role: CodeRole; word: string }[] {
  const found: { role: CodeRole; word: string }[] = [];
  for (const role of ROLES) {
    const word = words.find((w) => ROLE_WORDS[role].some((stem) => matchesStem(w, stem)));
    if (word) found.push({ role, word });
  }
  return found;
}

/** Declarations are looked for in this many lines a side: enough for any fix, bounded for rewrites. */
const MAX_DECLARATION_LINES = 200;

/** The names the hunk's own lines declare, and the enclosing function from git's section header. */
function declaredNames(view: HunkView): string[] {
  const names: string[] = [];
  const lines = [view.context, view.added, view.deleted].flatMap((l) => l.slice(0, MAX_DECLARATION_LINES));
  for (const line of lines)
    for (const m of line.matchAll(DECLARATION)) {
      const name = m.slice(1).find(Boolean);
      if (name) names.push(name);
    }
  return names;
}

/**
 * The role of the code around the hunk, from its path (without the package folder and the extension) and
 * the names of the functions it sits in; null when neither names a role.
 */
export function codeRole(view: HunkView): { role: CodeRole; word: string; where: 'path' | 'code' } | null {
  const path = view.file.replace(/^(?:package|src|lib)\//, '').replace(/\.[^./]+$/, '');
  const fromPath = rolesOf(wordsOf(path))[0];
  if (fromPath) return { ...fromPath, where: 'path' };
  const fromCode = rolesOf(declaredNames(view).flatMap(wordsOf))[0];
  return fromCode ? { ...fromCode, where: 'code' } : null;
}

/** The role as a weighted hit: ROLE_WEIGHT, whatever the role. */
export function roleSignal(view: HunkView): SignalHit | null {
  const found = codeRole(view);
  if (!found) return null;
  const where = found.where === 'path' ? 'its path' : 'the code around it';
  return {
    signal: 'code-role',
    score: ROLE_WEIGHT,
    detail: `${found.role.replace('-', ' ')} code (\`${found.word}\` in ${where})`,
    ...(found.where === 'path' ? { from: 'path' as const } : {}),
  };
}
