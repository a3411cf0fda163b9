// Whether the text report may colour its output: a property of where it goes, decided at the edge.

/** Colour only for a terminal, never with NO_COLOR (any non-empty value); FORCE_COLOR (not 0) wins. */
export function colorEnabled(stream: { isTTY?: boolean }, env: Record<string, string | undefined>): boolean {
  if (env.NO_COLOR !== undefined && env.NO_COLOR !== '') return false;
  if (env.FORCE_COLOR !== undefined) return env.FORCE_COLOR !== '0' && env.FORCE_COLOR !== 'false';
  return stream.isTTY === true;
}
