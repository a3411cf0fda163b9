// Regexes written in config: plain source (`\beval\(`) or a literal with flags (`/todo/i`).

const LITERAL = /^\/(?<body>.+)\/(?<flags>[dimsuv]*)$/s;

/** Throws SyntaxError with the engine's explanation when the pattern is invalid. */
export function compilePattern(pattern: string): RegExp {
  const literal = LITERAL.exec(pattern);
  if (literal?.groups) return new RegExp(literal.groups.body!, literal.groups.flags);
  return new RegExp(pattern);
}

/** The reason a pattern does not compile, or null when it does. */
export function patternError(pattern: string): string | null {
  try {
    compilePattern(pattern);
    return null;
  } catch (error) {
    return error instanceof Error ? error.message : String(error);
  }
}
