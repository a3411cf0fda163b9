// Token formats secretlint's recommended preset lacks (or, for partial PEM blocks in an excerpt, cannot see). A
// value in a known format blocks, unless its body was plainly written by hand (`AAAA…`, `1234567…`) or marks
// itself as documentation (`…EXAMPLE`, `xxxx`): then it is a possible secret, redacted and reported, since a
// reviewer loses nothing when it is replaced and a real key pasted into an example would otherwise leave.
// Every regex here has bounded repeats over disjoint classes: the text is a contributor's.
import { isDocumentationValue, isTemplate, looksMadeUp, shannonEntropy } from './notASecret.js';
import { type SecretMatch, type SecretTier, secretValueOf } from './secretMatch.js';

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
    // 42's intranet OAuth client secrets (`s-s4t2ud-…`, `s-s4t2af-…`).
    kind: '42 Intra client secret',
    regex: /\bs-s4t2(?:ud|af)-[a-f0-9]{64}\b/g,
    minEntropy: 3,
  },
  // SonarQube user, project and global analysis tokens.
  { kind: 'SonarQube token', regex: /\bsq[apu]_[A-Za-z0-9]{40}\b/g, minEntropy: 3 },
  // Slack's legacy workspace (xoxa) and refresh (xoxr) tokens, which the preset's Slack rule does not know.
  { kind: 'Slack token', regex: /\bxox[ar]-(?:\d-)?[0-9A-Za-z]{8,48}\b/g, minEntropy: 3 },
  {
    kind: 'Discord webhook URL',
    regex:
      /https:\/\/(?:ptb\.|canary\.)?discord(?:app)?\.com\/api\/webhooks\/\d{5,30}\/[A-Za-z0-9_-]{60,80}/g,
    minEntropy: 3,
  },
];

export function knownFormatMatches(text: string): SecretMatch[] {
  const found: SecretMatch[] = [];
  for (const format of KNOWN_FORMATS) {
    for (const match of text.matchAll(format.regex)) {
      const { value, index } = secretValueOf(match);
      if (isTemplate(value) || (format.body && !format.body.test(value))) continue;
      const handWritten =
        isDocumentationValue(value) || looksMadeUp(value) || shannonEntropy(value) < format.minEntropy;
      const tier = handWritten ? 'possible' : (format.tier ?? 'block');
      found.push({ index, length: value.length, kind: format.kind, tier });
    }
  }
  return found;
}
