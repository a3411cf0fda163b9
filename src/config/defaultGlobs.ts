// The built-in glob lists, kept apart from the zod schema: the matchers on the hook's path read them to
// tell hunkwise's own globs (compiled by picomatch) from a user's (compiled to RE2, see rules/compileGlob.ts).

export const DEFAULT_IGNORE = [
  '**/package-lock.json',
  '**/npm-shrinkwrap.json',
  '**/yarn.lock',
  '**/pnpm-lock.yaml',
  '**/bun.lockb',
  '**/bun.lock',
  '**/Cargo.lock',
  '**/poetry.lock',
  '**/uv.lock',
  '**/Gemfile.lock',
  '**/composer.lock',
  '**/go.sum',
  '**/*.min.js',
  '**/*.min.css',
  '**/*.map',
  '**/*.snap',
  '**/dist/**',
  '**/build/**',
  '**/vendor/**',
  '**/node_modules/**',
  '**/*.generated.*',
  '**/*.pb.go',
  '**/__generated__/**',
];

/**
 * Env files, key stores and certificates, and secrets/ folders: held back from Claude whatever their content.
 * Matched ignoring case (`app/.ENV`, `Secrets/db.yml`).
 */
export const DEFAULT_NEVER_SEND = [
  '**/.env',
  '**/.env.*',
  '**/*.env',
  '**/.envrc',
  '**/*.pem',
  '**/*.key',
  '**/*.p12',
  '**/*.pfx',
  '**/*.jks',
  '**/*.keystore',
  '**/*.ppk',
  '**/*.crt',
  '**/*.cer',
  '**/id_rsa*',
  '**/id_dsa*',
  '**/id_ecdsa*',
  '**/id_ed25519*',
  '**/.npmrc',
  '**/.netrc',
  '**/.pgpass',
  '**/.git-credentials',
  '**/credentials.json',
  '**/secrets/**',
  '**/.secrets/**',
];

/** Every glob hunkwise ships: the lists above and `**` (a custom rule's default paths). */
export const BUILT_IN_GLOBS: readonly string[] = [...DEFAULT_IGNORE, ...DEFAULT_NEVER_SEND, '**'];
