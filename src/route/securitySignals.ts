// How security-sensitive a hunk looks, from its path and from its changed lines and their context.
// Each signal is a named function returning a weighted hit; the hunk's score combines them as
// independent evidence (noisy-OR), so two moderate signals outweigh one.
import type { Hunk } from '../types.js';
import { hasRegex, redosShape, regexBodies } from './regexShape.js';

export interface SignalHit {
  /** Stable id of the signal, e.g. `process-exec`. */
  signal: string;
  /** 0..1: how strongly this alone suggests the hunk needs a careful review. */
  score: number;
  /** What matched and where, for the report. */
  detail: string;
}

/** The parts of a hunk a content signal reads. */
export interface HunkView {
  file: string;
  added: string[];
  deleted: string[];
  /** Context lines plus git's section header (the enclosing function). */
  context: string[];
}

export type ContentSignal = (view: HunkView) => SignalHit | null;

/** A match only in the unchanged context counts for this share of a match in a changed line. */
export const CONTEXT_WEIGHT = 0.6;

/** Signals read this much of each line: longer lines are minified or generated, and the cap keeps matching linear. */
export const MAX_SIGNAL_LINE = 1000;

export function viewOf(hunk: Hunk): HunkView {
  const view: HunkView = { file: hunk.file, added: [], deleted: [], context: [] };
  if (hunk.section.trim()) view.context.push(hunk.section.slice(0, MAX_SIGNAL_LINE));
  for (const line of hunk.lines) {
    const text = line.text.slice(0, MAX_SIGNAL_LINE);
    if (line.kind === 'add') view.added.push(text);
    else if (line.kind === 'del') view.deleted.push(text);
    else view.context.push(text);
  }
  return view;
}

function firstMatch(lines: readonly string[], pattern: RegExp, skip?: RegExp): string | null {
  for (const line of lines) {
    if (skip?.test(line)) continue;
    const m = pattern.exec(line);
    if (m) return m[0].trim().slice(0, 60);
  }
  return null;
}

/** A signal that fires on a lexical pattern: full weight in changed lines, CONTEXT_WEIGHT in context. */
function lexical(
  signal: string,
  what: string,
  weight: number,
  pattern: RegExp,
  skip?: RegExp,
): ContentSignal {
  return (view) => {
    const changed = firstMatch([...view.added, ...view.deleted], pattern, skip);
    if (changed) return { signal, score: weight, detail: `${what} in changed lines (\`${changed}\`)` };
    const around = firstMatch(view.context, pattern, skip);
    if (around)
      return {
        signal,
        score: weight * CONTEXT_WEIGHT,
        detail: `${what} in the surrounding code (\`${around}\`)`,
      };
    return null;
  };
}

export const authSignal = lexical(
  'auth',
  'authentication/authorisation',
  0.55,
  /\b(?:auth|authn|authz|authenticat\w*|authoriz\w*|authoris\w*|unauthori[sz]ed|login|logout|sign[_-]?in|passport|oauth\w*|openid|saml|credentials?|passwords?|passwd|passphrase|bcrypt|argon2|scrypt|is_?admin|permissions?|privileges?|acl|rbac|csrf|xsrf|api[_-]?keys?)\b/i,
);

export const cryptoSignal = lexical(
  'crypto',
  'cryptography/hashing',
  0.5,
  /\b(?:crypto|webcrypto|subtle|createHash|createHmac|createCipheriv|createDecipheriv|createSign|createVerify|timingSafeEqual|pbkdf2\w*|hkdf\w*|md5|sha1|sha256|sha512|hmac|encrypt\w*|decrypt\w*|cipher\w*|signature|nonce|salt|keypair|privateKey|publicKey|certificate|x509)\b/i,
);

export const randomnessSignal = lexical(
  'randomness',
  'random number generation',
  0.35,
  /\bMath\.random\b|\b(?:random\w*|getRandomValues|randomFill\w*|randomBytes|randomUUID|uuid|entropy|seed)\b/i,
);

export const sessionSignal = lexical(
  'session',
  'sessions/cookies/tokens',
  0.45,
  /\b(?:cookies?|set-cookie|samesite|httponly|sessions?|session_?id|jwt|jsonwebtoken|bearer|access_?token|refresh_?token|id_?token)\b/i,
);

export const processExecSignal = lexical(
  'process-exec',
  'process execution',
  0.7,
  /\bchild_process\b|(?<![.\w])exec(?:Sync)?\s*\(|\.(?:execSync|execFile|execFileSync|spawn|spawnSync|fork)\s*\(|\b(?:spawn|execa|execFile)\s*\(|\bshell\s*:\s*true|\bos\.(?:system|popen)|\bsubprocess\.|\bRuntime\.getRuntime\(\)\.exec|\bProcessBuilder\b|\bshelljs\b/,
);

export const dynamicCodeSignal = lexical(
  'dynamic-code',
  'dynamic code evaluation',
  0.7,
  /(?<![.\w])eval\s*\(|\bnew\s+Function\s*\(|\bFunction\s*\(\s*['"`]|\bvm\.(?:run\w*|compile\w*|Script|createContext)|\bnew\s+vm\.Script|\bset(?:Timeout|Interval)\s*\(\s*['"`]|\bimport\s*\(\s*[^'"`\s)]/,
);

export const deserialisationSignal = lexical(
  'deserialisation',
  'deserialisation of data',
  0.6,
  /\b(?:yaml\.load|jsyaml\.load|safeLoad|unserialize|deserializ\w*|deserialis\w*|pickle\.loads?|marshal\.loads?|readObject|ObjectInputStream|BinaryFormatter|node-serialize|serialize-javascript|XMLDecoder)\b|\byaml\.(?:load|parse)\s*\(/,
);

export const jsonParseSignal = lexical('json-parse', 'JSON.parse of data', 0.25, /\bJSON\.parse\s*\(/);

export const prototypePollutionSignal = lexical(
  'prototype-pollution',
  'prototype-pollution-prone keys',
  0.75,
  /__proto__|\bconstructor\.prototype\b|\bObject\.create\(\s*null\s*\)|['"`](?:prototype|constructor)['"`]|\bObject\.(?:setPrototypeOf|defineProperty|assign)\s*\(|\bsetPrototypeOf\b/,
);

export const dynamicKeyAssignmentSignal = lexical(
  'dynamic-key',
  'assignment through a computed key',
  0.2,
  /\b\w+\[(?!\d+\])[A-Za-z_$][\w$.]*\]\s*=(?!=)/,
);

export const sqlSignal = lexical(
  'sql',
  'SQL built from values',
  0.65,
  /\b(?:SELECT\s[\w*,\s]*?\bFROM|INSERT\s+INTO|UPDATE\s+\w+\s+SET|DELETE\s+FROM)\b[^;]*(?:['"`]\s*\+|\$\{|%s|\.format\()|\.(?:query|raw|execute|exec)\s*\(\s*(?:`[^`]*\$\{|['"][^'"]*['"]\s*\+)|\b(?:knex\.raw|sequelize\.query|\$queryRawUnsafe|\$executeRawUnsafe)\b/i,
);

export const htmlSignal = lexical(
  'html',
  'HTML built or inserted',
  0.55,
  /javascript:|<script\b|\b(?:innerHTML|outerHTML|dangerouslySetInnerHTML|insertAdjacentHTML|document\.write|v-html|html_safe|mark_safe|DOMPurify|escapeHtml|escapeHTML|htmlEscape|createHtmlDocument|sanitizeHtml)\b|['"`][^'"`<]*<\/?[a-zA-Z][^'"`]*['"`]\s*\+|\+\s*['"`][^'"`<]*<\/?[a-zA-Z][a-zA-Z0-9]*[\s>]/,
);

export const encodingSignal = lexical(
  'encoding',
  'escaping/encoding of data',
  0.45,
  /\b(?:escape(?:Html|HTML|Xml|Shell\w*|Arg\w*|Regexp?|RegExp|Identifier|Literal|Id)?|unescape|encodeURI(?:Component)?|decodeURI(?:Component)?|htmlspecialchars|sanitiz\w*|sanitis\w*|punycode|toASCII|shellEscape|shell-quote|quoteArg\w*)\b/,
);

export const controlCharSignal = lexical(
  'control-chars',
  'CR/NUL/line-separator handling',
  0.35,
  /\\r|\\0(?![0-9])|\\x00|\\u0000|\\u202[89]|%0[dDaA]\b|%00\b|\\x7[fF]|\\u007[fF]/,
);

export const redirectUrlSignal = lexical(
  'redirect-url',
  'redirects/URL handling',
  0.45,
  /\b(?:redirect\w*|res\.location|location\.(?:href|assign|replace)|window\.location|new\s+URL|url\.parse|URLSearchParams|searchParams|open_?redirect|returnTo|return_?url|next_?url|callback_?url|hostname|isPrivate\w*|isLoopback|ssrf)\b|startsWith\(\s*['"]\/\/|['"](?:location|Location)['"]/,
);

export const pathTraversalSignal = lexical(
  'path-traversal',
  'path traversal checks',
  0.6,
  /\.\.[/\\]|['"`]\.\.['"`]|\brealpath\w*|\bsymlink\w*|\blinkname\b|\breadlink\w*|\bchroot\b|\bstartsWith\s*\(\s*(?:path\.|root|base|cwd|dir)|\bisAbsolute\s*\(|\btraversal\b/,
  // Relative module specifiers (`require('../x')`, `from '../x'`) are not file-system paths.
  /\brequire\s*\(|\bimport\b|\bfrom\s+['"]/,
);

export const fsPathSignal = lexical(
  'fs-path',
  'file-system path building',
  0.3,
  /\bpath\.(?:join|resolve|normalize|relative)\s*\(|\bfs\.(?:\w+Sync|createWriteStream|createReadStream|writeFile|readFile|unlink|rm|rename|mkdir|open|copyFile)\b|\bsendFile\s*\(/,
);

export const permissionsSignal = lexical(
  'permissions',
  'file permissions/ownership',
  0.55,
  /\b(?:chmod\w*|chown\w*|umask|setuid|setgid|0o?[0-7]{3}\b|sudo|privileged)\b/,
);

export const inputValidationSignal = lexical(
  'input-validation',
  'input validation/coercion',
  0.3,
  /\btypeof\s+[\w$.]+\s*[!=]==?|\bNumber\.is(?:Integer|Finite|NaN|SafeInteger)\s*\(|\bisNaN\s*\(|\b[\w$]+\s*-=\s*0\b|>>>\s*0\b|\|\s*0\b|\bthrow\s+new\s+(?:TypeError|RangeError)\b|\bisValid\w*|\bvalidat\w*|\bassert\w*\s*\(/,
);

export const parsingInputSignal = lexical(
  'input-parsing',
  'pattern matching over input',
  0.4,
  /\b(?:input|str|string|text|value|header|headers|query|body|params|url|uri|path|name|src|source|data|payload|line|pending)\w*(?:\.\w+)?\s*\.\s*(?:match|matchAll|replace|replaceAll|split|search)\s*\(/i,
);

export const untrustedInputSignal = lexical(
  'untrusted-input',
  'external input',
  0.3,
  /\breq(?:uest)?\.(?:query|body|params|headers|cookies|url|path)\b|\b(?:userInput|untrusted|user_?input|process\.argv)\b|\blocation\.(?:search|hash)\b/,
);

export const bufferBoundsSignal = lexical(
  'buffer-bounds',
  'buffer/size/bounds handling',
  0.35,
  /\bBuffer\.(?:alloc\w*|from|concat|byteLength)\b|\bnew\s+Buffer\s*\(|\.(?:subarray|readU?Int\w*|writeU?Int\w*|copyWithin)\s*\(|\b(?:Uint8Array|ArrayBuffer|DataView)\b|\bmax(?:Length|Size|Bytes|Depth|Keys|Items|Count|Params|Fields|Files|Parts)\b|\bbyteLength\b|\boverflow\w*|\.length\s*>=?\s*(?:\d{3,}|[A-Z_]{3,}|max\w*|limit\w*)/,
);

export const resourceLimitSignal = lexical(
  'resource-limits',
  'size/depth/count limits',
  0.35,
  /\b(?:depth|maxDepth|strictDepth|[a-z]+Limit|limits?|exceed\w*|too (?:many|large|long|deep|big))\b|\bRangeError\b/i,
);

export const rejectsInputSignal = lexical(
  'rejects-input',
  'rejection of invalid input',
  0.35,
  /\bthrow\b.*\b(?:invalid|not (?:a )?valid|not allowed|must(?: not)? be|exceed\w*|too (?:many|large|long|deep))\b|\bcreateError\(\s*4\d\d\b/i,
);

export const codeGenerationSignal = lexical(
  'code-generation',
  'source code built from values',
  0.45,
  /['"`]\s*(?:var|let|const|function|return|require|import)\b[^'"`]*['"`]\s*\+\s*[A-Za-z_$]/,
);

export const securityVocabularySignal = lexical(
  'security-words',
  'security vocabulary',
  0.6,
  /\b(?:vulnerab\w*|exploit\w*|malicious|attack\w*|injection|unsafe|insecure|untrusted|xss|csrf|ssrf|redos|dos|denial of service|pollution|traversal|cve-\d+|ghsa-[\w-]+|security|disallow\w*|forbidden|not allowed|blocked|banned|blocklist|denylist|allowlist|whitelist|blacklist|sandbox\w*)\b/i,
);

/** Regexes in changed lines: ReDoS-shaped, modified (changed matching rules), or new. */
export function regexSignal(view: HunkView): SignalHit | null {
  const changed = [...view.deleted, ...view.added];
  for (const line of changed) {
    for (const body of regexBodies(line)) {
      const shape = redosShape(body);
      if (shape)
        return { signal: 'regex', score: 0.6, detail: `regex with ${shape} (\`/${body.slice(0, 40)}/\`)` };
    }
  }
  const removed = view.deleted.some(hasRegex);
  const added = view.added.some(hasRegex);
  if (removed && added) return { signal: 'regex', score: 0.5, detail: 'a regular expression was changed' };
  if (removed || added)
    return {
      signal: 'regex',
      score: 0.35,
      detail: `a regular expression was ${added ? 'added' : 'removed'}`,
    };
  return null;
}

/** Every content signal, in report order. */
export const CONTENT_SIGNALS: readonly ContentSignal[] = [
  securityVocabularySignal,
  processExecSignal,
  dynamicCodeSignal,
  codeGenerationSignal,
  deserialisationSignal,
  prototypePollutionSignal,
  sqlSignal,
  htmlSignal,
  pathTraversalSignal,
  authSignal,
  permissionsSignal,
  cryptoSignal,
  sessionSignal,
  regexSignal,
  encodingSignal,
  controlCharSignal,
  redirectUrlSignal,
  parsingInputSignal,
  randomnessSignal,
  bufferBoundsSignal,
  untrustedInputSignal,
  rejectsInputSignal,
  resourceLimitSignal,
  inputValidationSignal,
  fsPathSignal,
  jsonParseSignal,
  dynamicKeyAssignmentSignal,
];
