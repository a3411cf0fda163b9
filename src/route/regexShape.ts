// Finds regular expressions in a line of code and judges whether their shape invites catastrophic
// backtracking (ReDoS). Heuristics, not a proof: they decide where a careful reviewer should look.

/** Characters and keywords after which a `/` starts a regex literal rather than a division. */
const PUNCTUATION_BEFORE_REGEX = new Set('=(,:!&|?{};[+-*%<>~^');
const KEYWORDS_BEFORE_REGEX = new Set(['return', 'typeof', 'case', 'yield', 'await']);
/** Regex bodies longer than this are not judged (the heuristics below are not linear). */
const MAX_BODY = 300;

/** Looks back from `index` past spaces: does a `/` there start a regex? Linear, no regex over the prefix. */
function startsRegex(line: string, index: number): boolean {
  let j = index - 1;
  while (j >= 0 && (line[j] === ' ' || line[j] === '\t')) j--;
  if (j < 0) return true;
  const ch = line[j]!;
  if (PUNCTUATION_BEFORE_REGEX.has(ch)) return true;
  if (!/[A-Za-z]/.test(ch)) return false;
  let k = j;
  while (k >= 0 && /[A-Za-z]/.test(line[k]!)) k--;
  return KEYWORDS_BEFORE_REGEX.has(line.slice(k + 1, j + 1));
}

/** Bodies of the regex literals on a line (JavaScript-style `/…/flags`) and of `new RegExp('…')` calls. */
export function regexBodies(line: string): string[] {
  const bodies: string[] = [];
  for (let i = 0; i < line.length; i++) {
    const ch = line[i];
    if (ch === '"' || ch === "'" || ch === '`') {
      const end = skipString(line, i);
      const content = line.slice(i + 1, end);
      if (isRegexLikeString(content)) bodies.push(content.replace(/\\\\/g, '\\'));
      i = end;
      continue;
    }
    if (ch !== '/') continue;
    if (line[i + 1] === '/' || line[i + 1] === '*') break; // a comment: the rest is prose
    if (!startsRegex(line, i)) continue;
    const end = regexEnd(line, i + 1);
    if (end === -1) continue;
    bodies.push(line.slice(i + 1, end));
    i = end;
  }
  for (const m of line.matchAll(/\bRegExp\s*\(\s*(['"`])((?:\\.|(?!\1).)*)\1/g)) bodies.push(m[2]!);
  return bodies;
}

/** True when the line builds a regex at run time or holds a literal. */
export function hasRegex(line: string): boolean {
  return /\bnew\s+RegExp\s*\(|\bRegExp\s*\(/.test(line) || regexBodies(line).length > 0;
}

/** Regex syntax a string rarely holds unless it is a pattern source: `(?:`, `\\d`, `]*`, `)+`, `[^`… */
const REGEX_SYNTAX = /\(\?[:=!<]|\\{1,2}[dswDSW]|\][*+?]|\)[*+?]|\[\^|\{\d+,\d*\}/g;

/** Pattern sources kept in strings, e.g. `new RegExp(parts.join('|'))` over an array of strings. */
export function isRegexLikeString(content: string): boolean {
  return new Set(content.match(REGEX_SYNTAX) ?? []).size >= 2;
}

function skipString(line: string, start: number): number {
  const quote = line[start];
  for (let i = start + 1; i < line.length; i++) {
    if (line[i] === '\\') i++;
    else if (line[i] === quote) return i;
  }
  return line.length;
}

function regexEnd(line: string, start: number): number {
  let inClass = false;
  for (let i = start; i < line.length; i++) {
    const ch = line[i];
    if (ch === '\\') i++;
    else if (ch === '[') inClass = true;
    else if (ch === ']') inClass = false;
    else if (ch === '/' && !inClass) return i > start ? i : -1;
  }
  return -1;
}

/** A group holding a quantifier, itself quantified: `(a+)+`, `(\w*\s?)*`. */
const NESTED_QUANTIFIER = /\((?:[^()\\]|\\.)*[+*](?:[^()\\]|\\.)*\)(?:[+*]|\{\d+,\d*\})/;
const BROAD = String.raw`(?:\.|\\[sSdDwW]|\[\^?(?:[^\]\\]|\\.)*\])(?:[+*]|\{\d+,\})\??`;
const VERY_BROAD = String.raw`(?:\.|\\S|\[\^(?:[^\]\\]|\\.)*\])(?:[+*]|\{\d+,\})`;
/** Atoms that may match nothing (`x?`, `\.?`, `(…)*`) and group edges, which let neighbours touch. */
const SKIPPABLE = String.raw`(?:(?:\\.|[^\\()[\]|])[?*]|\((?:[^()\\]|\\.)*\)[?*]|[()]|\(\?:)*`;
/** Two broad quantified atoms with nothing required between them: `\d*\.?\d+`, `\s*\s*`. */
const ADJACENT_BROAD = new RegExp(`${BROAD}${SKIPPABLE}${BROAD}`);
/** Wildcards that also match whatever separates them: `(.*?),(.*?)`. */
const VERY_BROAD_TWICE = new RegExp(`${VERY_BROAD}.*${VERY_BROAD}`);

/** A quantifier right before `$` in an unanchored pattern: quadratic on long non-matching input. */
const TRAILING_QUANTIFIER = /(?:[+*]|\{\d+,\})\??\$$/;

/** Why the regex body looks ReDoS-prone, or null. */
export function redosShape(body: string): string | null {
  if (body.length > MAX_BODY) return null;
  if (NESTED_QUANTIFIER.test(body)) return 'nested quantifier';
  if (ADJACENT_BROAD.test(body) || VERY_BROAD_TWICE.test(body))
    return 'several unbounded quantifiers that can overlap';
  if (!body.startsWith('^') && TRAILING_QUANTIFIER.test(body)) return 'unanchored quantifier before $';
  return null;
}
