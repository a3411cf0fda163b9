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
  /**
   * `path`: the hit reads the words of the file's path (an area such as `auth/`, or the code's role named in
   * its path). A path is one piece of evidence however many signals read it: only the strongest such hit counts.
   */
  from?: 'path';
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

/** Lines joined once per array (by `\n`): one regex scan over a text is far cheaper than one `exec` per line. */
const joinedTexts = new WeakMap<readonly string[], string>();

export function joined(lines: readonly string[]): string {
  let text = joinedTexts.get(lines);
  if (text === undefined) {
    text = lines.join('\n');
    joinedTexts.set(lines, text);
  }
  return text;
}

/**
 * The first match in some lines, scanning their joined text. Patterns must not run across a newline with
 * an unbounded class (`[^;]*` is written `[^;\n]*`), so a match stays within its line and scanning stays
 * linear. A line the `skip` pattern matches is passed over.
 */
function firstMatch(lines: readonly string[], pattern: RegExp, skip?: RegExp): string | null {
  if (lines.length === 0) return null;
  const text = joined(lines);
  pattern.lastIndex = 0;
  for (let m = pattern.exec(text); m !== null; m = pattern.exec(text)) {
    if (skip) {
      const start = text.lastIndexOf('\n', m.index) + 1;
      const newline = text.indexOf('\n', m.index);
      const end = newline === -1 ? text.length : newline;
      if (skip.test(text.slice(start, end))) {
        if (newline === -1) return null;
        pattern.lastIndex = end + 1;
        continue;
      }
    }
    return m[0].trim().slice(0, 60);
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
  const global = new RegExp(pattern.source, `${pattern.flags.replace('g', '')}g`);
  return (view) => {
    const changed = firstMatch(view.added, global, skip) ?? firstMatch(view.deleted, global, skip);
    if (changed) return { signal, score: weight, detail: `${what} in changed lines (\`${changed}\`)` };
    const around = firstMatch(view.context, global, skip);
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

/** Hashes, ciphers, signatures and keys, and the options that turn TLS certificate checks on or off. */
export const cryptoSignal = lexical(
  'crypto',
  'cryptography/hashing/TLS verification',
  0.5,
  /\b(?:crypto|webcrypto|subtle|createHash|createHmac|createCipheriv|createDecipheriv|createSign|createVerify|timingSafeEqual|pbkdf2\w*|hkdf\w*|md5|sha1|sha256|sha512|hmac|encrypt\w*|decrypt\w*|cipher\w*|signatures?|nonce|salt|keypair|privateKey|publicKey|certificate|x509|algorithms?|jwks?|jws|jwe|x5[cut]|jku|pem|asn1|pkcs\d*|rsa|ecdsa|ed25519|rejectUnauthorized|checkServerIdentity|strictSSL|NODE_TLS_REJECT_UNAUTHORIZED|secureProtocol)\b/i,
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
  /__proto__|\bconstructor\.prototype\b|\bObject\.create\(\s*null\s*\)|['"`](?:prototype|constructor)['"`]|\bsetPrototypeOf\b/,
);

export const dynamicKeyAssignmentSignal = lexical(
  'dynamic-key',
  'assignment through a computed key',
  0.2,
  /\b\w+\[(?!\d+\])[A-Za-z_$][\w$.]*\]\s*=(?!=)/,
);

export const sqlSignal = lexical(
  'sql',
  'SQL built from values, or NoSQL code operators',
  0.65,
  /\$where\b|\$function\b|\$accumulator\b|\b(?:SELECT\s[\w*, \t]*?\bFROM|INSERT\s+INTO|UPDATE\s+\w+\s+SET|DELETE\s+FROM)\b[^;\n]*(?:['"`]\s*\+|\$\{|%s|\.format\()|\.(?:query|raw|execute|exec)\s*\(\s*(?:`[^`\n]*\$\{|['"][^'"\n]*['"]\s*\+)|\b(?:knex\.raw|sequelize\.query|\$queryRawUnsafe|\$executeRawUnsafe)\b/i,
);

export const htmlSignal = lexical(
  'html',
  'HTML built or inserted',
  0.55,
  /javascript:|<script\b|\.replace\([^)\n]*,\s*['"`][^'"`\n]*<\/?[$\w]|\b(?:innerHTML|outerHTML|dangerouslySetInnerHTML|insertAdjacentHTML|document\.write|v-html|html_safe|mark_safe|DOMPurify|escapeHtml|escapeHTML|htmlEscape|createHtmlDocument|sanitizeHtml)\b|['"`][^'"`<\n]*<\/?[a-zA-Z][^'"`\n]*['"`]\s*\+|\+\s*['"`][^'"`<\n]*<\/?[a-zA-Z][a-zA-Z0-9]*[\s>]/,
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
  /\.\.[/\\]|['"`]\.\.['"`]|\brealpath\w*|\bsymlink\w*|\bhard ?link\w*|\bnlink\b|\blinkSync\b|\blinkname\b|\breadlink\w*|\bchroot\b|\bstartsWith\s*\(\s*(?:path\.|root|base|cwd|dir)|\bisAbsolute\s*\(|\btraversal\b/,
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
  /\b(?:chmod\w*|chown\w*|umask|setuid|setgid|sudo|privileged)\b|(?:\bmode\s*[:=]\s*|[=(,]\s*)0o?[0-7]{3}\b(?![\w'"])/,
);

export const inputValidationSignal = lexical(
  'input-validation',
  'input validation/coercion',
  0.3,
  /\btypeof\s+[\w$.]+(?:\[[\w$'"]{1,40}\][\w$.]*)*\s*[!=]==?|\bNumber\.is(?:Integer|Finite|NaN|SafeInteger)\s*\(|\bisNaN\s*\(|\b[\w$]+\s*-=\s*0\b|>>>\s*0\b|[\w)\]]\s+\|\s+0\b|\bthrow\s+new\s+(?:TypeError|RangeError)\b|\bisValid\w*|\bvalidat\w*|\bassert\w*\s*\(/,
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

const REJECTION =
  /\b(?:invalid|not (?:a )?valid|not allowed|must(?: not)? be|exceed\w*|too (?:many|large|long|deep)|cannot|can ?not|may not|not supported|forbidden|illegal|unsafe)\b/i;

/** A throw (or 4xx error) rejecting input; its message may sit on the line after `throw new Error(`. */
export function rejectsInputSignal(view: HunkView): SignalHit | null {
  const find = (lines: readonly string[]) => {
    for (let i = 0; i < lines.length; i++) {
      const line = lines[i]!;
      if (/\bcreateError\(\s*4\d\d\b/.test(line)) return line;
      if (!/\bthrow\b/.test(line)) continue;
      if (REJECTION.test(line) || (/[(,]\s*$/.test(line) && REJECTION.test(lines[i + 1] ?? ''))) return line;
    }
    return null;
  };
  const changed = find(view.added) ?? find(view.deleted);
  if (changed)
    return {
      signal: 'rejects-input',
      score: 0.35,
      detail: `rejection of invalid input in changed lines (\`${changed.trim().slice(0, 60)}\`)`,
    };
  const around = find(view.context);
  return around
    ? {
        signal: 'rejects-input',
        score: 0.35 * CONTEXT_WEIGHT,
        detail: `rejection of invalid input in the surrounding code (\`${around.trim().slice(0, 60)}\`)`,
      }
    : null;
}

export const codeGenerationSignal = lexical(
  'code-generation',
  'source code built from values',
  0.45,
  /['"`]\s*(?:var|let|const|function|return|require|import|with)\b[^'"`\n]*['"`]\s*\+\s*[A-Za-z_$]/,
);

export const securityVocabularySignal = lexical(
  'security-words',
  'security vocabulary',
  0.6,
  /\b(?:vulnerab\w*|exploit\w*|malicious|attack\w*|injection|unsafe|insecure|untrusted|m?xss|csrf|ssrf|redos|dos|denial of service|pollution|traversal|cve-\d+|ghsa-[\w-]+|security|disallow\w*|forbidden|not allowed|blocked|banned|blocklist|denylist|allowlist|whitelist|blacklist|sandbox\w*|arbitrary code|(?:remote )?code execution|execut\w* (?:arbitrary )?code|hang(?:s|ing)? the process|infinite loop|stack overflow|clobber\w*|smuggl\w*|spoof\w*|bypass\w*|zip ?slip|billion laughs|decompression bomb|zip bomb)\b|(?<![a-z])exhaust(?:ion|ed|s)?\b/i,
);

/** String operations that do a regex's job without backtracking. */
const STRING_CODE =
  /\.(?:indexOf|lastIndexOf|includes|startsWith|endsWith|slice|substring|substr|trim\w*|charCodeAt|charAt|codePointAt|split\(\s*['"`])|\.split\(\s*['"`]|\bfor\s*\(/;
const UNBOUNDED = /(?<!\\)(?:[+*]|\{\d+,\})/g;
const BOUNDED = /(?<!\\)\{\d*,\d+\}/g;
const count = (bodies: readonly string[], pattern: RegExp) =>
  bodies.reduce((n, b) => n + (b.match(pattern)?.length ?? 0), 0);

/**
 * Regexes in changed lines: ReDoS-shaped; replaced by string code; a quantifier bounded; built at run time
 * from values; otherwise modified (changed matching rules), added or removed.
 */
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
  if (removed && !added && view.added.some((l) => STRING_CODE.test(l)))
    return { signal: 'regex', score: 0.6, detail: 'a regular expression was replaced by string code' };
  if (removed && added) {
    const before = view.deleted.flatMap(regexBodies);
    const after = view.added.flatMap(regexBodies);
    if (count(after, BOUNDED) > count(before, BOUNDED) && count(after, UNBOUNDED) < count(before, UNBOUNDED))
      return { signal: 'regex', score: 0.6, detail: 'a regex quantifier was bounded' };
  }
  const interpolated = view.added.find((l) => /`[^`]*\(\?[:!=<][^`]*\$\{|`[^`]*\$\{[^`]*\(\?[:!=<]/.test(l));
  if (interpolated)
    return {
      signal: 'regex',
      score: 0.5,
      detail: `regex syntax interpolated with values (\`${interpolated.trim().slice(0, 60)}\`)`,
    };
  const built = view.added.find((l) => /\bRegExp\s*\(\s*(?![\s'"/)]|`[^`$]*`)/.test(l));
  if (built)
    return {
      signal: 'regex',
      score: 0.45,
      detail: `a regular expression is built from values (\`${built.trim().slice(0, 60)}\`)`,
    };
  if (removed && added) return { signal: 'regex', score: 0.5, detail: 'a regular expression was changed' };
  if (removed || added)
    return {
      signal: 'regex',
      score: 0.25,
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
