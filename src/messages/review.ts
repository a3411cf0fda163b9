// Sentences of the review command.
export const reviewMessages = {
  tooManyRanges: (given: string[]) =>
    `give one range, not ${given.length} (${given.join(' ')}); e.g. review main..HEAD`,
  stagedAndRange: (range: string) => `--staged reviews the index; drop it or drop the range "${range}"`,
  badFormat: (given: string, allowed: readonly string[]) =>
    `unknown --format "${given}"; use one of ${allowed.join(', ')}`,
  skipped: () => 'review: skipped (REVIEW_SKIP=1)',
};
