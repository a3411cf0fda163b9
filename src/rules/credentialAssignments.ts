// Values found by their context rather than their format: a value assigned to a credential's name
// (`HEROKU_API_KEY=…`, `"clientSecret": "…"`, `X-Api-Key: …`, `--token …`, `<add key="Password" value="…">`),
// credentials in URLs and `curl -u`, and long random-looking tokens with no label at all. All of them are
// possible secrets: redacted before any request, reported as notes, never blocking. Every regex here has
// bounded repeats over disjoint classes: the text is a contributor's, and a pattern that backtracks would hold
// the only thread.
import { credentialLabel, isBundlerHostLabel, isCredentialLabel } from './credentialLabel.js';
import {
  isCodeOrInstruction,
  isNotACredentialValue,
  isNotAGenericSecret,
  isUuid,
  shannonEntropy,
} from './notASecret.js';
import { Lines, type SecretMatch, secretValueOf } from './secretMatch.js';

/** `scheme://user:password@host` for any scheme; secretlint's preset knows HTTP, FTP and three databases. */
const URL_PASSWORD =
  /\b[a-z][a-z0-9+.-]{1,20}:\/\/[^\s/:@'"`]{1,64}:(?<v>[^\s/:@'"`]{3,128})@[A-Za-z0-9.-]{1,253}/gi;

/** `Authorization: Bearer …` (or Basic, Token) in a header, a curl line or a config. */
const AUTHORIZATION =
  /\b(?:[Bb]earer|[Bb]asic|[Tt]oken|Api-Token)[ \t]{1,5}(?<v>[A-Za-z0-9._~+/-]{8,2000}=*)/g;

/** `-u user:password`, `--user 'user:password'` outside curl (httpie, scripts): the password part. */
const USER_PASSWORD_FLAG =
  /(?:^|\s)(?:-u|--user)[ \t]{1,5}["']?[^\s:"']{0,80}["']?:["']?(?<v>[^\s"']{4,200})/gm;

/** curl's `-u`/`--user` argument, quoted in parts or not: `key:`, `"id":"secret"`, `user:password`. */
const CURL_USER =
  /(?:^|\s)(?:-u|--user)(?:[ \t]{1,5}|=)(?<v>(?:"[^"\n]{0,200}"|'[^'\n]{0,200}'|[^\s"']){1,300})/gm;

/** A header written as a string: `-H "X-Api-Key: …"`, `'Token: …'`. */
const HEADER_STRING = /["'](?<label>[A-Za-z][A-Za-z0-9-]{1,40}):[ \t]{0,5}(?<v>[^\s"']{8,300})["']/g;

/** A command-line flag and its value: `--token abc…`, `--api-key=abc…`, `--password "abc…"`. */
const FLAG =
  /(?<![\w-])--(?<label>[A-Za-z][A-Za-z0-9-]{1,40})(?:=|[ \t]{1,5})(?<q>["']?)(?<v>[^\s"'`\\]{8,300})\k<q>(?![^\s;|&)"'`])/g;

/** .NET and NuGet configuration: `<add key="ClearTextPassword" value="…" />`. */
const KEY_VALUE_ELEMENT =
  /\bkey[ \t]{0,3}=[ \t]{0,3}(?<q1>["'])(?<label>[^"'\n]{1,80})\k<q1>[ \t]{1,10}value[ \t]{0,3}=[ \t]{0,3}(?<q>["'])(?<v>[^"'\n]{4,300})\k<q>/gi;

/**
 * A long token drawn at random, with no label at all: mixed case and digits, high entropy. Vendors' formats the
 * rules do not know look like this; hashes (hex), names and paths do not.
 */
const RANDOM_TOKEN = /(?<![A-Za-z0-9_+/=.-])[A-Za-z0-9_+/-]{24,512}={0,2}(?![A-Za-z0-9_+/=.-])/g;

/** `label = "value"`, `"label": 'value'`, `label := \`value\``, `("LABEL", "value")`: any file. */
const QUOTED_ASSIGNMENT =
  /(?<![A-Za-z0-9_.$-])(?<label>[A-Za-z0-9_$][A-Za-z0-9_.$-]{0,80})["'\]]?\s{0,5}(?::=|=>|\?\?=|\|\|=|\.=|=|:|,)\s{0,5}(?<q>["'`])(?<v>[^"'`\s\\]{8,300})\k<q>/g;

/** `LABEL=value`, `label: value`, `export LABEL=value`: one per line, in files that are not code. */
const UNQUOTED_ASSIGNMENT =
  /^[ \t]{0,40}(?:export[ \t]{1,5}|-[ \t]{1,5})?(?<label>[A-Za-z0-9_][A-Za-z0-9_.-]{0,80})[ \t]{0,5}[:=][ \t]{0,5}(?<v>[^\s"'`#;]{8,300})[ \t"';,]*(?:#.*)?$/gm;

/** In source code an unquoted value is an expression, not a literal. */
const CODE_FILE =
  /\.(?:[cm]?[jt]sx?|vue|svelte|py|rb|go|rs|java|kt|kts|scala|swift|cs|fs|c|cc|cpp|h|hpp|m|mm|php|pl|lua|dart|ex|exs|erl|clj|groovy|r|jl|sql|html?|css|scss|less)$/i;
/** Lock files list digests by the thousand and never hold a credential. */
const LOCK_FILE =
  /(?:^|\/)(?:package-lock\.json|npm-shrinkwrap\.json|yarn\.lock|pnpm-lock\.yaml|[\w.-]+\.lock|go\.sum)$/i;
/** Minified or generated: a match found by context on such a line is noise. */
const LONG_LINE = 1000;

/** Changes between lower case, upper case and digits per character: ~0.6 drawn at random, ~0.3 in names. */
function classChanges(value: string): number {
  const classOf = (ch: string) => (/[a-z]/.test(ch) ? 0 : /[A-Z]/.test(ch) ? 1 : /\d/.test(ch) ? 2 : 3);
  let changes = 0;
  for (let i = 1; i < value.length; i++) if (classOf(value[i]!) !== classOf(value[i - 1]!)) changes++;
  return changes / value.length;
}

function isRandomToken(value: string): boolean {
  return (
    !value.startsWith('_') &&
    /[a-z]/.test(value) &&
    /[A-Z]/.test(value) &&
    /\d/.test(value) &&
    shannonEntropy(value) >= 4 &&
    classChanges(value) >= 0.45 &&
    !isNotAGenericSecret(value, 4)
  );
}

/**
 * A labelled value worth redacting. Behind a name that surely means a credential anything that could hold one
 * counts; behind a bare `…_KEY` (which also names map keys and sort keys) the value must look random, or be a
 * UUID (the shape of many vendors' API keys).
 */
function isLabelledCredential(label: string, value: string): boolean {
  if (isBundlerHostLabel(label)) return !isCodeOrInstruction(value);
  const strength = credentialLabel(label);
  if (strength === 'strong') return !isNotACredentialValue(value);
  return strength === 'weak' && (isUuid(value) || !isNotAGenericSecret(value, 3));
}

/** Which lines belong to a curl command: those naming curl, and the lines a trailing `\` continues them onto. */
function curlLines(lines: Lines): Set<number> {
  const inCurl = new Set<number>();
  for (let n = 0; n < lines.starts.length; n++) {
    const line = lines.line(n);
    const continued =
      n > 0 &&
      inCurl.has(n - 1) &&
      lines
        .line(n - 1)
        .trimEnd()
        .endsWith('\\');
    if (continued || /\bcurl\b/.test(line)) inCurl.add(n);
  }
  return inCurl;
}

/** `user:password`, either part may be a key: worth redacting when one part could hold a secret. */
function isCurlCredential(raw: string): boolean {
  const value = raw.replace(/["']/g, '');
  const colon = value.indexOf(':');
  if (colon === -1) return false;
  const parts = [value.slice(0, colon), value.slice(colon + 1)].filter((part) => part.length >= 4);
  return parts.some((part) => !isCodeOrInstruction(part) && !isNotACredentialValue(part));
}

/** `"id":"secret"` → `id":"secret`: the quotes around a shell word are syntax, and stay readable. */
function withoutOuterQuotes(text: string, match: SecretMatch): SecretMatch {
  const value = text.slice(match.index, match.index + match.length);
  const start = /^["']/.test(value) ? 1 : 0;
  const end = /["']$/.test(value) && value.length > start + 1 ? 1 : 0;
  return { ...match, index: match.index + start, length: match.length - start - end };
}

/** Matches of `pattern` that `keep` accepts, as possible secrets; on minified lines only where `anyLine`. */
function* matchesOf(
  text: string,
  lines: Lines,
  pattern: RegExp,
  kind: string,
  keep: (m: RegExpMatchArray) => boolean,
  anyLine = false,
) {
  for (const match of text.matchAll(pattern)) {
    const { value, index } = secretValueOf(match);
    if ((!anyLine && lines.lengthAt(index) > LONG_LINE) || !keep(match)) continue;
    yield { index, length: value.length, kind, tier: 'possible' } satisfies SecretMatch;
  }
}

/** Every possible secret found by its context or its shape in `text`, from the file at `path`. */
export function credentialAssignments(text: string, path: string): SecretMatch[] {
  if (LOCK_FILE.test(path)) return [];
  const lines = new Lines(text);
  let curl: Set<number> | undefined;
  const inCurl = (m: RegExpMatchArray) => {
    curl ??= curlLines(lines);
    return curl.has(lines.numberAt(m.index ?? 0));
  };
  const credential = 'hard-coded credential';
  const labelled = (m: RegExpMatchArray) => isLabelledCredential(m.groups?.label ?? '', m.groups?.v ?? '');
  const assignments = CODE_FILE.test(path) ? [QUOTED_ASSIGNMENT] : [QUOTED_ASSIGNMENT, UNQUOTED_ASSIGNMENT];
  const secretOf = (m: RegExpMatchArray) => m.groups?.v ?? '';
  return [
    ...assignments.flatMap((pattern) => [...matchesOf(text, lines, pattern, credential, labelled)]),
    ...matchesOf(text, lines, FLAG, credential, labelled),
    ...matchesOf(
      text,
      lines,
      KEY_VALUE_ELEMENT,
      credential,
      (m) => isCredentialLabel(m.groups?.label ?? '') && !isCodeOrInstruction(secretOf(m)),
    ),
    // Credentials in headers, commands and addresses: the syntax says what they are, whatever the line's length.
    ...matchesOf(text, lines, HEADER_STRING, 'authorization header', labelled, true),
    ...matchesOf(
      text,
      lines,
      AUTHORIZATION,
      'authorization header',
      (m) => !isNotACredentialValue(secretOf(m)),
      true,
    ),
    ...matchesOf(
      text,
      lines,
      URL_PASSWORD,
      'password in URL',
      (m) => !isNotACredentialValue(secretOf(m)),
      true,
    ),
    ...[
      ...matchesOf(
        text,
        lines,
        CURL_USER,
        'basic auth credentials',
        (m) => inCurl(m) && isCurlCredential(secretOf(m)),
        true,
      ),
    ].map((match) => withoutOuterQuotes(text, match)),
    ...matchesOf(
      text,
      lines,
      USER_PASSWORD_FLAG,
      'password in URL',
      (m) => !inCurl(m) && !isNotAGenericSecret(secretOf(m), 2.5),
      true,
    ),
    ...matchesOf(text, lines, RANDOM_TOKEN, 'random token', (m) => isRandomToken(m[0])),
  ];
}
