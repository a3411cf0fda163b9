// Sentences of the review command.
export const reviewMessages = {
  tooManyRanges: (given: string[]) =>
    `give one range, not ${given.length} (${given.join(' ')}); e.g. review main..HEAD`,
  stagedAndRange: (range: string) => `--staged reviews the index; drop it or drop the range "${range}"`,
  rootAndStaged: () => '--root reviews a commit; --staged reviews the index: use one of them',
  rootTakesCommit: (range: string) =>
    `--root takes one commit (every file of it is reviewed as new), not the range "${range}"; e.g. review --root HEAD`,
  outputDirMissing: (file: string, dir: string) =>
    `cannot write the report to ${file}: the folder ${dir} does not exist; create it or choose another path with -o.`,
  outputNotWritable: (file: string, why: string) => `cannot write the report to ${file}: ${why}`,
  badFormat: (given: string, allowed: readonly string[]) =>
    `unknown --format "${given}"; use one of ${allowed.join(', ')}`,
  skipped: () => 'review: skipped (REVIEW_SKIP=1)',
};
