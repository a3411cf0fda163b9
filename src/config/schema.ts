// The one schema: it yields the Config type, the defaults, the docs and schema/config.json.
import { z } from 'zod';
import { FAIL_LEVELS, PROVIDER_IDS, SEVERITIES } from '../vocabulary.js';
import { DEFAULT_IGNORE, DEFAULT_NEVER_SEND } from './defaultGlobs.js';

export { DEFAULT_IGNORE, DEFAULT_NEVER_SEND };

const severity = z.enum(SEVERITIES);
const failLevel = z.enum(FAIL_LEVELS);
const seconds = (def: number, what: string) => z.number().positive().default(def).describe(what);
/** Every list of globs below, so that validation compiles each one's items without keeping a second list. */
const GLOB_LISTS = new WeakSet<z.ZodType>();
const globs = (def: string[], what: string) => {
  const list = z.array(z.string().min(1)).default(def).describe(what);
  GLOB_LISTS.add(list);
  return list;
};
export const isGlobList = (schema: z.ZodType): boolean => GLOB_LISTS.has(schema);

const modelPrice = z
  .object({
    input: z.number().nonnegative().describe('USD per million uncached input tokens.'),
    output: z.number().nonnegative().describe('USD per million output tokens.'),
    cache_write: z
      .number()
      .nonnegative()
      .describe('USD per million tokens written to the prompt cache (5m).'),
    cache_read: z.number().nonnegative().describe('USD per million tokens read from the prompt cache.'),
    read_on: z.string().describe('The date these prices were read from the pricing page (YYYY-MM-DD).'),
  })
  .strict();

const provider = (def: (typeof PROVIDER_IDS)[number], what: string) =>
  z.enum(PROVIDER_IDS).default(def).describe(what);

const local = z
  .object({
    enabled: z.boolean().default(true).describe('Review small hunks with the local model.'),
    provider: provider(
      'ollama',
      'Who serves the local role (small hunks, first try): ollama (its native API), or openai for an OpenAI-compatible server (vLLM, SGLang, llama.cpp server, LM Studio, LiteLLM).',
    ),
    host: z
      .string()
      .nullable()
      .default(null)
      .describe(
        'ollama: the Ollama URL; null: OLLAMA_HOST, else http://127.0.0.1:11434 (a URL without a port means port 80/443). openai: the base URL, e.g. http://gpu-box:8000/v1 (required).',
      ),
    hosts: z
      .array(z.string().min(1))
      .min(1)
      .nullable()
      .default(null)
      .describe(
        'A pool of servers instead of host: each request goes to the least busy one that is up, at most concurrency per server.',
      ),
    model: z
      .string()
      .min(1)
      .default('qwen2.5-coder:7b')
      .describe('ollama: the model tag; openai: the model id the server lists at GET /v1/models.'),
    api_key_env: z
      .string()
      .regex(/^[A-Za-z_][A-Za-z0-9_]*$/, 'must be an environment variable name')
      .nullable()
      .default(null)
      .describe(
        'openai: the environment variable holding the server key; null sends no key (never OPENAI_API_KEY).',
      ),
    num_ctx: z
      .number()
      .int()
      .min(2048)
      .max(131072)
      .default(16384)
      .describe(
        "Context window: sent to Ollama with every request (qwen2.5-coder:7b tops out at 32768); openai: the server's (vLLM --max-model-len), to size requests.",
      ),
    num_predict: z
      .number()
      .int()
      .min(64)
      .default(1024)
      .describe('Cap on generated tokens per request (openai: max_tokens).'),
    batch_tokens: z
      .number()
      .int()
      .min(256)
      .default(3000)
      .describe('Several small hunks share one request up to this many estimated prompt tokens.'),
    concurrency: z
      .number()
      .int()
      .min(1)
      .max(16)
      .default(2)
      .describe('Requests in flight at once (with hosts: per server).'),
    timeout_seconds: seconds(
      180,
      'Per-request timeout, retries included; the request is cancelled after it.',
    ),
    max_retries: z
      .number()
      .int()
      .min(0)
      .max(10)
      .default(1)
      .describe(
        'openai: retries of a request that failed with 408/409/429/5xx or a connection error, with back-off.',
      ),
    keep_alive: z
      .string()
      .min(1)
      .default('10m')
      .describe('How long Ollama keeps the model loaded after a request ("10m", "1h", "0" unloads at once).'),
    fallback: z
      .enum(['claude', 'none'])
      .default('claude')
      .describe('Where hunks go when the local model fails: to Claude (if a key is set) or nowhere.'),
  })
  .strict();

const claude = z
  .object({
    enabled: z.boolean().default(true).describe('Escalate hunks to Claude when ANTHROPIC_API_KEY is set.'),
    provider: provider(
      'anthropic',
      'Who serves the escalation role (escalated hunks, verification). anthropic reads model, max_tokens… below.',
    ),
    model: z.string().min(1).default('claude-sonnet-5-5').describe('Claude model id.'),
    max_tokens: z
      .number()
      .int()
      .min(256)
      .max(32000)
      .default(4096)
      .describe('Cap on output tokens per request.'),
    budget_tokens: z
      .number()
      .int()
      .min(0)
      .default(150000)
      .describe('Per-review cap on input tokens sent to Claude; most security-relevant hunks go first.'),
    request_tokens: z
      .number()
      .int()
      .min(1000)
      .default(24000)
      .describe('Estimated input tokens per Claude request; escalated hunks are batched up to it.'),
    context_tokens: z
      .number()
      .int()
      .min(0)
      .default(3000)
      .describe('Extra new-side context (enclosing function or file) sent with each escalated hunk.'),
    timeout_seconds: seconds(120, 'Per-attempt timeout for a Claude request.'),
    max_retries: z.number().int().min(0).max(10).default(2).describe('Retries on 408/409/429/5xx/529.'),
    concurrency: z.number().int().min(1).max(16).default(2).describe('Claude requests in flight at once.'),
    verify_local: z
      .boolean()
      .default(false)
      .describe(
        'Ask Claude to confirm or reject local findings of major/critical severity before they block.',
      ),
    prices: z
      .record(z.string(), modelPrice)
      .default({
        'claude-sonnet-5-5': {
          input: 2,
          output: 10,
          cache_write: 2.5,
          cache_read: 0.1,
          read_on: '2026-11-25',
        },
        'claude-opus-5-5': { input: 4, output: 20, cache_write: 5, cache_read: 0.2, read_on: '2026-11-25' },
        'claude-haiku-5-5': {
          input: 0.1,
          output: 0.5,
          cache_write: 0.125,
          cache_read: 0.01,
          read_on: '2026-11-25',
        },
        'claude-sonnet-5': { input: 2, output: 10, cache_write: 2.5, cache_read: 0.2, read_on: '2026-11-25' },
        'claude-sonnet-4-6': {
          input: 3,
          output: 15,
          cache_write: 3.75,
          cache_read: 0.3,
          read_on: '2026-11-25',
        },
        'claude-haiku-4-5': {
          input: 1,
          output: 5,
          cache_write: 1.25,
          cache_read: 0.1,
          read_on: '2026-11-25',
        },
      })
      .describe('USD per million tokens by model id, with the date they were read.'),
  })
  .strict();

const routing = z
  .object({
    local_max_hunk_lines: z
      .number()
      .int()
      .min(1)
      .default(100)
      .describe('A hunk with more changed (added + deleted) lines than this goes to Claude.'),
    local_max_file_lines: z
      .number()
      .int()
      .min(1)
      .default(400)
      .describe(
        'A hunk of 10+ changed lines whose file changes more lines than this in total goes to Claude.',
      ),
    multi_file_threshold: z
      .number()
      .int()
      .min(2)
      .default(12)
      .describe(
        'A change spanning more code files than this escalates its cross-cutting hunks (exports, signatures).',
      ),
    security: z
      .boolean()
      .default(true)
      .describe('Score hunks for security sensitivity (paths, changed code, context); escalate high scores.'),
    security_threshold: z
      .number()
      .min(0)
      .max(1)
      // The learned model's own threshold (src/route/routerModel.ts; a test keeps them equal), not imported:
      // the config loads on every hook run and the model only when routing.
      .default(0.22)
      .describe(
        'Security score (0..1, the learned router’s estimate; docs/routing.md) at or above which a hunk is escalated.',
      ),
    triage: z
      .enum(['off', 'local'])
      .default('off')
      .describe(
        'local: ask the local model about hunks scoring just below security_threshold (see triage_band); a "yes" escalates them.',
      ),
    triage_band: z
      .number()
      .min(0)
      .max(1)
      .default(0.1)
      .describe(
        'With triage: local, hunks scoring in [security_threshold − triage_band, security_threshold) are asked.',
      ),
    triage_tokens: z
      .number()
      .int()
      .min(100)
      .default(1500)
      .describe(
        'With triage: local, a hunk over this many estimated tokens is not asked; the answer itself is capped at 64 tokens.',
      ),
    security_paths: globs([], 'Extra globs of security-sensitive paths: their hunks always go to Claude.'),
    security_patterns: z
      .array(z.string().min(1))
      .default([])
      .describe(
        'Extra regular expressions (RE2: no lookaround or backreferences) over changed lines; a hunk matching one always goes to Claude.',
      ),
    always_claude: globs([], 'Globs whose hunks always go to Claude.'),
    always_local: globs([], 'Globs whose hunks always stay local, whatever their size or security score.'),
    skip: globs([], 'Globs whose hunks are not sent to any model (rules still run).'),
  })
  .strict();

const customRule = z
  .object({
    id: z
      .string()
      .regex(/^[a-z0-9][a-z0-9-]*$/, 'must be lowercase letters, digits and dashes')
      .describe('Rule id, reported as custom:<id>.'),
    pattern: z
      .string()
      .min(1)
      .describe(
        'Regular expression over added lines, run in RE2 (linear time; no lookaround or backreferences): plain source, or /source/flags for flags i, m, s.',
      ),
    message: z.string().min(1).describe('What the finding says.'),
    severity: severity.default('minor').describe('Severity of its findings.'),
    paths: globs(['**'], 'Globs the rule applies to.'),
  })
  .strict();

const rules = z
  .object({
    secrets: z
      .boolean()
      .default(true)
      .describe(
        'Detect committed secrets: known token formats and private keys (secretlint preset + own rules) block; values found by their context (behind a credential name, in a Kubernetes Secret, in curl -u) or their shape are redacted and reported as possible secrets.',
      ),
    conflict_markers: z.boolean().default(true).describe('Detect merge-conflict markers.'),
    debug_leftovers: z
      .boolean()
      .default(false)
      .describe('Flag debugger statements and focused tests (.only).'),
    custom: z.array(customRule).default([]).describe('Your own regex rules over added lines.'),
    allow_secrets: globs(
      [],
      'Globs of files where secret-looking strings are expected (test fixtures): no findings, still redacted.',
    ),
  })
  .strict();

const failOn = z
  .object({
    hook: failLevel.default('never').describe('Lowest severity that blocks a commit; never = advisory.'),
    ci: failLevel
      .default('never')
      .describe('Lowest severity that fails the CI job (and `review <range>` run by hand).'),
    secrets: z
      .boolean()
      .default(true)
      .describe(
        'A known token format or private key blocks the commit / fails CI whatever fail_on says (possible secrets never block).',
      ),
    conflicts: z
      .boolean()
      .default(true)
      .describe('Committed merge-conflict markers block the commit / fail CI whatever fail_on says.'),
    unreachable: z
      .boolean()
      .default(false)
      .describe('Block when a model was needed but unreachable (off: reported, never blocking).'),
  })
  .strict();

const hook = z
  .object({
    time_budget_seconds: seconds(
      60,
      'Bound on the whole pre-commit review; what is not done in time is named.',
    ),
    escalate: z
      .boolean()
      .default(false)
      .describe('Send escalated hunks to Claude from the hook; otherwise they are left for CI review.'),
  })
  .strict();

const github = z
  .object({
    max_comments: z
      .number()
      .int()
      .min(0)
      .max(100)
      .default(30)
      .describe('Inline comments per review; the rest go into the summary.'),
    min_severity: severity
      .default('minor')
      .describe('Lowest severity posted inline (the rest are listed in the summary).'),
    bot_login: z
      .string()
      .min(1)
      .nullable()
      .default(null)
      .describe(
        "Login hunkwise posts as. Null: the token's own account (GET /user; GraphQL viewer for the Actions token or an App's, github-actions[bot] when both refuse). Only this login's hidden markers are trusted on re-runs.",
      ),
  })
  .strict();

const cache = z
  .object({
    enabled: z.boolean().default(true),
    dir: z
      .string()
      .nullable()
      .default(null)
      .describe('Cache directory. Null: hunkwise/ inside the git directory. HUNKWISE_CACHE_DIR overrides.'),
  })
  .strict();

const memory = z
  .object({
    enabled: z
      .boolean()
      .default(true)
      .describe('Apply the team memory: dismissed findings stay dismissed, notes reach the prompt.'),
    file: z
      .string()
      .min(1)
      .default('.hunkwise/memory.jsonl')
      .describe('The memory file, relative to the repository root; commit it so the team shares it.'),
    embeddings: z
      .boolean()
      .default(true)
      .describe('Match by meaning with the embedding model; off: fingerprints and normalised text only.'),
    model: z.string().min(1).default('nomic-embed-text').describe('Ollama embedding model.'),
    host: z
      .string()
      .nullable()
      .default(null)
      .describe(
        'Ollama URL for embeddings. Null: local.host (the first of local.hosts) when local.provider is ollama, else OLLAMA_HOST, else http://127.0.0.1:11434.',
      ),
    threshold: z
      .number()
      .min(0.5)
      .max(1)
      .default(0.9)
      .describe('Cosine similarity of message + quote at or above which a finding matches a dismissal.'),
    prompt_tokens: z
      .number()
      .int()
      .min(0)
      .max(4000)
      .default(300)
      .describe('Estimated tokens of team notes added to each hunk sent to a model; 0 sends none.'),
    timeout_seconds: seconds(20, 'Timeout of one embedding request; after it, matching falls back to text.'),
  })
  .strict();

const limits = z
  .object({
    max_file_changed_lines: z
      .number()
      .int()
      .min(1)
      .default(5000)
      .describe('Files changing more lines are skipped as too large (reported).'),
    max_total_changed_lines: z
      .number()
      .int()
      .min(1)
      .default(100000)
      .describe('Beyond this many changed lines in one diff, further files are skipped (reported).'),
  })
  .strict();

export const configSchema = z
  .object({
    local: local.prefault({}),
    claude: claude.prefault({}),
    routing: routing.prefault({}),
    rules: rules.prefault({}),
    fail_on: failOn.prefault({}),
    hook: hook.prefault({}),
    github: github.prefault({}),
    cache: cache.prefault({}),
    limits: limits.prefault({}),
    memory: memory.prefault({}),
    ignore: globs(
      DEFAULT_IGNORE,
      'Files skipped entirely (reported as skipped): generated, minified, lock files.',
    ),
    never_send: globs(
      DEFAULT_NEVER_SEND,
      'Files never sent to Claude, matched ignoring case (rules and the local model still see them, redacted).',
    ),
  })
  .strict();

/** Validated config with every default applied. */
export type Config = z.output<typeof configSchema>;
/** Config as a user writes it in config.yml. */
export type WrittenConfig = z.input<typeof configSchema>;
export type { FailLevel } from '../vocabulary.js';
