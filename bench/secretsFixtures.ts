// Reads peers' own secret fixtures from checkouts given on the command line (nothing fetched is committed):
// - secretlint: every rule's `test/snapshots/ng.*` case, the value each reported message carries;
// - gitleaks: the true positives each rule definition (cmd/generate/config/rules/*.go) validates itself
//   against, evaluated from the Go source: literal lines, and sample values, including ones gitleaks
//   generates from a regex (reproduced here with a seeded sampler, so every run builds the same corpus).
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { RE2JS } from 're2js';

export interface FixtureValue {
  source: 'secretlint' | 'gitleaks';
  /** Rule package or Go rule function it came from. */
  rule: string;
  /** What the fixture calls the value (`GITHUB_TOKEN`, `bot_token`): the name it is placed under. */
  name: string;
  value: string;
}

export interface FixtureFile {
  source: 'secretlint' | 'gitleaks';
  rule: string;
  /** File name to place it under (its extension decides file-specific rules). */
  fileName: string;
  content: string;
  /** The secrets the file holds. */
  secrets: string[];
}

export interface Fixtures {
  values: FixtureValue[];
  files: FixtureFile[];
  /** Cases left out, with why (identifiers, binary files, expressions this reader cannot evaluate). */
  excluded: Array<{ source: string; rule: string; why: string }>;
}

// ---------------------------------------------------------------------------------------------- secretlint

/** Rules that report a file or a path rather than a secret value, or exist to test the engine. */
const NOT_SECRET_RULES =
  /^secretlint-rule-(?:preset-.*|pattern|example|internal-.*|filter-comments|no-dotenv|no-homedir|no-k8s-kind-secret)$/;
/** Messages about identifiers, which the issue counts as not secrets (a UUID tenant id, an account number). */
const IDENTIFIER_MESSAGES = new Set(['AWSAccountID', 'AzureTenantId', 'AzureClientId']);

interface SnapshotMessage {
  messageId: string;
  range: [number, number];
  data?: Record<string, unknown>;
}

/** The value a message reports: the longest `data` string found in the source, else the range's text. */
function reportedValue(source: string, message: SnapshotMessage): string {
  const candidates = Object.values(message.data ?? {})
    .filter((v): v is string => typeof v === 'string' && v.length >= 8 && source.includes(v))
    .sort((a, b) => b.length - a.length);
  return candidates[0] ?? source.slice(message.range[0], message.range[1]);
}

export function readSecretlintFixtures(root: string, into: Fixtures): void {
  const packages = join(root, 'packages/@secretlint');
  for (const pkg of readdirSync(packages).sort()) {
    if (!pkg.startsWith('secretlint-rule-') || NOT_SECRET_RULES.test(pkg)) continue;
    const snapshots = join(packages, pkg, 'test/snapshots');
    if (!existsSync(snapshots)) continue;
    for (const snapshot of readdirSync(snapshots).sort()) {
      const dir = join(snapshots, snapshot);
      const output = join(dir, 'output.json');
      const input = readdirSync(dir).find((f) => f.startsWith('input'));
      if (!existsSync(output) || !input) continue;
      const source = readFileSync(join(dir, input), 'utf8');
      const messages = (JSON.parse(readFileSync(output, 'utf8')) as { messages: SnapshotMessage[] }).messages;
      const multiLine: string[] = [];
      for (const message of messages) {
        if (IDENTIFIER_MESSAGES.has(message.messageId)) {
          into.excluded.push({ source: 'secretlint', rule: pkg, why: `${message.messageId}: an identifier` });
          continue;
        }
        if (message.messageId === 'PrivateKeyP12') {
          into.excluded.push({ source: 'secretlint', rule: pkg, why: 'PKCS#12: a binary file' });
          continue;
        }
        const value = reportedValue(source, message);
        if (value.includes('\n')) multiLine.push(value);
        else into.values.push({ source: 'secretlint', rule: pkg, name: message.messageId, value });
      }
      // Multi-line values (key blocks, a service-account JSON) stay in their own fixture file, as written.
      if (multiLine.length > 0) {
        const fileName = input === 'input' ? `${snapshot}.txt` : input.replace(/^input/, snapshot);
        into.files.push({ source: 'secretlint', rule: pkg, fileName, content: source, secrets: multiLine });
      }
    }
  }
}

// ---------------------------------------------------------------------------------------------- gitleaks

type Token =
  | { t: 'str'; v: string }
  | { t: 'id'; v: string }
  | { t: 'num'; v: string }
  | { t: 'p'; v: string };

const GO_ESCAPES: Record<string, string> = {
  n: '\n',
  t: '\t',
  r: '\r',
  '"': '"',
  '\\': '\\',
  "'": "'",
  a: '\x07',
};

function tokenize(src: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < src.length) {
    const ch = src[i]!;
    if (/\s/.test(ch)) i++;
    else if (src.startsWith('//', i)) i = src.indexOf('\n', i) === -1 ? src.length : src.indexOf('\n', i);
    else if (src.startsWith('/*', i)) i = src.indexOf('*/', i) + 2;
    else if (ch === '`') {
      const end = src.indexOf('`', i + 1);
      tokens.push({ t: 'str', v: src.slice(i + 1, end) });
      i = end + 1;
    } else if (ch === '"') {
      let v = '';
      i++;
      while (i < src.length && src[i] !== '"') {
        if (src[i] === '\\') {
          const e = src[i + 1]!;
          if (e === 'x') {
            v += String.fromCharCode(Number.parseInt(src.slice(i + 2, i + 4), 16));
            i += 4;
          } else if (e === 'u') {
            v += String.fromCharCode(Number.parseInt(src.slice(i + 2, i + 6), 16));
            i += 6;
          } else {
            v += GO_ESCAPES[e] ?? e;
            i += 2;
          }
        } else v += src[i++];
      }
      tokens.push({ t: 'str', v });
      i++;
    } else if (/[A-Za-z_]/.test(ch)) {
      const m = /^[A-Za-z_][\w.]*/.exec(src.slice(i))![0];
      tokens.push({ t: 'id', v: m });
      i += m.length;
    } else if (/\d/.test(ch)) {
      const m = /^\d+/.exec(src.slice(i))![0];
      tokens.push({ t: 'num', v: m });
      i += m.length;
    } else if (src.startsWith('...', i)) {
      tokens.push({ t: 'p', v: '...' });
      i += 3;
    } else if (src.startsWith(':=', i)) {
      tokens.push({ t: 'p', v: ':=' });
      i += 2;
    } else {
      tokens.push({ t: 'p', v: ch });
      i++;
    }
  }
  return tokens;
}

/** What an expression evaluates to: text, a sample value with its name, or a list of those. */
type Value = string | { name: string; value: string } | Value[] | null;

class Unevaluable extends Error {}

/** Seeded: the same corpus on every run. */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * A random string matching a simple Go regex (literals, escapes, classes, groups, alternation, quantifiers),
 * as gitleaks' secrets.NewSecret produces for its own tests.
 */
export function sampleRegex(pattern: string, random: () => number): string {
  let i = 0;
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)]!;
  const CLASS: Record<string, string> = {
    d: '0123456789',
    w: 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_',
    s: ' ',
  };
  const range = (a: string, b: string) =>
    Array.from({ length: b.charCodeAt(0) - a.charCodeAt(0) + 1 }, (_, k) =>
      String.fromCharCode(a.charCodeAt(0) + k),
    );
  function klass(): string[] {
    i++; // [
    const negate = pattern[i] === '^';
    if (negate) i++;
    const chars: string[] = [];
    while (i < pattern.length && (pattern[i] !== ']' || chars.length === 0)) {
      let c = pattern[i]!;
      if (c === '\\') {
        const e = pattern[i + 1]!;
        i += 2;
        if (CLASS[e]) {
          chars.push(...CLASS[e]!);
          continue;
        }
        c = e;
      } else if (c === '[' && pattern.startsWith('[:', i)) {
        const end = pattern.indexOf(':]', i);
        const name = pattern.slice(i + 2, end);
        chars.push(...(name === 'alnum' ? range('a', 'z').concat(range('0', '9')) : range('a', 'z')));
        i = end + 2;
        continue;
      } else i++;
      if (pattern[i] === '-' && pattern[i + 1] !== ']' && pattern[i + 1] !== undefined) {
        let to = pattern[i + 1]!;
        i += 2;
        if (to === '\\') to = pattern[i++]!;
        chars.push(...range(c, to));
      } else chars.push(c);
    }
    i++; // ]
    if (!negate) return chars;
    return range('!', '~').filter((ch) => !chars.includes(ch) && ch !== '"' && ch !== "'" && ch !== '`');
  }
  function atom(): () => string {
    const c = pattern[i]!;
    if (c === '(') {
      i++;
      if (pattern[i] === '?') {
        // (?:…), (?i), (?-i:…), (?P<name>…)
        const flags = /^\?[-a-zA-Z]*(?::|\))|^\?P?<\w+>/.exec(pattern.slice(i))![0];
        i += flags.length;
        if (flags.endsWith(')')) return () => '';
      }
      const inner = alternation();
      i++; // )
      return inner;
    }
    if (c === '[') {
      const chars = klass();
      return () => pick(chars);
    }
    if (c === '\\') {
      const e = pattern[i + 1]!;
      i += 2;
      if (CLASS[e]) return () => pick([...CLASS[e]!]);
      if (e === 'b' || e === 'B' || e === 'A' || e === 'z') return () => '';
      return () => e;
    }
    i++;
    if (c === '^' || c === '$') return () => '';
    if (c === '.') return () => pick(range('a', 'z'));
    return () => c;
  }
  function quantified(): () => string {
    const a = atom();
    const q = /^(?:\{(\d+)(?:(,)(\d*))?\}|[*+?])\??/.exec(pattern.slice(i));
    if (!q) return a;
    i += q[0].length;
    let min = 0;
    let max = 1;
    if (q[0].startsWith('{')) {
      min = Number(q[1]);
      max = q[2] ? (q[3] ? Number(q[3]) : min + 3) : min;
    } else if (q[0][0] === '*') max = 3;
    else if (q[0][0] === '+') [min, max] = [1, 3];
    return () => {
      const n = min + Math.floor(random() * (max - min + 1));
      let out = '';
      for (let k = 0; k < n; k++) out += a();
      return out;
    };
  }
  function sequence(): () => string {
    const parts: Array<() => string> = [];
    while (i < pattern.length && pattern[i] !== '|' && pattern[i] !== ')') parts.push(quantified());
    return () => parts.map((p) => p()).join('');
  }
  function alternation(): () => string {
    const options = [sequence()];
    while (pattern[i] === '|') {
      i++;
      options.push(sequence());
    }
    return () => pick(options)();
  }
  return alternation()();
}

/** gitleaks' regex helpers (cmd/generate/config/utils/patterns.go): a character class of a given size. */
const CLASS_HELPERS: Record<string, string> = {
  'utils.Numeric': '[0-9]',
  'utils.Hex': '[a-f0-9]',
  'utils.AlphaNumeric': '[a-z0-9]',
  'utils.AlphaNumericExtendedShort': '[a-z0-9_-]',
  'utils.AlphaNumericExtended': '[a-z0-9=_\\-]',
  'utils.AlphaNumericExtendedLong': '[a-z0-9\\/=_\\+\\-]',
};

class GoExpr {
  i = 0;
  constructor(
    readonly tokens: Token[],
    readonly random: () => number,
    /** Local string variables of the rule function (`authPat := …`). */
    readonly vars: ReadonlyMap<string, string> = new Map(),
  ) {}

  peek(v?: string): boolean {
    const t = this.tokens[this.i];
    return t !== undefined && (v === undefined || t.v === v);
  }

  take(v?: string): Token {
    const t = this.tokens[this.i++];
    if (!t || (v !== undefined && t.v !== v)) throw new Unevaluable(`expected ${v ?? 'a token'}`);
    return t;
  }

  expr(): Value {
    let left = this.primary();
    while (this.peek('+')) {
      this.take('+');
      const right = this.primary();
      if (typeof left !== 'string' || typeof right !== 'string') throw new Unevaluable('+ of non-strings');
      left += right;
    }
    return left;
  }

  args(): Array<{ value: Value; spread: boolean }> {
    this.take('(');
    const out: Array<{ value: Value; spread: boolean }> = [];
    while (!this.peek(')')) {
      const value = this.expr();
      const spread = this.peek('...');
      if (spread) this.take('...');
      out.push({ value, spread });
      if (this.peek(',')) this.take(',');
    }
    this.take(')');
    return out;
  }

  composite(): Value[] {
    // []string{…} or map[string]string{…}: keyed items keep their value (the file's content).
    this.take('{');
    const out: Value[] = [];
    while (!this.peek('}')) {
      let value = this.expr();
      if (this.peek(':')) {
        this.take(':');
        value = this.expr();
      }
      out.push(value);
      if (this.peek(',')) this.take(',');
    }
    this.take('}');
    return out;
  }

  primary(): Value {
    const t = this.take();
    if (t.t === 'str') return t.v;
    if (t.t === 'p' && t.v === '[') {
      this.take(']');
      this.take();
      return this.composite();
    }
    if (t.t === 'id' && t.v === 'map') {
      while (!this.peek('{')) this.take();
      return this.composite();
    }
    if (t.t !== 'id') throw new Unevaluable(`unexpected ${t.v}`);
    // A local string variable; `tps` in `append(tps, …)` is what the list already holds, read before.
    if (!this.peek('(')) return this.vars.get(t.v) ?? null;
    return this.call(t.v, this.args());
  }

  call(name: string, args: Array<{ value: Value; spread: boolean }>): Value {
    const str = (k: number): string => {
      const v = args[k]?.value;
      if (typeof v !== 'string') throw new Unevaluable(`${name}: argument ${k} is not a string`);
      return v;
    };
    if (CLASS_HELPERS[name]) return `${CLASS_HELPERS[name]}{${str(0)}}`;
    switch (name) {
      case 'utils.Hex8_4_4_4_12':
        return '[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}';
      case 'secrets.NewSecret':
        return sampleRegex(str(0), this.random);
      case 'newPlausibleSecret': {
        // gitleaks retries until the sample holds a digit; so does this.
        for (;;) {
          const s = sampleRegex(str(0), this.random);
          if (/[1-9]/.test(s)) return s;
        }
      }
      case 'fmt.Sprintf': {
        let k = 1;
        return str(0).replace(/%[sd]/g, () => str(k++));
      }
      case 'strings.Repeat':
        return str(0).repeat(Number(args[1]?.value ?? 0));
      case 'utils.GenerateSampleSecrets':
      case 'utils.GenerateSampleSecret':
        return { name: `${str(0)}_token`, value: str(1) };
      case 'append':
        return args.flatMap((a) => (Array.isArray(a.value) ? a.value : [a.value]));
      default:
        throw new Unevaluable(`call ${name}`);
    }
  }
}

/** The source of a Go statement starting at `from`: up to the newline where brackets balance again. */
function statementAt(src: string, from: number): string {
  let depth = 0;
  let i = from;
  let quote: string | null = null;
  for (; i < src.length; i++) {
    const ch = src[i]!;
    if (quote) {
      if (ch === '\\' && quote === '"') i++;
      else if (ch === quote) quote = null;
    } else if (ch === '"' || ch === '`') quote = ch;
    else if (src.startsWith('//', i)) i = src.indexOf('\n', i) - 1;
    else if ('([{'.includes(ch)) depth++;
    else if (')]}'.includes(ch)) depth--;
    else if (ch === '\n' && depth <= 0) break;
  }
  return src.slice(from, i);
}

/** The function's `name := <string expression>` statements that evaluate. */
function localStrings(body: string, random: () => number): Map<string, string> {
  const vars = new Map<string, string>();
  for (const found of body.matchAll(/^\s*(\w+)\s*:=\s*/gm)) {
    if (found[1] === 'tps' || found[1] === 'fps' || found[1] === 'r') continue;
    try {
      const value = new GoExpr(
        tokenize(statementAt(body, found.index! + found[0].length)),
        random,
        vars,
      ).expr();
      if (typeof value === 'string') vars.set(found[1]!, value);
    } catch {
      // not a string expression: not a variable the rule's regex uses
    }
  }
  return vars;
}

/** The regex whose match is the secret: the rule's own, or the secret part of a generated one. */
function secretRegexOf(body: string, random: () => number): RE2JS | null {
  const at = body.search(/\bRegex:\s/);
  if (at === -1) return null;
  const statement = statementAt(body, at + body.slice(at).indexOf(':') + 1).replace(/,\s*$/, '');
  try {
    const parser = new GoExpr(tokenize(statement), random, localStrings(body, random));
    const head = parser.take();
    const args = parser.args().map((a) => a.value);
    const source =
      head.v === 'regexp.MustCompile'
        ? args[0]
        : head.v === 'utils.GenerateSemiGenericRegex'
          ? args[1]
          : head.v === 'utils.GenerateUniqueTokenRegex'
            ? args[0]
            : null;
    return typeof source === 'string' ? RE2JS.compile(source) : null;
  } catch {
    return null;
  }
}

/** The secret in a true-positive line: the longest match (its first group, when it has one) of the rule's regex. */
function secretOfLine(line: string, regex: RE2JS | null): string | null {
  let best: string | null = null;
  if (regex) {
    for (const m of regex.matchAll(line)) {
      const v = m.slice(1).find((g) => g !== undefined && g.length >= 8) ?? m[0];
      if (v && (!best || v.length > best.length)) best = v;
    }
  }
  if (best) return best;
  // No regex to go by: the longest token between quotes, spaces and separators.
  const tokens = line.split(/[\s"'`,;(){}<>[\]=:?&@|\\]+/).filter((t) => t.length >= 8);
  return tokens.sort((a, b) => b.length - a.length)[0] ?? null;
}

export function readGitleaksFixtures(root: string, into: Fixtures): void {
  const dir = join(root, 'cmd/generate/config/rules');
  const random = prng(20261125);
  for (const file of readdirSync(dir).sort()) {
    if (!file.endsWith('.go') || file.endsWith('_test.go')) continue;
    const src = readFileSync(join(dir, file), 'utf8');
    const functions = src.split(/\nfunc /).slice(1);
    for (const fn of functions) {
      const rule = /^(\w+)/.exec(fn)?.[1] ?? basename(file, '.go');
      if (!/\btps\s*:?=/.test(fn)) continue;
      const regex = secretRegexOf(fn, random);
      let lineNo = 0;
      for (const found of fn.matchAll(/\btps\s*:?=\s*/g)) {
        const statement = statementAt(fn, found.index! + found[0].length);
        let value: Value;
        try {
          value = new GoExpr(tokenize(statement), random).expr();
        } catch (error) {
          into.excluded.push({ source: 'gitleaks', rule, why: (error as Error).message });
          continue;
        }
        for (const item of Array.isArray(value) ? value.flat(3) : [value]) {
          if (item === null) continue;
          if (typeof item === 'string') {
            const secret = secretOfLine(item, regex);
            if (!secret) {
              into.excluded.push({ source: 'gitleaks', rule, why: 'no secret found in the line' });
              continue;
            }
            lineNo++;
            into.files.push({
              source: 'gitleaks',
              rule,
              fileName: `${rule}-${lineNo}.txt`,
              content: `${item}\n`,
              secrets: [secret],
            });
          } else if (!Array.isArray(item))
            into.values.push({ source: 'gitleaks', rule, name: item.name, value: item.value });
        }
      }
    }
  }
}

export function readFixtures(dirs: { secretlint?: string; gitleaks?: string }): Fixtures {
  const fixtures: Fixtures = { values: [], files: [], excluded: [] };
  if (dirs.secretlint) readSecretlintFixtures(dirs.secretlint, fixtures);
  if (dirs.gitleaks) readGitleaksFixtures(dirs.gitleaks, fixtures);
  // The same value from two snapshots is one fixture.
  const seen = new Set<string>();
  fixtures.values = fixtures.values.filter(
    (v) => !seen.has(`${v.source}\0${v.value}`) && seen.add(`${v.source}\0${v.value}`),
  );
  return fixtures;
}
