// The one secret detector: the rules report what it finds on added lines, and the redactor replaces what it
// finds in everything sent to a model, so what is flagged is what is redacted. secretlint's recommended preset
// supplies the known formats; hunkwise's own patterns add the formats and label-only values it lacks.
import { secretlintMatches } from './secretlintMatches.js';
import { credentialAssignments, knownFormatMatches, type SecretMatch } from './secretPatterns.js';

export type { SecretMatch, SecretTier } from './secretPatterns.js';

/** Shortest text that can hold any secret the rules know (the shortest known formats are ~20 characters). */
const MIN_TEXT = 8;

/**
 * Every secret in `text`, by offset, without overlaps: where matches overlap, a blocking one wins over a
 * possible one, then the earliest, then the longest. `path` decides file-specific rules (`.env`, `.npmrc`).
 */
export async function detectSecrets(text: string, path = ''): Promise<SecretMatch[]> {
  if (text.length < MIN_TEXT) return [];
  const found = [
    ...(await secretlintMatches(text, path)),
    ...knownFormatMatches(text),
    ...credentialAssignments(text, path),
  ];
  return withoutOverlaps(found);
}

function withoutOverlaps(matches: SecretMatch[]): SecretMatch[] {
  const rank = (m: SecretMatch) => (m.tier === 'block' ? 0 : 1);
  const byPriority = [...matches].sort(
    (a, b) => rank(a) - rank(b) || a.index - b.index || b.length - a.length,
  );
  const kept: SecretMatch[] = [];
  for (const m of byPriority) {
    if (kept.some((k) => m.index < k.index + k.length && k.index < m.index + m.length)) continue;
    kept.push(m);
  }
  return kept.sort((a, b) => a.index - b.index);
}
