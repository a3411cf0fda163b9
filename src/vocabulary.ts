// The words hunkwise decides with, each spelled once: a const tuple (for whatever lists or validates them:
// zod enums, JSON Schema, loops) and the type derived from it. Nothing but constants here.

/** Ascending: the index is the rank. */
export const SEVERITIES = ['info', 'minor', 'major', 'critical'] as const;
export type Severity = (typeof SEVERITIES)[number];

/** fail_on levels: a severity, or never block. */
export const FAIL_LEVELS = ['never', ...SEVERITIES] as const;
export type FailLevel = (typeof FAIL_LEVELS)[number];

/** Categories a model may use; `secret` and `conflict` belong to the deterministic rules. */
export const MODEL_CATEGORIES = [
  'security',
  'bug',
  'syntax',
  'style',
  'performance',
  'maintainability',
  'other',
] as const;

export const CATEGORIES = ['secret', 'conflict', ...MODEL_CATEGORIES] as const;
export type Category = (typeof CATEGORIES)[number];
export type ModelCategory = (typeof MODEL_CATEGORIES)[number];

/** Where the router sends a hunk: the local model, escalation (historically named after Claude), or nowhere. */
export const ROUTES = ['local', 'claude', 'skip'] as const;
export type Route = (typeof ROUTES)[number];

/**
 * The two roles a model plays. `local`: cheap, private, tried first. `escalation`: the strong model that
 * escalated hunks go to. Which provider serves a role is config (`local.provider`, `claude.provider`).
 */
export const ROLES = ['local', 'escalation'] as const;
export type Role = (typeof ROLES)[number];

/**
 * How routes, finding sources and reports name each role. The escalation role keeps the name `claude`
 * there: routes, the JSON report and the markers left on pull requests spell it so.
 */
export const ROLE_NAME = { local: 'local', escalation: 'claude' } as const satisfies Record<Role, Route>;
export type RoleName = (typeof ROLE_NAME)[Role];

/** Who produced a finding (and who reviewed a hunk): the deterministic rules or a role's model. */
export const FINDING_SOURCES = ['rule', 'local', 'claude'] as const satisfies readonly ('rule' | RoleName)[];
export type FindingSource = (typeof FINDING_SOURCES)[number];

/** Where a finding can be shown (see findings/place.ts). */
export const PLACEMENTS = ['inline', 'file', 'summary'] as const;
export type Placement = (typeof PLACEMENTS)[number];

/** How hunkwise was started: the pre-commit hook, by hand, or in CI. */
export const RUN_MODES = ['hook', 'cli', 'ci'] as const;
export type RunMode = (typeof RUN_MODES)[number];

/** Model providers: who serves a role. Each has one adapter, registered in src/review/providers.ts. */
export const PROVIDER_IDS = ['ollama', 'anthropic', 'openai'] as const;
export type ProviderId = (typeof PROVIDER_IDS)[number];

export const FILE_STATUSES = ['added', 'deleted', 'modified', 'renamed', 'copied', 'typechange'] as const;
export type FileStatus = (typeof FILE_STATUSES)[number];

export const FILE_KINDS = ['text', 'binary', 'submodule', 'symlink'] as const;
export type FileKind = (typeof FILE_KINDS)[number];

/** Why a whole file was left out of the review. */
export const FILE_SKIP_REASONS = ['ignored', 'binary', 'too-large', 'diff-budget', 'never-send'] as const;
export type FileSkipReason = (typeof FILE_SKIP_REASONS)[number];
