// hunkwise's own secret rules, for what secretlint's recommended preset does not cover: token formats outside
// the preset, credentials in URLs of any scheme, and values found only by their label (`SERVICE_KEY=…`,
// `token: …`, `"clientSecret": "…"`). Every regex here has bounded repeats over disjoint classes: the text is
// a contributor's, and a pattern that backtracks would hold the only thread.
import {
  isDocumentationValue,
  isIdentifier,
  isNotAGenericSecret,
  looksMadeUp,
  shannonEntropy,
} from './notASecret.js';

/** `block`: a known token format or a private key; `possible`: a random-looking value behind a credential label. */
export type SecretTier = 'block' | 'possible';

export interface SecretMatch {
  /** Offset of the secret value in the text. */
  index: number;
  length: number;
  /** Human name of the credential kind; never the value. */
  kind: string;
  tier: SecretTier;
}

interface KnownFormat {
  kind: string;
  /** Global regex; capture group `v` (when present) is the secret, else the whole match. */
  regex: RegExp;
  /** Minimum Shannon entropy (bits per character) of the value; filters xxxx-style placeholders. */
  minEntropy: number;
  /** What the value must also hold: a key block's base64 body, not just its armour lines. */
  body?: RegExp;
  /** JWTs are mostly short-lived, and documentation and tests are full of sample ones: reported, not blocking. */
  tier?: SecretTier;
}

/** Formats the preset lacks (or, for partial PEM blocks in an excerpt, cannot see). */
const KNOWN_FORMATS: KnownFormat[] = [
  {
    kind: 'private key',
    // A PEM block through its END line, or the header plus the base64 lines that follow it (a block cut by
    // the hunk's edge); a header alone is code that handles keys, not a key.
    regex:
      /-----BEGIN[A-Z0-9 ]{0,40}PRIVATE KEY(?: BLOCK)?-----(?:[\s\S]{0,20000}?-----END[A-Z0-9 ]{0,40}PRIVATE KEY(?: BLOCK)?-----|(?:(?:\r?\n|\\n)[+ \t"']{0,8}(?:[A-Za-z-]{3,20}: [^\n\\]{1,120}|[A-Za-z0-9+/=]{40,200})["',]{0,4}){1,200})/g,
    minEntropy: 0,
    body: /[A-Za-z0-9+/]{40}/,
  },
  {
    kind: 'PuTTY private key',
    regex: /PuTTY-User-Key-File-\d: [\s\S]{0,6000}?Private-MAC: [0-9a-f]{40,64}/g,
    minEntropy: 0,
  },
  {
    kind: 'AWS access key id',
    regex: /\b(?:AKIA|ASIA|ABIA|ACCA|A3T[A-Z0-9])[A-Z0-9]{16}\b/g,
    minEntropy: 2.5,
  },
  {
    kind: 'AWS secret access key',
    regex:
      /aws_?secret_?(?:access_?)?key["']?\s{0,5}[:=]\s{0,5}["']?(?<v>[A-Za-z0-9/+=]{40})(?![A-Za-z0-9/+=])/gi,
    minEntropy: 3.5,
  },
  // The preset knows the classic 36-character form; installation tokens now come longer and dotted.
  { kind: 'GitHub token', regex: /\bgh[pousr]_[A-Za-z0-9_.-]{36,1000}/g, minEntropy: 3 },
  {
    kind: 'Stripe key',
    regex: /\b[rs]k_(?:live|test|prod)_[A-Za-z0-9]{20,247}(?![A-Za-z0-9])/g,
    minEntropy: 3,
  },
  { kind: 'Stripe webhook secret', regex: /\bwhsec_[A-Za-z0-9]{32,64}(?![A-Za-z0-9])/g, minEntropy: 3 },
  { kind: 'Google API key', regex: /\bAIza[0-9A-Za-z_-]{35}(?![0-9A-Za-z_-])/g, minEntropy: 3 },
  {
    kind: 'JSON Web Token',
    regex: /\beyJ[A-Za-z0-9_-]{10,4000}\.eyJ[A-Za-z0-9_-]{10,8000}\.[A-Za-z0-9_-]{16,4000}(?![A-Za-z0-9_-])/g,
    minEntropy: 3,
    tier: 'possible',
  },
  {
    kind: 'Tailscale key',
    regex: /\btskey-[a-z]{2,20}-[0-9A-Za-z_]{8,40}-[0-9A-Za-z_]{16,60}(?![0-9A-Za-z_])/g,
    minEntropy: 3,
  },
  {
    kind: 'Cloudflare token',
    regex: /\b(?:cfk|cfut|cfat)_[A-Za-z0-9]{40}[0-9a-f]{8}(?![A-Za-z0-9])/g,
    minEntropy: 3,
  },
  { kind: 'Azure storage key', regex: /AccountKey=(?<v>[A-Za-z0-9+/]{86}==)/g, minEntropy: 4 },
  {
    kind: 'GitLab token',
    regex: /\bgl(?:pat|ptt|dt|rt)-[A-Za-z0-9_-]{20,64}(?![A-Za-z0-9_-])/g,
    minEntropy: 3,
  },
  { kind: 'PyPI token', regex: /\bpypi-AgEIcHlwaS5vcmc[A-Za-z0-9_-]{50,300}/g, minEntropy: 3 },
  { kind: 'DigitalOcean token', regex: /\bdo[opr]_v1_[a-f0-9]{64}\b/g, minEntropy: 3 },
  { kind: 'Postman API key', regex: /\bPMAK-[a-f0-9]{24}-[a-f0-9]{34}\b/g, minEntropy: 3 },
  { kind: 'Atlassian API token', regex: /\bATATT3[A-Za-z0-9_=-]{180,300}/g, minEntropy: 3 },
  { kind: 'Sentry token', regex: /\bsntry[su]_[A-Za-z0-9+/=_-]{40,300}/g, minEntropy: 3 },
  { kind: 'New Relic key', regex: /\bNRAK-[A-Z0-9]{27}\b/g, minEntropy: 3 },
  { kind: 'age secret key', regex: /\bAGE-SECRET-KEY-1[0-9A-Z]{58}\b/g, minEntropy: 3 },
  { kind: 'Telegram bot token', regex: /\b\d{8,10}:AA[0-9A-Za-z_-]{33}(?![0-9A-Za-z_-])/g, minEntropy: 3 },
  { kind: 'Doppler token', regex: /\bdp\.(?:pt|st|sa|ct|scim|audit)\.[A-Za-z0-9]{40,44}\b/g, minEntropy: 3 },
  { kind: 'Alibaba Cloud key', regex: /\bLTAI[A-Za-z0-9]{20}\b/g, minEntropy: 3 },
  {
    // Microsoft Entra (Azure AD) client secrets: three characters, a digit, `Q~`, then 31 to 34 more.
    kind: 'Azure AD client secret',
    regex: /(?<![A-Za-z0-9_~.-])[A-Za-z0-9_~.-]{3}\dQ~[A-Za-z0-9_~.-]{31,34}(?![A-Za-z0-9_~.-])/g,
    minEntropy: 3,
  },
  {
    kind: '1Password secret key',
    regex: /\bA3-[A-Z0-9]{6}-(?:[A-Z0-9]{11}|[A-Z0-9]{6}-[A-Z0-9]{5})-[A-Z0-9]{5}-[A-Z0-9]{5}-[A-Z0-9]{5}\b/g,
    minEntropy: 3,
  },
  {
    // The preset wants the full https://hooks.slack.com/services/T…/B…/… form; documentation drops parts of it.
    kind: 'Slack webhook URL',
    regex: /(?:https?:\/\/)?hooks\.slack\.com\/(?:services|workflows|triggers)\/[A-Za-z0-9+/_-]{20,120}/g,
    minEntropy: 3,
  },
  {
    kind: 'Square token',
    regex: /\bsq0(?:atp|csp)-[0-9A-Za-z_-]{22,60}\b|\bEAAA[A-Za-z0-9_-]{60}\b/g,
    minEntropy: 3,
  },
  { kind: 'EasyPost key', regex: /\bEZ[AT]K[A-Za-z0-9]{54}\b/g, minEntropy: 3 },
  {
    kind: 'Microsoft Teams webhook URL',
    regex:
      /https:\/\/[a-z0-9-]{1,60}\.webhook\.office\.com\/webhookb2\/[A-Za-z0-9@-]{20,120}\/IncomingWebhook\/[A-Za-z0-9]{20,64}\/[A-Za-z0-9-]{20,80}/g,
    minEntropy: 3,
  },
  {
    kind: 'Discord webhook URL',
    regex:
      /https:\/\/(?:ptb\.|canary\.)?discord(?:app)?\.com\/api\/webhooks\/\d{5,30}\/[A-Za-z0-9_-]{60,80}/g,
    minEntropy: 3,
  },
];

/** `scheme://user:password@host` for any scheme; secretlint's preset knows HTTP, FTP and three databases. */
const URL_PASSWORD =
  /\b[a-z][a-z0-9+.-]{1,20}:\/\/[^\s/:@'"`]{1,64}:(?<v>[^\s/:@'"`]{3,128})@[A-Za-z0-9.-]{1,253}/gi;

/** `Authorization: Bearer …` (or Basic, Token) in a header, a curl line or a config. */
const AUTHORIZATION =
  /\b(?:[Bb]earer|[Bb]asic|[Tt]oken|Api-Token)[ \t]{1,5}(?<v>[A-Za-z0-9._~+/-]{8,2000}=*)/g;

/** `curl -u user:password`, `--user 'user:password'`. */
const CURL_USER = /(?:^|\s)(?:-u|--user)[ \t]{1,5}["']?[^\s:"']{0,80}["']?:["']?(?<v>[^\s"']{4,200})/gm;

/** A header written as a string: `-H "X-Api-Key: …"`, `'Token: …'`. */
const HEADER_STRING = /["'](?<label>[A-Za-z][A-Za-z0-9-]{1,40}):[ \t]{0,5}(?<v>[^\s"']{8,300})["']/g;

/**
 * A long token drawn at random, with no label at all: mixed case and digits, high entropy. Vendors' formats the
 * rules do not know look like this; hashes (hex), names and paths do not.
 */
const RANDOM_TOKEN = /(?<![A-Za-z0-9_+/=.-])[A-Za-z0-9_+/-]{24,512}={0,2}(?![A-Za-z0-9_+/=.-])/g;

/** Changes between lower case, upper case and digits per character: ~0.6 drawn at random, ~0.3 in names. */
function classChanges(value: string): number {
  const classOf = (ch: string) => (/[a-z]/.test(ch) ? 0 : /[A-Z]/.test(ch) ? 1 : /\d/.test(ch) ? 2 : 3);
  let changes = 0;
  for (let i = 1; i < value.length; i++) if (classOf(value[i]!) !== classOf(value[i - 1]!)) changes++;
  return changes / value.length;
}

/** `AWS/Textract/AnalyzeDocument/V1`: a path of names, not base64. */
function isPathOfNames(value: string): boolean {
  const parts = value.split('/').filter(Boolean);
  return parts.length > 1 && parts.every((part) => part.length <= 4 || isIdentifier(part));
}

function isRandomToken(value: string): boolean {
  return (
    !value.startsWith('_') &&
    /[a-z]/.test(value) &&
    /[A-Z]/.test(value) &&
    /\d/.test(value) &&
    shannonEntropy(value) >= 4 &&
    classChanges(value) >= 0.45 &&
    !isPathOfNames(value) &&
    !isNotAGenericSecret(value, 4)
  );
}

/** Words that make a label a credential's name, once separators are dropped and case ignored. */
const CREDENTIAL_LABEL =
  /pass(?:word|wd|phrase)?|pwd|secret|token|apikey|accesskey|authkey|privatekey|signingkey|encryptionkey|masterkey|clientkey|appkey|serverkey|sessionkey|licensekey|credential|creds|bearer|authorization/;

/** Labels that name something about a credential, not the credential: `token_url`, `secret_name`, `key_id`. */
const NOT_A_VALUE_LABEL =
  /(?:id|ids|name|names|type|types|length|size|url|uri|endpoint|path|file|dir|field|header|prefix|suffix|label|count|expiry|expires|expiresat|expiresin|ttl|timeout|format|policy|version|enabled|hint|regex|pattern|placeholder|template|env|var|ref|arn|hash|digest|location|mode|kind|limit|max|min|tokens|usage|reset|fingerprint|spec|specs|algorithm|algo|region|state|status|origin|scheme|method|class|style|role)$/;

/** Words that make a token something other than a credential: pagination, CSRF, idempotency. */
const NOT_A_CREDENTIAL_WORD =
  /^(?:next|page|pagination|continuation|cursor|marker|csrf|xsrf|idempotency|request|sync|public|publishable)$/;

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
/** Minified or generated: a label-only match on such a line is noise. */
const LONG_LINE = 1000;

/** Value bounds for `match`: group `v` when present, else the whole match. */
function secretValueOf(match: RegExpExecArray | RegExpMatchArray): { value: string; index: number } {
  const value = match.groups?.v;
  const start = match.index ?? 0;
  if (value === undefined) return { value: match[0], index: start };
  return { value, index: start + match[0].lastIndexOf(value) };
}

export function knownFormatMatches(text: string): SecretMatch[] {
  const found: SecretMatch[] = [];
  for (const format of KNOWN_FORMATS) {
    for (const match of text.matchAll(format.regex)) {
      const { value, index } = secretValueOf(match);
      if (isDocumentationValue(value) || (format.body && !format.body.test(value))) continue;
      const madeUp = looksMadeUp(value) || shannonEntropy(value) < format.minEntropy;
      const tier = madeUp ? 'possible' : (format.tier ?? 'block');
      found.push({ index, length: value.length, kind: format.kind, tier });
    }
  }
  return found;
}

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

function isCredentialLabel(label: string): boolean {
  const words = label
    .replace(/([a-z0-9])([A-Z])/g, '$1_$2')
    .replace(/([A-Za-z])(\d+)$/, '$1_$2')
    .toLowerCase()
    .split(/[_.$-]+/)
    .filter(Boolean);
  if (words.length === 0 || NOT_A_VALUE_LABEL.test(words.at(-1)!)) return false;
  if (words.some((word) => NOT_A_CREDENTIAL_WORD.test(word))) return false;
  if (endsAWord(words)) return true;
  const key = Math.max(words.lastIndexOf('key'), words.lastIndexOf('keys'));
  if (words.some((word) => word === 'auth' || word === 'priv' || word === 'privkey')) return true;
  return key !== -1 && !NOT_SECRET_KEY.test(words[key - 1] ?? '');
}

function lineAround(text: string, index: number): string {
  const start = text.lastIndexOf('\n', index) + 1;
  const end = text.indexOf('\n', index);
  return text.slice(start, end === -1 ? text.length : end);
}

/** Label-only matches: redacted before any request, reported as possible secrets, never blocking. */
export function credentialAssignments(text: string, path: string): SecretMatch[] {
  if (LOCK_FILE.test(path)) return [];
  const patterns = CODE_FILE.test(path) ? [QUOTED_ASSIGNMENT] : [QUOTED_ASSIGNMENT, UNQUOTED_ASSIGNMENT];
  const found: SecretMatch[] = [];
  for (const pattern of patterns) {
    for (const match of text.matchAll(pattern)) {
      const label = match.groups?.label ?? '';
      const { value, index } = secretValueOf(match);
      if (!isCredentialLabel(label) || lineAround(text, index).length > LONG_LINE) continue;
      const minEntropy = /pass|pwd/i.test(label) ? 2.5 : 3;
      if (isNotAGenericSecret(value, minEntropy)) continue;
      found.push({ index, length: value.length, kind: 'hard-coded credential', tier: 'possible' });
    }
  }
  for (const match of text.matchAll(RANDOM_TOKEN)) {
    const { value, index } = secretValueOf(match);
    if (isRandomToken(value) && lineAround(text, index).length <= LONG_LINE)
      found.push({ index, length: value.length, kind: 'random token', tier: 'possible' });
  }
  for (const [pattern, kind] of [
    [URL_PASSWORD, 'password in URL'],
    [CURL_USER, 'password in URL'],
    [AUTHORIZATION, 'authorization header'],
    [HEADER_STRING, 'authorization header'],
  ] as const) {
    for (const match of text.matchAll(pattern)) {
      const label = match.groups?.label;
      if (label !== undefined && !isCredentialLabel(label)) continue;
      const { value, index } = secretValueOf(match);
      if (!isNotAGenericSecret(value, 2.5))
        found.push({ index, length: value.length, kind, tier: 'possible' });
    }
  }
  return found;
}
