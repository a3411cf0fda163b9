// secretlint's engine with its recommended preset: the npm ecosystem's maintained rules for token formats,
// private keys and credentials in URLs. Imported on first use, so a run with nothing to scan never loads it.
// Pinned to 12.0.0, the last release that supports Node 20 (12.1 requires Node 22).
// @see https://github.com/secretlint/secretlint/tree/master/packages/@secretlint/secretlint-rule-preset-recommend
import { extname } from 'node:path';
import { isDocumentationValue, isNotAGenericSecret, isTemplate, looksMadeUp } from './notASecret.js';
import type { SecretMatch } from './secretMatch.js';

interface LintMessage {
  ruleId: string;
  messageId: string;
  range: readonly [number, number];
  data?: Record<string, unknown>;
}

type Lint = (content: string, path: string) => Promise<LintMessage[]>;

let loading: Promise<Lint> | undefined;

async function loadLint(): Promise<Lint> {
  const [{ lintSource }, { creator }, { secretLintProfiler }] = await Promise.all([
    import('@secretlint/core'),
    import('@secretlint/secretlint-rule-preset-recommend'),
    import('@secretlint/profiler'),
  ]);
  // secretlint marks every rule of every call in a process-wide list that only grows, and its observer scans
  // that list per mark: 8,000 calls left ~50 s of work after the last one. hunkwise never reads the profile.
  secretLintProfiler.mark = () => {};
  const config = { rules: [{ id: creator.meta.id, rule: creator }] };
  return async (content, path) => {
    const result = await lintSource({
      source: { content, filePath: path || 'unnamed', ext: extname(path), contentType: 'text' },
      options: { config, noPhysicFilePath: true },
    });
    return result.messages as LintMessage[];
  };
}

/** Names for the preset's message ids; the rule's own message embeds the secret, so it is never shown. */
const KINDS: Record<string, string> = {
  AWSSecretAccessKey: 'AWS secret access key',
  AWSAccessKeyID: 'AWS access key id',
  AWSAccountID: 'AWS account id',
  PrivateKeyJSON: 'GCP service account key',
  PrivateKeyP12: 'GCP service account key',
  PrivateKey: 'private key',
  BasicAuth: 'password in URL',
  IncomingWebhook: 'Slack webhook URL',
  SLACK_TOKEN: 'Slack token',
  GITHUB_TOKEN: 'GitHub token',
  OPENAI_TOKEN: 'OpenAI API key',
  ANTHROPIC_API_KEY: 'Anthropic API key',
  MongoDBConnection: 'database connection string',
  MySQLConnection: 'database connection string',
  PostgreSQLConnection: 'database connection string',
};

const RULE_KINDS: Record<string, string> = {
  npm: 'npm token',
  sendgrid: 'SendGrid API key',
  shopify: 'Shopify token',
  gitlab: 'GitLab token',
  grafana: 'Grafana token',
  groq: 'Groq API key',
  huggingface: 'Hugging Face token',
  linear: 'Linear API key',
  notion: 'Notion token',
  '1password': '1Password token',
  'hashicorp-vault': 'Vault token',
  vercel: 'Vercel token',
  databricks: 'Databricks token',
  docker: 'Docker token',
  figma: 'Figma token',
};

function kindOf(message: LintMessage): string {
  const rule = message.ruleId.replace(/^.*secretlint-rule-/, '');
  return KINDS[message.messageId] ?? RULE_KINDS[rule] ?? `${rule} secret`;
}

/**
 * Where the secret is. A rule's `range` can start at the label rather than the value (the AWS rule reports
 * `AWS_SECRET_ACCESS_KEY = …` from the label's offset with the value's length), so the value the rule puts
 * in `data` is looked up next to the range and preferred.
 */
function spanOf(text: string, message: LintMessage): Span {
  const [start, end] = message.range;
  let best: { index: number; length: number } | null = null;
  for (const value of Object.values(message.data ?? {})) {
    if (typeof value !== 'string' || value.length < 8) continue;
    const index = text.indexOf(value, Math.max(0, start - value.length - 256));
    if (index === -1 || index > end + 256) continue;
    if (!best || value.length > best.length) best = { index, length: value.length };
  }
  const span = best ?? { index: start, length: end - start };
  const password = passwordOf(text, span);
  return password ? { ...password, password: true } : span;
}

interface Span {
  index: number;
  length: number;
  /** The span is the password of a URL: `user:pass@example.com` is documentation, not a leak. */
  password?: boolean;
}

const URL_CREDENTIALS = /^[a-z][a-z0-9+.-]{0,20}:\/\/[^\s/:@]{0,64}:(?=[^\s/@]{1,128}@)/i;

/** In `scheme://user:password@host` only the password is secret: the rest stays readable for the model. */
function passwordOf(
  text: string,
  span: { index: number; length: number },
): { index: number; length: number } | null {
  const value = text.slice(span.index, span.index + span.length);
  const prefix = URL_CREDENTIALS.exec(value)?.[0];
  if (prefix === undefined) return null;
  const slash = value.indexOf('/', prefix.length);
  const at = value.lastIndexOf('@', slash === -1 ? value.length : slash);
  return at > prefix.length ? { index: span.index + prefix.length, length: at - prefix.length } : null;
}

/** Every secret the preset reports in `text`; `path` lets file-specific rules (.npmrc, package.json) apply. */
export async function secretlintMatches(text: string, path: string): Promise<SecretMatch[]> {
  loading ??= loadLint();
  const lint = await loading;
  const found: SecretMatch[] = [];
  for (const message of await lint(text, path)) {
    const { password, ...span } = spanOf(text, message);
    const value = text.slice(span.index, span.index + span.length);
    if (span.length <= 0 || isTemplate(value)) continue;
    // A hand-written body or a documentation marker (`hf_xxxx…`, `…EXAMPLE`) is redacted and reported, not blocking.
    const weak =
      isDocumentationValue(value) ||
      looksMadeUp(value) ||
      (password === true && isNotAGenericSecret(value, 2.5));
    found.push({ ...span, kind: kindOf(message), tier: weak ? 'possible' : 'block' });
  }
  return found;
}
