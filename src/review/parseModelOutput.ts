// Untrusted model text → validated finding candidates. Total: never throws, whatever the model said.
import { type FindingCandidate, findingCandidateSchema } from './findingSchema.js';

export type ParsedModelOutput =
  | {
      candidates: FindingCandidate[];
      /** True when the JSON had to be dug out of prose or a code fence. */
      extracted: boolean;
      /** Findings that failed validation and were thrown away. */
      dropped: number;
    }
  | { error: string };

function tryParse(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

/** End index (inclusive) of the balanced `{…}` or `[…]` starting at `start`, honouring JSON strings. */
function balancedEnd(text: string, start: number): number {
  const stack: string[] = [];
  let inString = false;
  for (let i = start; i < text.length; i += 1) {
    const ch = text[i];
    if (inString) {
      if (ch === '\\') i += 1;
      else if (ch === '"') inString = false;
    } else if (ch === '"') inString = true;
    else if (ch === '{' || ch === '[') stack.push(ch === '{' ? '}' : ']');
    else if (ch === '}' || ch === ']') {
      if (stack.pop() !== ch) return -1;
      if (stack.length === 0) return i;
    }
  }
  return -1;
}

const MAX_SCAN_STARTS = 200;

/** The first balanced JSON value opened by `opener` that parses and holds findings. */
function firstBalanced(text: string, opener: '{' | '['): unknown {
  let from = 0;
  for (let tries = 0; tries < MAX_SCAN_STARTS; tries += 1) {
    const start = text.indexOf(opener, from);
    if (start < 0) return undefined;
    const end = balancedEnd(text, start);
    const value = end < 0 ? undefined : tryParse(text.slice(start, end + 1));
    if (value !== undefined && findingsArray(value)) return value;
    from = start + 1;
  }
  return undefined;
}

const FENCE = /```[a-zA-Z]*[ \t]*\r?\n([\s\S]*?)```/g;

/** Finds a JSON value in prose: fenced blocks first, then the first balanced object, then an array. */
function extractJson(text: string): unknown {
  for (const match of text.matchAll(FENCE)) {
    const value = tryParse(match[1]!.trim()) ?? firstBalanced(match[1]!, '{');
    if (value !== undefined && findingsArray(value)) return value;
  }
  return firstBalanced(text, '{') ?? firstBalanced(text, '[');
}

function findingsArray(value: unknown): unknown[] | null {
  if (Array.isArray(value)) return value;
  if (value && typeof value === 'object' && 'findings' in value) {
    const findings = (value as { findings: unknown }).findings;
    if (Array.isArray(findings)) return findings;
  }
  return null;
}

export function parseModelOutput(text: string): ParsedModelOutput {
  const trimmed = text.trim();
  if (trimmed === '') return { error: 'empty answer' };
  const direct = tryParse(trimmed);
  const extracted = direct === undefined;
  const value = extracted ? extractJson(trimmed) : direct;
  if (value === undefined) return { error: 'no JSON object in the answer' };
  const items = findingsArray(value);
  if (!items) return { error: 'the JSON has no "findings" array' };
  const candidates: FindingCandidate[] = [];
  let dropped = 0;
  for (const item of items) {
    const result = findingCandidateSchema.safeParse(item);
    if (result.success) candidates.push(result.data);
    else dropped += 1;
  }
  return { candidates, extracted, dropped };
}
