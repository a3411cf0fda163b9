// ReviewResults built from a real unified diff (parsed by src/diff/parse.ts), for the GitHub reporter tests.
import { defaultConfig } from '../../../src/config/defaults.js';
import { parseUnifiedDiff } from '../../../src/diff/parse.js';
import { fingerprintOf } from '../../../src/findings/fingerprint.js';
import type { ChangedFile } from '../../../src/host/commentableLines.js';
import type { Category, FileDiff, Finding, ReviewResult, Severity } from '../../../src/types.js';

/** `git diff` of a small change: two hunks in app.ts, one new file, one renamed file. */
export const DIFF = `diff --git a/src/app.ts b/src/app.ts
index 1111111..2222222 100644
--- a/src/app.ts
+++ b/src/app.ts
@@ -1,4 +1,5 @@
 import { db } from './db';
+import { log } from './log';
 
 export function a() {
   return 1;
@@ -20,3 +21,5 @@ export function b() {
 export function c(input: string) {
-  return db.query(input);
+  const sql = 'SELECT * FROM t WHERE x = ' + input;
+  log(sql);
+  return db.query(sql);
 }
diff --git a/src/new.ts b/src/new.ts
new file mode 100644
index 0000000..3333333
--- /dev/null
+++ b/src/new.ts
@@ -0,0 +1,3 @@
+export const token = 'ghp_abcdefghijklmnopqrstuvwxyz0123456789';
+export const x = 1;
+export const y = 2;
diff --git a/src/old.ts b/src/renamed.ts
similarity 90%
rename from src/old.ts
rename to src/renamed.ts
index 4444444..5555555 100644
--- a/src/old.ts
+++ b/src/renamed.ts
@@ -1,2 +1,2 @@
-export const z = 1;
+export const z = 2;
 export const w = 3;
`;

export const FILES: FileDiff[] = parseUnifiedDiff(DIFF);

/** The same files as a host serves them (GitHub's `pulls/{n}/files`): patch = the hunks without the headers. */
export function changedFiles(diff = DIFF): ChangedFile[] {
  return parseUnifiedDiff(diff).map((f, i) => {
    const section = diff.split(/^(?=diff --git )/m).filter(Boolean)[i] ?? '';
    const patch = section.slice(section.indexOf('\n@@') + 1).replace(/\n$/, '');
    return { path: f.path, previousPath: f.status === 'renamed' ? f.oldPath : null, patch };
  });
}

export function finding(input: {
  file: string;
  start: number | null;
  end?: number;
  severity?: Severity;
  category?: Category;
  message?: string;
  quote?: string;
  source?: Finding['source'];
  origin?: string;
}): Finding {
  const category = input.category ?? 'bug';
  const message = input.message ?? `problem at ${input.file}:${input.start}`;
  return {
    file: input.file,
    range: input.start === null ? null : { start: input.start, end: input.end ?? input.start },
    severity: input.severity ?? 'major',
    category,
    message,
    ...(input.quote ? { quote: input.quote } : {}),
    source: input.source ?? 'local',
    origin: input.origin ?? (input.source === 'rule' ? 'secret/github-token' : 'qwen2.5-coder:7b'),
    fingerprint: fingerprintOf({
      file: input.file,
      category,
      message,
      ...(input.quote ? { quote: input.quote } : {}),
    }),
  };
}

export function resultOf(findings: Finding[], files: FileDiff[] = FILES): ReviewResult {
  const decisions = files.flatMap((f) =>
    f.hunks.map((hunk) => ({
      hunk,
      route: 'local' as const,
      reasons: [],
      estimatedTokens: 100,
      securityScore: 0,
    })),
  );
  return {
    source: 'base...head',
    files,
    decisions,
    outcomes: decisions.map((d) => ({
      hunk: d.hunk,
      route: 'local',
      status: 'reviewed',
      by: ['rule', 'local'],
      notes: [],
    })),
    findings: findings.map((f) => ({ finding: f, placement: 'inline' })),
    suppressed: [],
    memory: null,
    usage: [
      {
        model: 'qwen2.5-coder:7b',
        role: 'local',
        provider: 'ollama',
        requests: 2,
        inputTokens: 1200,
        outputTokens: 90,
        cacheReadTokens: 0,
        cacheWriteTokens: 0,
        cacheHits: 1,
        costUsd: 0,
      },
    ],
    cost: {
      localTokens: 1200,
      claudeTokens: 0,
      reviewedTokens: 1200,
      allClaudeTokens: 1200,
      claudeCostUsd: 0,
      allClaudeCostUsd: 0.0042,
      savingPercent: 100,
      hunks: { reviewed: decisions.length, rulesOnly: 0, leftForCi: 0, notReviewed: 0, skipped: 0 },
    },
    notices: [],
    dryRun: false,
    durationMs: 12,
  };
}

export const GITHUB = defaultConfig().github;
export const HEAD = 'a'.repeat(40);
export const NEXT = 'b'.repeat(40);
