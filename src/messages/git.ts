// Every sentence the git and diff stages show the user.

export const gitMessages = {
  notAWorkingTree: (cwd: string) =>
    `${cwd} is not inside a git working tree (run review from your repository).`,
  notARepository: (cwd: string) =>
    `${cwd} is not inside a git repository; run review from inside your project's repository.`,
  gitMissing: () => 'git was not found on PATH; install git (2.24 or newer) and try again.',
  directoryMissing: (cwd: string) => `directory ${cwd} does not exist.`,
  gitFailed: (args: string[], stderr: string) =>
    `git ${args[0] ?? ''} failed: ${stderr.trim() || 'no message from git'}`,
  badRevision: (rev: string) =>
    `unknown revision '${rev}': not a commit in this repository (check the name, or fetch it first).`,
  unknownInShallow: (rev: string) =>
    `unknown revision '${rev}': not a commit in this shallow clone; fetch it (\`git fetch --depth=1 origin <commit id>\`, or \`git fetch --unshallow\`), or set \`fetch-depth: 0\` on actions/checkout.`,
  shallowHistory: (rev: string, from: string, have: number, need: number) =>
    `'${rev}' is not in this shallow clone, which holds ${have} commit${have === 1 ? '' : 's'} of ${from}'s history; fetch ${need} more with \`git fetch --deepen=${need}\`, or set \`fetch-depth: 0\` on actions/checkout.`,
  beforeFirstCommit: (rev: string, from: string, have: number) =>
    `'${rev}' goes back further than ${from}'s history (${have} commit${have === 1 ? '' : 's'}), so there is nothing to compare against; use a closer revision, or \`review --root ${from}\` to review every file of ${from} as new.`,
  noCommitsYet: () => 'the repository has no commits yet; use --staged to review what is staged.',
  noMergeBase: (left: string, right: string) =>
    `'${left}' and '${right}' have no common ancestor (unrelated histories), so '${left}...${right}' has no merge base; compare them with '${left}..${right}' instead.`,
  rangeShallowNoMergeBase: (left: string, right: string) =>
    `'${left}' and '${right}' have no common ancestor in this shallow clone; fetch more history (\`git fetch --deepen=100\` or \`git fetch --unshallow\`; in GitHub Actions \`fetch-depth: 0\`) and retry.`,
  shallowNoMergeBase: (base: string, head: string, depth: number) =>
    `no merge base between ${base} and ${head} in this shallow clone, even after fetching ${depth} more commits; set 'fetch-depth: 0' on actions/checkout.`,
  unmergedPaths: (paths: string[]) =>
    `unmerged paths in the index (${paths.join(', ')}); resolve the conflicts and stage the result first.`,
  patchMismatch: (path: string) =>
    `git gave a different file list when asked for the patch of ${path}; this is a bug in hunkwise.`,
  skippedIgnored: (glob: string) => `matches ignore glob ${glob}`,
  skippedBinary: () => 'binary file',
  skippedTooLarge: (lines: number, max: number) =>
    `${lines} changed lines, over limits.max_file_changed_lines (${max})`,
  skippedBudget: (total: number, max: number) =>
    `the diff reached ${total} changed lines, over limits.max_total_changed_lines (${max})`,
};
