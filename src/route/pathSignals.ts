// What a file's path says: security-sensitive areas, CI and build definitions, package manifests,
// and what kind of file it is (prose and data carry no code signals; config, tests and type declarations less).
import type { SignalHit } from './securitySignals.js';

export type FileClass = 'code' | 'config' | 'test' | 'types' | 'prose' | 'data';

const PROSE =
  /(?:^|\/)(?:[^/]+\.(?:md|mdx|markdown|rst|txt|adoc|asciidoc|org)|(?:license|licence|copying|changelog|changes|history|authors|contributors|notice|readme)(?:\.[^/]*)?)$/i;
const DATA =
  /\.(?:json|jsonc|json5|csv|tsv|svg|png|jpe?g|gif|ico|webp|lock|map|snap|min\.js|min\.css|css|scss|less|html?\.snap)$/i;
const TYPES = /\.d\.[cm]?ts$/i;
const CONFIG = /\.(?:ya?ml|toml|ini|cfg|conf|properties)$/i;
const TEST =
  /(?:^|\/)(?:test|tests|__tests__|spec|specs|__mocks__|fixtures?|e2e)\/|\.(?:test|spec)\.[^/]+$|_test\.(?:go|py)$|(?:^|\/)test_[^/]+\.py$/i;

/** How much a code signal in this file counts. */
export const CONTENT_FACTOR: Record<FileClass, number> = {
  code: 1,
  config: 0.5,
  test: 0.6,
  types: 0.4,
  prose: 0,
  data: 0,
};

function classifyPath(path: string): FileClass {
  if (PROSE.test(path)) return 'prose';
  if (TYPES.test(path)) return 'types';
  if (DATA.test(path)) return 'data';
  if (CONFIG.test(path)) return 'config';
  if (TEST.test(path)) return 'test';
  return 'code';
}

/** Per path, once: the router asks for every hunk, several times (a 1,000-hunk file is one path). */
const classes = new Map<string, FileClass>();

export function classifyFile(path: string): FileClass {
  let fileClass = classes.get(path);
  if (fileClass === undefined) {
    fileClass = classifyPath(path);
    classes.set(path, fileClass);
  }
  return fileClass;
}

interface PathRule {
  signal: string;
  /** Build/CI definitions count whatever the file type; area words only in code. */
  anyFile?: boolean;
  score: number;
  what: string;
  pattern: RegExp;
}

/** Path words are matched as whole segments or word parts: `auth/`, `login.ts`, `session-store.js`. */
const word = (words: string) => new RegExp(`(?:^|[/._-])(?:${words})(?:[/._-]|s?(?:\\.|/|$))`, 'i');

const PATH_RULES: PathRule[] = [
  {
    signal: 'path-ci',
    anyFile: true,
    score: 0.7,
    what: 'CI workflow',
    pattern:
      /(?:^|\/)(?:\.github\/workflows\/[^/]+\.ya?ml|\.github\/actions\/.+|\.gitlab-ci\.ya?ml|\.circleci\/.+|Jenkinsfile|azure-pipelines\.ya?ml|\.travis\.ya?ml|bitbucket-pipelines\.ya?ml|\.buildkite\/.+)$/i,
  },
  {
    signal: 'path-registry',
    anyFile: true,
    score: 0.7,
    what: 'package registry/auth config',
    pattern:
      /(?:^|\/)(?:\.npmrc|\.yarnrc(?:\.yml)?|\.pnpmrc|\.pypirc|\.netrc|\.docker\/config\.json|pip\.conf|settings\.xml)$/i,
  },
  {
    signal: 'path-container',
    anyFile: true,
    score: 0.5,
    what: 'container/build definition',
    pattern:
      /(?:^|\/)(?:Dockerfile[^/]*|[^/]*\.dockerfile|docker-compose[^/]*\.ya?ml|compose\.ya?ml|Containerfile|Makefile|Vagrantfile)$/i,
  },
  {
    signal: 'path-install-script',
    anyFile: true,
    score: 0.6,
    what: 'install/setup script',
    pattern:
      /(?:^|\/)(?:(?:pre|post)?install[^/]*\.(?:sh|js|cjs|mjs|ps1|py)|setup\.(?:sh|py|ps1)|bootstrap\.sh|get[-_][^/]*\.sh)$/i,
  },
  {
    signal: 'path-hooks',
    anyFile: true,
    score: 0.5,
    what: 'git hooks',
    pattern: /(?:^|\/)(?:\.husky\/[^/]+|\.githooks\/[^/]+|\.git\/hooks\/[^/]+|lefthook\.ya?ml)$/i,
  },
  {
    signal: 'path-auth',
    score: 0.35,
    what: 'authentication area',
    pattern: word(
      'auth|authn|authz|authenticat\\w*|authoriz\\w*|login|logout|signin|signup|passport|oauth\\w*|openid|oidc|saml|sso|credentials?|passwords?|passwd',
    ),
  },
  {
    signal: 'path-session',
    score: 0.35,
    what: 'sessions/tokens area',
    pattern: word('sessions?|cookies?|jwt|tokens?'),
  },
  {
    signal: 'path-crypto',
    score: 0.35,
    what: 'cryptography area',
    pattern: word(
      'crypto\\w*|cipher|encrypt\\w*|decrypt\\w*|hmac|signing|signature|certs?|certificates?|tls|ssl|keys?tore|secrets?|vault',
    ),
  },
  {
    signal: 'path-access',
    score: 0.35,
    what: 'access-control area',
    pattern: word('permissions?|acl|rbac|abac|policy|policies|roles?|guards?|access[-_]?control|privileges?'),
  },
  {
    signal: 'path-security',
    score: 0.35,
    what: 'security area',
    pattern: word('security|sanitiz\\w*|sanitis\\w*|csrf|cors|csp|firewall|sandbox|waf'),
  },
  {
    signal: 'path-upload',
    score: 0.3,
    what: 'upload/download/file serving',
    pattern: word('uploads?|downloads?|static|serve|extract\\w*|unzip|untar|archive'),
  },
];

/** The rules a path matches, per path once (every hunk of a file asks). */
const matchedRules = new Map<string, PathRule[]>();

function rulesMatching(path: string): PathRule[] {
  let rules = matchedRules.get(path);
  if (!rules) {
    rules = PATH_RULES.filter((rule) => rule.pattern.test(path));
    matchedRules.set(path, rules);
  }
  return rules;
}

/** Security hits that come from the path alone; prose never counts, area words only in code. */
export function pathSignals(path: string, fileClass: FileClass = classifyFile(path)): SignalHit[] {
  if (fileClass === 'prose') return [];
  return rulesMatching(path)
    .filter((rule) => rule.anyFile || fileClass !== 'data')
    .map(
      (rule): SignalHit => ({
        signal: rule.signal,
        score: rule.anyFile ? rule.score : rule.score * CONTENT_FACTOR[fileClass],
        detail: `path looks like a ${rule.what}`,
        // Build, CI and install files are judged by what they are; area words are evidence of where code sits.
        ...(rule.anyFile ? {} : { from: 'path' as const }),
      }),
    );
}
