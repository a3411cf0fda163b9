// Regexes written in config (`rules.custom[].pattern`, `routing.security_patterns`): plain source (`\beval\(`)
// or a literal with flags (`/todo/i`), run by RE2 (see linearRegex.ts). What RE2 cannot run in linear time,
// lookaround and backreferences, is refused with its own code so the config error can say what to change.
import { compileLinear, type LinearRegex } from './linearRegex.js';

export type PatternProblemCode = 'lookaround' | 'backreference' | 'syntax';

export interface PatternProblem {
  code: PatternProblemCode;
  /** RE2's explanation for `syntax`; the construct found for the others. */
  detail: string;
}

export class PatternError extends Error {
  constructor(readonly problem: PatternProblem) {
    super(`${problem.code}: ${problem.detail}`);
    this.name = 'PatternError';
  }
}

const LITERAL = /^\/(?<body>.+)\/(?<flags>[dgimsuvy]*)$/s;

/** The first lookaround or backreference outside a character class, or null. */
function unsupportedConstruct(source: string): PatternProblem | null {
  let inClass = false;
  for (let i = 0; i < source.length; i++) {
    const ch = source[i];
    if (ch === '\\') {
      const next = source[i + 1] ?? '';
      if (!inClass && (/[1-9]/.test(next) || (next === 'k' && source[i + 2] === '<')))
        return { code: 'backreference', detail: source.slice(i, i + (next === 'k' ? 3 : 2)) };
      i++;
    } else if (inClass) {
      if (ch === ']') inClass = false;
    } else if (ch === '[') {
      inClass = true;
    } else if (ch === '(') {
      const look = /^\(\?<?[=!]/.exec(source.slice(i, i + 4));
      if (look) return { code: 'lookaround', detail: look[0] };
    }
  }
  return null;
}

/** JavaScript escapes RE2 spells differently: `\u00e9` and `\u{1F600}` become `\x{…}`. */
function toRe2Syntax(source: string): string {
  return source.replace(/(?<!\\)((?:\\\\)*)\\u(?:\{([0-9A-Fa-f]{1,6})\}|([0-9A-Fa-f]{4}))/g, '$1\\x{$2$3}');
}

/** Throws PatternError when the pattern cannot run in RE2. */
export function compilePattern(pattern: string): LinearRegex {
  const literal = LITERAL.exec(pattern);
  const body = literal?.groups ? literal.groups.body! : pattern;
  const flags = literal?.groups?.flags ?? '';
  const unsupported = unsupportedConstruct(body);
  if (unsupported) throw new PatternError(unsupported);
  try {
    const compiled = compileLinear(toRe2Syntax(body), {
      ignoreCase: flags.includes('i'),
      multiline: flags.includes('m'),
      dotAll: flags.includes('s'),
    });
    return { source: body, test: compiled.test };
  } catch (error) {
    throw new PatternError({
      code: 'syntax',
      detail: error instanceof Error ? error.message : String(error),
    });
  }
}

/** Why the pattern cannot be used, or null when it compiles. */
export function patternProblem(pattern: string): PatternProblem | null {
  try {
    compilePattern(pattern);
    return null;
  } catch (error) {
    if (error instanceof PatternError) return error.problem;
    throw error;
  }
}
