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
const PLACEHOLDER =
  /^(?:<[^>]*>|\*+|x+|X+|\.+|-+|#+|0+)$|EXAMPLE|example|change.?me|placeholder|dummy|sample|fake|your[_-]?|redacted|replace|insert|todo|xxxx|\*\*\*\*|1234567|abcdefg|qwerty/i;

/** A value naming what it stands for (`password123`, `my-secret`): fine in a label-only match's value, never random. */
const SELF_NAMING = /pass(?:word|wd)|secret|token/i;

/** Text that is filled in later: `${expression}`, `{{ secrets.X }}`, `%(name)s`, `$VAR`, `<%= x %>`, `#{x}`. */
const TEMPLATE = /\$\{|\{\{|%\(|<%|#\{|^\$[A-Za-z_]|^%[A-Za-z_]+%$/;

/** Lookups, not values: `process.env.X`, `os.environ[…]`, `ENV["X"]`, `config.api.key`, `getToken()`. */
const REFERENCE =
  /^(?:process\.env|import\.meta\.env|os\.environ|os\.getenv|env\.|ENV\[|System\.getenv|secrets\.|vars\.)|^[A-Za-z_$][\w$]*(?:\.[A-Za-z_$][\w$]*)+$|^[\w$.]+\(.*\)$/;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const TIMESTAMP = /^\d{4}-\d{2}-\d{2}(?:[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d{1,9})?)?(?:Z|[+-]\d{2}:?\d{2})?)?$/;
const NUMBER_OR_VERSION = /^[v=^~<>]*\d+(?:[._:-]\d+)*(?:[-+][\w.]+)?$/;
/** Subresource-integrity and lock-file digests: `sha512-…`, `sha1-…`. */
const INTEGRITY = /^(?:sha(?:1|224|256|384|512)|md5)[-:]/i;
const PATH_OR_URL = /^(?:\.{0,2}\/|~\/|[A-Za-z]:\\|[a-z][a-z0-9+.-]*:\/\/(?![^/\s]*:[^/\s]*@))/;

/** `ExclusiveStartKey`, `db-credentials`, `SESSION_SECRET_KEY`, `tokenEndpoint2`: words, not randomness. */
export function isIdentifier(value: string): boolean {
  if (!/^[A-Za-z][A-Za-z0-9_.-]*$/.test(value)) return false;
  const parts = value
    .replace(/([a-z])([A-Z])/g, '$1 $2')
    .replace(/([A-Z]+)([A-Z][a-z])/g, '$1 $2')
    .replace(/([A-Za-z])(\d)/g, '$1 $2')
    .split(/[\s_.-]+/)
    .filter((p) => p.length > 0);
  const wordy = (part: string) => part.length >= 3 && /^[A-Za-z]+$/.test(part) && /[aeiou]/i.test(part);
  const short = (part: string) =>
    /^[a-z]{1,3}$/.test(part) || (/^[A-Z]?[a-z]{0,2}$/.test(part) && /[aeiou]/i.test(part));
  const fits = parts.every(
    (part, i) =>
      wordy(part) ||
      short(part) ||
      /^[A-Z]{2,5}$/.test(part) ||
      (i === parts.length - 1 && /^\d{1,3}$/.test(part)),
  );
  // `pReteNimVPYkw` splits into fitting parts by chance; names made of words average longer parts.
  return fits && value.length / parts.length >= 3;
}

/** A long run of one character or a keyboard walk: `aaaaaaaaaaaa`, `abcdefghijkl`. */
function isRepetitive(value: string): boolean {
  return new Set(value).size <= Math.min(6, Math.max(2, value.length / 8));
}

/** Past this length a value is a key block or a blob: a placeholder word inside it is chance, not intent. */
const PLACEHOLDER_MAX_LENGTH = 120;

/** Obvious non-secrets any rule may discard: placeholders, templates, masks. */
export function isPlaceholder(value: string): boolean {
  if (isRepetitive(value)) return true;
  return value.length <= PLACEHOLDER_MAX_LENGTH && (PLACEHOLDER.test(value) || TEMPLATE.test(value));
}

/**
 * For values found only by their label (`token: …`): everything above, plus identifiers, references, UUIDs,
 * timestamps, numbers, versions, digests, paths and URLs without credentials, and values too regular to be
 * random.
 */
export function isNotAGenericSecret(value: string, minEntropy: number): boolean {
  return (
    isPlaceholder(value) ||
    TEMPLATE.test(value) ||
    SELF_NAMING.test(value) ||
    REFERENCE.test(value) ||
    isIdentifier(value) ||
    UUID.test(value) ||
    TIMESTAMP.test(value) ||
    NUMBER_OR_VERSION.test(value) ||
    INTEGRITY.test(value) ||
    PATH_OR_URL.test(value) ||
    characterClasses(value) < 2 ||
    shannonEntropy(value) < minEntropy
  );
}
