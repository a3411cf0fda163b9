// What `review init` reports about each step of setting up the hook and config.

export const initMessages = {
  notARepository: (cwd: string) =>
    `${cwd} is not inside a git repository; run review init from your project.`,
  bareRepository: () => 'this is a bare repository; run review init in a working tree.',
  hooksPathSet: (path: string) => `core.hooksPath set to ${path} (husky 9 layout)`,
  hooksPathKept: (path: string) => `core.hooksPath already ${path}`,
  hooksPathConflict: (current: string) =>
    `core.hooksPath is ${current}, not .husky/_; another hook manager owns the hooks. Add \`npx --no-install hunkwise --staged --hook\` to ${current}/pre-commit yourself, or rerun with --force to switch to husky.`,
  shimWritten: () => '.husky/_ written (husky shim; git-ignored, recreated by "prepare")',
  shimKept: () => '.husky/_ up to date',
  hookCreated: () => '.husky/pre-commit created with the hunkwise block',
  hookAdded: () => '.husky/pre-commit: hunkwise block appended (your other lines untouched)',
  hookUpdated: () => '.husky/pre-commit: hunkwise block updated (your other lines untouched)',
  hookKept: () => '.husky/pre-commit already has the current hunkwise block',
  hookAfterExit: () =>
    '.husky/pre-commit has an `exit` line before the hunkwise block, so the review may never run; move the block above it.',
  legacyGitHook: () =>
    '.git/hooks/pre-commit exists and stops running once core.hooksPath is set; move its lines into .husky/pre-commit.',
  prepareAdded: (script: string) => `package.json: "prepare": "${script}" added (fresh clones get the hook)`,
  prepareExtended: (script: string) => `package.json: "prepare" now runs \`${script}\` too`,
  prepareKept: () => 'package.json: "prepare" already installs the hook',
  prepareAdvice: () =>
    'package.json: husky is not a dependency, so "prepare" was left alone; run `npm install -D husky` and add "prepare": "husky" so fresh clones get the hook.',
  noPackageJson: () => 'no package.json: run review init again after each fresh clone to recreate .husky/_',
  configWritten: (path: string) => `${path} written with commented defaults`,
  configKept: (path: string) => `${path} already exists (left as is)`,
  configTemplateMissing: () =>
    'the config.yml template was not found in the hunkwise package; wrote a minimal one.',
  nothingChanged: () => 'Nothing to change: this repository is already set up.',
  done: () =>
    'Done. The next `git commit` reviews what is staged (skip once with REVIEW_SKIP=1 or --no-verify); `npx hunkwise doctor` checks Ollama and the model.',
  badPackageJson: (message: string) => `package.json could not be parsed (${message}); left it alone.`,
};
