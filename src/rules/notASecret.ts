// Values that sit where a secret could but are not one: the false-positive classes real releases showed
// (template literals, identifiers, UUIDs, hashes, timestamps, placeholders). Pure predicates over one value.

/** Shannon entropy in bits per character. */
export function shannonEntropy(value: string): number {
  if (value.length === 0) return 0;
  const counts = new Map<string, number>();
  for (const ch of value) counts.set(ch, (counts.get(ch) ?? 0) + 1);
  let bits = 0;
  for (const n of counts.values()) {
    const p = n / value.length;
    bits -= p * Math.log2(p);
  }
  return bits;
}

export function characterClasses(value: string): number {
  return [/[a-z]/, /[A-Z]/, /\d/, /[^A-Za-z\d]/].filter((re) => re.test(value)).length;
}

/** Documentation values and masks: `changeme`, `<your-token>`, `xxxx…`, `AKIA…EXAMPLE`. */
const DOCUMENTATION =
  /^(?:<[^>]*>|\*+|x+|X+|\.+|-+|#+)$|EXAMPLE|example|change.?me|placeholder|dummy|sample|fake|your[_-]?|redacted|replace|insert|todo|xxxx|XXXX|\*\*\*\*/i;

/** Sequences nobody draws at random: `1234567`, `aBcDeFg`, `qwerty`. */
const SEQUENCE = /0123456|1234567|abcdefg|qwerty/i;

/** A value naming what it stands for (`password123`, `my-secret`): fine in a label-only match's value, never random. */
const SELF_NAMING = /pass(?:word|wd)|secret|token/i;

/**
 * Text that is filled in later: `${expression}`, `{{ secrets.X }}`, `%(name)s`, `$VAR`, `$(Property)`, `<%= x %>`,
 * `#{x}`, `%VAR%`.
 */
const TEMPLATE = /\$\{|\{\{|%\(|<%|#\{|^\$[A-Za-z_(]|^%[A-Za-z_]+%$/;

/** Lookups, not values: `process.env.X`, `os.environ[…]`, `ENV["X"]`, `config.api.key`, `getToken()`. */
const REFERENCE =
  /^(?:process\.env|import\.meta\.env|os\.environ|os\.getenv|env\.|ENV\[|System\.getenv|secrets\.|vars\.)|^[\w$.]+\(.*\)$/;

/** `config.auth.bearerToken`: a property path of names (a dotted token's parts are random). */
function isPropertyPath(value: string): boolean {
  const parts = value.split('.');
  return (
    parts.length >= 2 &&
    parts.every(
      (part) =>
        /^[A-Za-z_$][\w$]*$/.test(part) && (part.length <= 4 || isIdentifier(part.replace(/^[_$]+/, ''))),
    )
  );
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function isUuid(value: string): boolean {
  return UUID.test(value);
}
const TIMESTAMP = /^\d{4}-\d{2}-\d{2}(?:[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d{1,9})?)?(?:Z|[+-]\d{2}:?\d{2})?)?$/;
const NUMBER_OR_VERSION = /^[v=^~<>]*\d+(?:[._:-]\d+)*(?:[-+][\w.]+)?$/;
/** Subresource-integrity and lock-file digests: `sha512-…`, `sha1-…`. */
const INTEGRITY = /^(?:sha(?:1|224|256|384|512)|md5)[-:]/i;
const PATH_OR_URL = /^(?:\.{0,2}\/|~\/|[A-Za-z]:\\|[a-z][a-z0-9+.-]*:\/\/(?![^/\s]*:[^/\s]*@))/;
/** `my-app/5026-stage.war`, `path/to/uploads/`: a file name or a folder, not base64. */
const FILE_OR_FOLDER = /^\S*\/[^\s/]*\.[A-Za-z][A-Za-z0-9]{0,4}$|^[\w.@~-]+(?:\/[\w.@~-]+)*\/$/;
/** Resource names and property paths: `arn:aws:iam::…`, `Shards[-1].ShardId`. */
const RESOURCE_NAME = /^(?:arn|urn):|^[\w$.]+(?:\[[^\]]*\][\w$.]*)+$/;

/**
 * `ExclusiveStartKey`, `db-credentials`, `SESSION_SECRET_KEY`, `ClientVpnEndpoints`, `RSA_4096`: names made of
 * words, not randomness. Random strings split into many short fragments and hold few real words.
 */
export function isIdentifier(value: string): boolean {
  if (!/^[A-Za-z][A-Za-z0-9_.-]*$/.test(value)) return false;
  const parts = value
    .replace(/([a-z])([A-Z])/g, '$1 $2')
    .replace(/([A-Z]+)([A-Z][a-z])/g, '$1 $2')
    .replace(/([A-Za-z])(\d)/g, '$1 $2')
    .replace(/(\d)([A-Za-z])/g, '$1 $2')
    .split(/[\s_.-]+/)
    .filter((p) => p.length > 0);
  // A word has vowels and no long consonant run (`thmmljktcjz` is a random draw, not a word).
  const wordy = (part: string) =>
    part.length >= 3 && /^[A-Za-z]+$/.test(part) && /[aeiouy]/i.test(part) && !/[^aeiouy]{5}/i.test(part);
  const fits = parts.every(
    (part) =>
      wordy(part) || /^[A-Za-z]{1,4}$/.test(part) || /^[A-Z]{2,6}$/.test(part) || /^\d{1,4}$/.test(part),
  );
  const letters = value.replace(/[^A-Za-z]/g, '').length;
  // Names carry a number or two (`Ipv4`, `oauth2`); random strings scatter digits throughout.
  if ((value.match(/\d+/g) ?? []).length > 2) return false;
  const inWords = parts.filter(wordy).reduce((n, part) => n + part.length, 0);
  return fits && inWords * 2 >= letters && value.length / parts.length >= 3;
}

/** `AWS/Textract/AnalyzeDocument/V1`, `aws:ResourceTag/backup`: a path of names, not base64 or a password. */
export function isPathOfNames(value: string): boolean {
  const parts = value.split(/[/:]/).filter(Boolean);
  return parts.length > 1 && parts.every((part) => part.length <= 4 || isIdentifier(part));
}

/** A long run of one character or a keyboard walk: `aaaaaaaaaaaa`, `abcdefghijkl`. */
function isRepetitive(value: string): boolean {
  return new Set(value).size <= Math.min(6, Math.max(2, value.length / 8));
}

/** Past this length a value is a key block or a blob: a placeholder word inside it is chance, not intent. */
const PLACEHOLDER_MAX_LENGTH = 120;

/** Text that is filled in later (`${expression}`, `{{ secrets.X }}`, `$VAR`): code, not a value. Never a finding. */
export function isTemplate(value: string): boolean {
  return TEMPLATE.test(value);
}

/** A value written to be read, not used: a mask, a documentation marker (`…EXAMPLE`, `your-token`, `xxxx`). */
export function isDocumentationValue(value: string): boolean {
  // AWS marks its documentation keys and tokens with EXAMPLE, whatever their length.
  return value.includes('EXAMPLE') || (value.length <= PLACEHOLDER_MAX_LENGTH && DOCUMENTATION.test(value));
}

/**
 * A value in a token's shape whose body nobody drew at random (`AAAA…`, `aBcDeFg…`, `1234567…`): a made-up
 * example as a rule, so a known format with such a body is reported as a possible secret, not blocked.
 */
export function looksMadeUp(value: string): boolean {
  return isRepetitive(value) || (value.length <= PLACEHOLDER_MAX_LENGTH && SEQUENCE.test(value));
}

/** Obvious non-secrets a rule that goes by shape discards: templates, documentation values and made-up ones. */
export function isPlaceholder(value: string): boolean {
  return isTemplate(value) || isDocumentationValue(value) || looksMadeUp(value);
}

/**
 * For values found by their shape alone (a random-looking token): everything above, plus identifiers, references, UUIDs,
 * timestamps, numbers, versions, digests, paths and URLs without credentials, and values too regular to be
 * random.
 */
export function isNotAGenericSecret(value: string, minEntropy: number): boolean {
  return (
    isPlaceholder(value) ||
    SELF_NAMING.test(value) ||
    REFERENCE.test(value) ||
    isPropertyPath(value) ||
    UUID.test(value) ||
    NUMBER_OR_VERSION.test(value) ||
    isNameAddressOrDate(value) ||
    characterClasses(value) < 2 ||
    shannonEntropy(value) < minEntropy
  );
}

/** Names made of words, paths, URLs and files without credentials, switches, timestamps and digests: never a value. */
function isNameAddressOrDate(value: string): boolean {
  return (
    isIdentifier(value) ||
    isPathOfNames(value) ||
    TIMESTAMP.test(value) ||
    INTEGRITY.test(value) ||
    PATH_OR_URL.test(value) ||
    /^--?[A-Za-z]/.test(value) ||
    FILE_OR_FOLDER.test(value) ||
    RESOURCE_NAME.test(value)
  );
}

/** Values that only say what belongs there: `<your-token>`, `YOUR_API_KEY_HERE`, `changeme`, `xxxxxxxx`, `****`. */
const INSTRUCTION =
  /^(?:<[^>]*>|\[[^\]]*\]|\*+|x+|X+|\.+|-+|#+|_+)$|^your[_-]|[_-]here$|change.?me|placeholder|replace[_-]?(?:me|this|with)|^insert[_-]|^(?:todo|tbd|redacted|none|null|undefined|nil)$/i;
/** Seconds, milliseconds, microseconds or nanoseconds since 1970, as digits. */
const EPOCH = /^1\d{9}(?:\d{3}){0,3}$/;
/** A number too long to be a count, a port or a year: an account number, a numeric client id or key. */
const LONG_NUMBER = /^\d{12,64}$/;

function isShortNumberOrVersion(value: string): boolean {
  return NUMBER_OR_VERSION.test(value) && (!LONG_NUMBER.test(value) || EPOCH.test(value));
}

/**
 * For a value behind a credential's name (`HEROKU_API_KEY=…`, `"X-Api-Key: …"`, `--token …`): the name says what
 * the value is, so only what cannot hold a secret is left out: code (templates, lookups, property paths),
 * instructions and masks, names made of words (`NextToken`), addresses and files, timestamps, versions, short
 * numbers and digests. UUIDs, made-up bodies and documentation values count: a reviewer loses nothing when
 * they are replaced, and a real key pasted into an example looks the same.
 */
export function isNotACredentialValue(value: string): boolean {
  return isCodeOrInstruction(value) || isShortNumberOrVersion(value) || isNameAddressOrDate(value);
}

/**
 * Where the format itself says "this is a credential" (a Kubernetes Secret's data, a `<add key="Password"
 * value="…">`, Bundler's per-host variable, `curl -u`), only code, instructions and switches are not one.
 */
export function isCodeOrInstruction(value: string): boolean {
  return (
    TEMPLATE.test(value) ||
    REFERENCE.test(value) ||
    isPropertyPath(value) ||
    INSTRUCTION.test(value) ||
    /^(?:true|false|yes|no|on|off)$/i.test(value)
  );
}
