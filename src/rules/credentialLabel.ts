// Does a name say "credential"? A label is a variable, key, property, header or flag name: `HEROKU_API_KEY`,
// `clientSecret`, `X-Api-Key`, `--password`. Its words are split at case changes and separators, then read.

/** Words that make a label a credential's name, once separators are dropped and case ignored. */
const CREDENTIAL_LABEL =
  /pass(?:word|wd|phrase)?|pwd|secret|token|apikey|accesskey|authkey|privatekey|signingkey|encryptionkey|masterkey|clientkey|appkey|serverkey|sessionkey|licensekey|credential|creds|bearer|authorization|session|cookie|signature/;

/** Labels that name something about a credential, not the credential: `token_url`, `secret_name`, `key_id`. */
const NOT_A_VALUE_LABEL =
  /(?:id|ids|name|names|type|types|length|size|url|uri|endpoint|path|file|dir|field|header|prefix|suffix|label|count|expiry|expires|expiresat|expiresin|ttl|timeout|format|policy|version|enabled|hint|regex|pattern|placeholder|template|env|var|ref|arn|hash|digest|location|mode|kind|limit|max|min|tokens|usage|reset|fingerprint|spec|specs|algorithm|algo|region|state|status|origin|scheme|method|class|style|role|issued|created|updated|date|time|timestamp|at|stdin|domain|host|hostname|port|secure|samesite|httponly|maxage|options|opts|config|store|storage|service|provider|strategy|handler|manager|parser|middleware)$/;

/** Words that make a token something other than a credential: pagination, CSRF, idempotency, concurrency. */
const NOT_A_CREDENTIAL_WORD =
  /^(?:next|page|pagination|continuation|cursor|marker|csrf|xsrf|idempotency|request|sync|public|publishable|change)$/;

/** `…_KEY` names a secret (`SERVICE_KEY`, `app.key`) unless a word before it says otherwise. */
const NOT_SECRET_KEY =
  /^(?:public|publishable|pub|primary|foreign|sort|partition|cache|idempotency|unique|composite|row|group|map|lookup|i18n|translation|object|dict|react|hot|short|shortcut|keyboard)$/;

/**
 * A credential word that ends one of the label's words, the words run together (`APIKEY`, `authtoken`,
 * `client_secret`): `secretlint` or `tokenizer` only start with one.
 */
function endsAWord(words: readonly string[]): boolean {
  const ends = new Set<number>();
  let at = 0;
  for (const word of words) {
    at += word.length;
    ends.add(at);
  }
  const squashed = words.join('');
  for (const match of squashed.matchAll(new RegExp(CREDENTIAL_LABEL.source, 'g'))) {
    const end = (match.index ?? 0) + match[0].length;
    if (ends.has(end) || (squashed[end] === 's' && ends.has(end + 1))) return true;
  }
  return false;
}

function wordsOf(label: string): string[] {
  return label
    .replace(/([a-z0-9])([A-Z])/g, '$1_$2')
    .replace(/([A-Za-z])(\d+)$/, '$1_$2')
    .toLowerCase()
    .split(/[_.$-]+/)
    .filter(Boolean);
}

/**
 * How surely a label names a credential: `strong` when a credential word ends one of its words (`HEROKU_API_KEY`,
 * `bot_token`, `ClearTextPassword`), `weak` when only a bare `key` does (`SERVICE_KEY`, but also `result_key`
 * or `convertCommentKey`), null when it names something else.
 */
export function credentialLabel(label: string): 'strong' | 'weak' | null {
  const words = wordsOf(label);
  if (words.length === 0 || NOT_A_VALUE_LABEL.test(words.at(-1)!)) return null;
  if (words.some((word) => NOT_A_CREDENTIAL_WORD.test(word))) return null;
  // `ClientToken` and `client_token` are idempotency tokens in AWS's and Azure's APIs.
  if (words.at(-1) === 'token' && words.at(-2) === 'client') return null;
  if (endsAWord(words)) return 'strong';
  if (words.some((word) => word === 'auth' || word === 'priv' || word === 'privkey')) return 'strong';
  // The key is what the label names (`SERVICE_KEY`, `app_key_2`), not a word qualifying another (`KeyStorageType`).
  const key = Math.max(words.lastIndexOf('key'), words.lastIndexOf('keys'));
  const last = words.slice(key + 1).every((word) => /^(?:v?\d+)$/.test(word));
  return key !== -1 && last && !NOT_SECRET_KEY.test(words[key - 1] ?? '') ? 'weak' : null;
}

export function isCredentialLabel(label: string): boolean {
  return credentialLabel(label) !== null;
}

/**
 * Bundler's credentials for a gem source, one variable per host with `__` for its dots
 * (`BUNDLE_GEMS__CONTRIBSYS__COM=user:password`).
 * @see https://bundler.io/man/bundle-config.1.html#CREDENTIALS-FOR-GEM-SOURCES
 */
export function isBundlerHostLabel(label: string): boolean {
  return /^BUNDLE_(?:[A-Z0-9-]+__)+[A-Z]{2,24}$/.test(label);
}
