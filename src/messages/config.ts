// What config loading tells the user: every problem names the key, the line, the bad value and what is allowed.
import { docsUrl } from './docsUrl.js';

export const configMessages = {
  unknownKey: (suggestion: string | null, allowed: readonly string[]) =>
    `unknown key${suggestion ? `; did you mean "${suggestion}"?` : ''} (allowed: ${allowed.join(', ')})`,
  wrongType: (expected: string, got: string) => `expected ${expected}, got ${got}`,
  tooSmall: (min: number | bigint, inclusive: boolean, what: string, got: string) =>
    `must be ${what} ${inclusive ? '≥' : '>'} ${min} (got ${got})`,
  tooBig: (max: number | bigint, inclusive: boolean, what: string, got: string) =>
    `must be ${what} ${inclusive ? '≤' : '<'} ${max} (got ${got})`,
  notOneOf: (values: readonly unknown[], got: string) =>
    `must be one of ${values.map((v) => JSON.stringify(v)).join(', ')} (got ${got})`,
  badFormat: (detail: string, got: string) => `${detail} (got ${got})`,
  badRegex: (reason: string, got: string) => `invalid regular expression ${got}: ${reason}`,
  other: (message: string, got: string) => `${message} (got ${got})`,
  noPrice: (model: string, known: readonly string[]) =>
    `claude.prices has no entry for claude.model "${model}": Claude costs will show as $0 (priced models: ${known.join(', ')})`,
  conflictingGlobs: (glob: string) =>
    `"${glob}" is in both routing.always_claude and routing.always_local: always_claude wins`,
  hostAndHosts: () =>
    'local.host and local.hosts are both set: use host for one server, or hosts for a pool (and drop host)',
  yamlSyntax: (message: string) => `YAML syntax error: ${message}`,
  notAMapping: (got: string) =>
    `the file must be a mapping of sections (local:, claude:, routing:, …), got ${got}`,
  emptyFile: (file: string) => `${file} is empty: using the defaults`,
  aliasBomb: (file: string, max: number) =>
    `${file}: its YAML aliases (*name) expand beyond ${max} nodes, as an alias bomb does; refusing to load it (write the values out instead of aliasing them).`,
  yamlWarning: (message: string) => `YAML warning: ${message}`,
  header: (file: string, count: number) =>
    `${file} has ${count === 1 ? 'a problem' : `${count} problems`}; fix ${count === 1 ? 'it' : 'them'} or see ${docsUrl('config.md')}:`,
  missingFile: (path: string, via: string) => `config file not found: ${path} (given with ${via})`,
  unreadable: (path: string, reason: string) => `cannot read config file ${path}: ${reason}`,
};
