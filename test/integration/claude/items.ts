// Hand-made escalated ReviewItems and configs for the Claude reviewer tests.
import { type Config, configSchema } from '../../../src/config/schema.js';
import type { ReviewItem } from '../../../src/review/reviewer.js';
import { decisionOf, hunkOf } from '../../helpers/build.js';

export function itemOf(file: string, body: string[], newStart = 1, context = ''): ReviewItem {
  const hunk = hunkOf(file, newStart, newStart, body);
  const decision = decisionOf(hunk, 'claude', {
    reasons: [{ code: 'security-content', detail: 'touches authentication' }],
    securityScore: 0.8,
  });
  return { decision, hunk, context, ...(context ? { contextStartLine: Math.max(1, newStart - 2) } : {}) };
}

export function claudeConfig(
  claude: Record<string, unknown> = {},
  rest: Record<string, unknown> = {},
): Config {
  return configSchema.parse({ claude: { max_retries: 0, ...claude }, ...rest });
}

export const AUTH_HUNK = [
  ' function login(user, password) {',
  '+  if (user.password == password) return true;',
  '+  return db.query("SELECT * FROM users WHERE name = \'" + user.name + "\'");',
  ' }',
];

export function findingsJson(findings: Array<Record<string, unknown>>): string {
  return JSON.stringify({ findings });
}
