// Committed credentials: well-known token shapes plus `name = "value"` assignments that look random.
// The redactor reuses detectSecrets, so a match covers the secret value only, never its label.

export interface SecretMatch {
  /** Offset of the secret value in the text. */
  index: number;
  length: number;
  /** Human name of the credential kind; never the value. */
  kind: string;
}

interface SecretPattern {
  kind: string;
  /** Global regex; capture group `v` (when present) is the secret, else the whole match. */
  regex: RegExp;
  /** Minimum Shannon entropy (bits per character) of the value; filters xxxx-style placeholders. */
  minEntropy: number;
}

/** @see https://docs.github.com/en/authentication/keeping-your-account-and-data-secure/about-authentication-to-github#githubs-token-formats */
const TOKEN_PATTERNS: SecretPattern[] = [
  {
    kind: 'private key',
    // A PEM block through its END line, or the header plus the base64 lines that follow it.
    regex:
      /-----BEGIN[A-Z0-9 ]{0,40}PRIVATE KEY(?: BLOCK)?-----(?:[\s\S]{0,20000}?-----END[A-Z0-9 ]{0,40}PRIVATE KEY(?: BLOCK)?-----|(?:\r?\n[+ \t"']{0,8}[A-Za-z0-9+/=:,\- ]{16,200}["',\\n]{0,4}){0,200})/g,
    minEntropy: 0,
  },
  { kind: 'AWS access key id', regex: /\b(?:AKIA|ASIA|ABIA|ACCA)[0-9A-Z]{16}\b/g, minEntropy: 2.5 },
  {
    kind: 'AWS secret access key',
    regex: /aws_?secret_?(?:access_?)?key["']?\s*[:=]\s*["']?(?<v>[A-Za-z0-9/+=]{40})(?![A-Za-z0-9/+=])/gi,
    minEntropy: 3.5,
  },
  { kind: 'GitHub token', regex: /\bgh[pousr]_[A-Za-z0-9]{36,255}\b/g, minEntropy: 3 },
  { kind: 'GitHub fine-grained token', regex: /\bgithub_pat_[A-Za-z0-9_]{50,255}\b/g, minEntropy: 3 },
  { kind: 'Slack token', regex: /\bxox[abposre]-[A-Za-z0-9-]{10,250}/g, minEntropy: 2.8 },
  {
    kind: 'Slack webhook URL',
    regex: /https:\/\/hooks\.slack\.com\/services\/T[A-Z0-9]{6,20}\/B[A-Z0-9]{6,20}\/[A-Za-z0-9]{16,64}/g,
    minEntropy: 3,
  },
  { kind: 'Stripe live key', regex: /\b[sr]k_live_[A-Za-z0-9]{20,250}\b/g, minEntropy: 3 },
  { kind: 'Google API key', regex: /\bAIza[0-9A-Za-z_-]{35}(?![0-9A-Za-z_-])/g, minEntropy: 3 },
  { kind: 'Anthropic API key', regex: /\bsk-ant-[A-Za-z0-9_-]{20,300}/g, minEntropy: 3 },
  {
    kind: 'OpenAI API key',
    regex: /\bsk-(?!ant-)(?:proj-|svcacct-|admin-)?[A-Za-z0-9_-]{32,300}(?![A-Za-z0-9_-])/g,
    minEntropy: 3.5,
  },
  { kind: 'npm token', regex: /\bnpm_[A-Za-z0-9]{36}\b/g, minEntropy: 3 },
  {
    kind: 'JSON Web Token',
    regex: /\beyJ[A-Za-z0-9_-]{10,4000}\.eyJ[A-Za-z0-9_-]{10,8000}\.[A-Za-z0-9_-]{16,4000}(?![A-Za-z0-9_-])/g,
    minEntropy: 3,
  },
  {
    kind: 'npm auth token',
    regex: /_auth(?:Token)?\s*=\s*["']?(?<v>[^\s"'$][^\s"']{15,500})/g,
    minEntropy: 3.2,
  },
  {
    kind: 'password in URL',
    regex: /\b[a-z][a-z0-9+.-]{1,20}:\/\/[^\s/:@'"]{1,64}:(?<v>[^\s/:@'"]{6,128})@[A-Za-z0-9.-]+/gi,
    minEntropy: 2.8,
  },
];

/** `api_key = "…"`, `password: '…'`, `"clientSecret": "…"`: the label names a credential. */
const ASSIGNMENT: SecretPattern = {
  kind: 'hard-coded credential',
  regex:
    /(?<![A-Za-z0-9_.-])[A-Za-z0-9_.-]{0,40}?(?:password|passwd|passphrase|secret|token|api[_-]?key|apikey|access[_-]?key|auth[_-]?key|private[_-]?key|client[_-]?secret|credentials?)[A-Za-z0-9_.-]{0,40}["']?\s*(?::=|=>|=|:)\s*(?<q>["'`])(?<v>[^"'`\s]{8,200})\k<q>/gi,
  minEntropy: 3.2,
};

/** Values that are obviously not secrets: templates, env lookups, placeholders, masks. */
const PLACEHOLDER =
  /^(?:\$\{?[A-Za-z_]|\{\{|<[^>]*>$|%[sd(]|process\.env|env\.|os\.environ|\*+$|x+$|\.+$)|change.?me|example|placeholder|dummy|sample|fake|your[_-]|redacted|replace|insert|todo|test|secret|password|token|xxxx|1234|abcd|<.*>/i;

function characterClasses(value: string): number {
  return [/[a-z]/, /[A-Z]/, /\d/, /[^A-Za-z\d]/].filter((re) => re.test(value)).length;
}

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

function secretValueOf(match: RegExpExecArray): { value: string; index: number } {
  const value = match.groups?.v;
  if (value === undefined) return { value: match[0], index: match.index };
  return { value, index: match.index + match[0].lastIndexOf(value) };
}

function looksLikeSecret(value: string, pattern: SecretPattern): boolean {
  if (/EXAMPLE/.test(value)) return false;
  if (pattern === ASSIGNMENT || pattern.kind === 'password in URL' || pattern.kind === 'npm auth token') {
    if (PLACEHOLDER.test(value)) return false;
    // Dotted names (`config.apiKey`) and CONSTANT_NAMES are references, not values.
    if (/^[A-Za-z_$][\w$]*(?:\.[A-Za-z_$][\w$]*)+$/.test(value) || /^[A-Z]+(?:_[A-Z]+)+$/.test(value))
      return false;
    // Names like `db-credentials` or `session_secret_key`: real secrets mix character classes.
    if (characterClasses(value) < 2 || /^[a-z]+(?:[-_.][a-z]+)*$/.test(value)) return false;
  }
  return shannonEntropy(value) >= pattern.minEntropy;
}

/** Every secret-looking value in `text`, by offset; overlapping matches keep the earliest, longest. */
export function detectSecrets(text: string): SecretMatch[] {
  const found: SecretMatch[] = [];
  for (const pattern of [...TOKEN_PATTERNS, ASSIGNMENT]) {
    pattern.regex.lastIndex = 0;
    for (const match of text.matchAll(pattern.regex)) {
      const { value, index } = secretValueOf(match);
      if (looksLikeSecret(value, pattern)) found.push({ index, length: value.length, kind: pattern.kind });
    }
  }
  return withoutOverlaps(found);
}

function withoutOverlaps(matches: SecretMatch[]): SecretMatch[] {
  const sorted = [...matches].sort((a, b) => a.index - b.index || b.length - a.length);
  const kept: SecretMatch[] = [];
  for (const m of sorted) {
    const last = kept.at(-1);
    if (last && m.index < last.index + last.length) continue;
    kept.push(m);
  }
  return kept;
}
