// The one secret detector: the rules report what it finds on added lines, and the redactor replaces what it
// finds in everything sent to a model, so what is flagged is what is redacted. secretlint's recommended preset
// supplies the known formats; hunkwise's own rules add the formats it lacks, values found by their context
// (a credential's name, a Kubernetes Secret, `curl -u`) and random-looking tokens.
import { credentialAssignments } from './credentialAssignments.js';
import { knownFormatMatches } from './knownFormats.js';
import { kubernetesSecrets } from './kubernetesSecrets.js';
import { secretlintMatches } from './secretlintMatches.js';
import type { SecretMatch } from './secretMatch.js';

export type { SecretMatch, SecretTier } from './secretMatch.js';

/** Shortest text that can hold any secret the rules know (the shortest known formats are ~20 characters). */
const MIN_TEXT = 8;

/**
 * Every secret in `text`, by offset, without overlaps: where matches overlap, a blocking one wins over a
 * possible one, then the earliest, then the longest. `path` decides file-specific rules (`.env`, `.npmrc`).
 */
export async function detectSecrets(text: string, path = ''): Promise<SecretMatch[]> {
  if (text.length < MIN_TEXT) return [];
  // Most specific first: where two matches cover the same span at the same tier, the earlier one names it.
  const found = [
    ...(await secretlintMatches(text, path)),
    ...knownFormatMatches(text),
    // A decoded value is scanned as text of no file: only its own content can make it block.
    ...(await kubernetesSecrets(text, path, (decoded) => detectSecrets(decoded))),
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
