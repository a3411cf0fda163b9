// What a change does, read from how its added lines differ from its deleted ones: the shapes security fixes
// take whatever the package calls things. A guard added in front of a use, a computed property access
// moved behind a helper, a size limit set, a safety predicate or allow flag consulted, a raw value swapped
// for its sanitised twin, a value escaped before it is spliced into generated code, an own-property or
// identifier check, an error contained where it used to crash. Each is a named, pure ContentSignal.
import { type ContentSignal, type HunkView, joined, type SignalHit } from './securitySignals.js';

const IDENT = String.raw`[A-Za-z_$][\w$]*`;
/** Lines a shape compares pairwise: beyond this a hunk is a rewrite, not a targeted fix. */
const MAX_PAIRED_LINES = 60;

const hit = (signal: string, score: number, detail: string): SignalHit => ({ signal, score, detail });
const quote = (text: string) => `\`${text.trim().slice(0, 60)}\``;

/**
 * `obj[key]` in a deleted line becomes `helper(obj, key…)` in an added one: a property read or write moved
 * behind a function that can refuse `__proto__`, `constructor` or inherited names.
 */
const ACCESS = new RegExp(`(${IDENT})\\[(${IDENT})\\]`, 'g');

export const guardedAccessSignal: ContentSignal = (view) => {
  if (view.deleted.length > MAX_PAIRED_LINES || view.added.length > MAX_PAIRED_LINES) return null;
  for (const line of view.deleted) {
    // matchAll runs on a copy of the regex: the shared one keeps no state between lines or hunks.
    for (const [, object, key] of line.matchAll(ACCESS)) {
      const call = view.added.find(
        (a) => a.includes(`(${object}, ${key}`) || a.includes(`(${object},${key}`),
      );
      if (call && !call.includes(`${object}[${key}]`))
        return hit(
          'guarded-access',
          0.55,
          `computed property access \`${object}[${key}]\` moved behind a function (${quote(call)})`,
        );
    }
  }
  return null;
};

const OWN_PROPERTY = /\bhasOwnProperty\b|\bObject\.hasOwn\s*\(|\bhasOwn\s*\(|\bpropertyIsEnumerable\b/;

/** An own-property test added: inherited names (`__proto__`, `toString`) stop passing for data. */
export const ownPropertyCheckSignal: ContentSignal = (view) => {
  if (OWN_PROPERTY.test(joined(view.deleted))) return null;
  const line = view.added.find((l) => OWN_PROPERTY.test(l));
  return line ? hit('own-property', 0.4, `own-property check added (${quote(line)})`) : null;
};

/** A cheap test first: most lines name no limit at all. */
const LIMIT_WORD = /max|MAX|[lL]imit/;
const LIMIT_NAME = /\b(?:max[A-Z_]\w*|MAX(?:_\w+)?|\w*_MAX\b|\w+Limit|limit[A-Z]\w*|limit)\b/;
const LIMIT_VALUE = new RegExp(
  `${LIMIT_NAME.source}\\s*[:=]\\s*(?:\\d[\\d_]*(?:\\s*[*]\\s*\\d+)*|Infinity|null)|${LIMIT_NAME.source}\\s*\\)?\\s*$`,
);
const LIMIT_COMPARE = new RegExp(
  `[<>]=?\\s*(?:[\\w$.]+\\.)?${LIMIT_NAME.source}|${LIMIT_NAME.source}\\s*[<>]=?`,
);

/** A size, length, depth or count limit changed, compared against, or set: the shapes of a DoS fix. */
export const limitSignal: ContentSignal = (view) => {
  const before = new Set(
    view.deleted.filter((d) => LIMIT_WORD.test(d) && LIMIT_VALUE.test(d)).map((d) => d.match(LIMIT_NAME)![0]),
  );
  for (const line of view.added) {
    if (before.size > 0 && LIMIT_VALUE.test(line) && before.has(line.match(LIMIT_NAME)![0]))
      return hit('limit', 0.55, `a limit was changed (${quote(line)})`);
  }
  for (const line of view.added) {
    if (!LIMIT_WORD.test(line)) continue;
    if (LIMIT_COMPARE.test(line)) return hit('limit', 0.5, `a limit is enforced (${quote(line)})`);
    if (LIMIT_VALUE.test(line) || /\{\s*max\w*\s*:\s*\d/.test(line))
      return hit('limit', 0.45, `a limit is set (${quote(line)})`);
  }
  return null;
};

const REJECTS =
  /\bthrow\b|\breturn\s*(?:false|null|undefined|;|$)|\breject\s*\(|\bcontinue\b|\bcallback\s*\(\s*new\b|\bcb\s*\(\s*new\b|\bnext\s*\(\s*(?:new\s+)?\w*Error|\.status\(\s*4\d\d|\babort\w*\s*\(|\bdestroy\s*\(|\bdeny\w*\s*\(|\b_?(?:force)?[rR]emove\w*\s*\(|\bwarn\w*\s*\(/;
/** Below any role's weight's complement: a role plus a guard alone stays local, a third signal escalates. */
const GUARD_WEIGHT = 0.28;
const CONDITION = /^\s*(?:\}\s*else\s+)?if\s*\(|^\s*(?:&&|\|\|)|(?:&&|\|\|)\s*$/;

/**
 * A condition added or rewritten in front of a rejection (throw, return early, reject, continue, remove):
 * a guard put before whatever follows. Weak alone; code of every kind grows checks.
 */
export const guardSignal: ContentSignal = (view) => {
  const lines = view.added;
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    if (!CONDITION.test(line)) continue;
    const block = [line, ...lines.slice(i + 1, i + 4)];
    if (block.some((l) => REJECTS.test(l)))
      return hit('guard', GUARD_WEIGHT, `a guard added before the code it protects (${quote(line)})`);
  }
  // A rewritten condition whose body is unchanged context: the `if` changed, the rejection did not.
  if (
    view.deleted.some((l) => CONDITION.test(l)) &&
    lines.some((l) => CONDITION.test(l)) &&
    view.context.some((l) => REJECTS.test(l))
  )
    return hit(
      'guard',
      GUARD_WEIGHT,
      `the condition of a guard was changed (${quote(lines.find((l) => CONDITION.test(l))!)})`,
    );
  return null;
};

const SAFETY_PREDICATE =
  /\b(?:is_?[Ss]afe\w*|(?:[a-z\d]+_)+is_safe|isAllowed\w*|is_?[Tt]rusted\w*|is_?[Pp]ermitted\w*|isForbidden\w*|isBlocked\w*|isDangerous\w*|isUnsafe\w*|allow[A-Z]\w*|disallow[A-Z]\w*|trust[A-Z]\w*|reject[A-Z]\w*)\b/g;

/** Where a predicate or flag is consulted: in a condition or passed as an argument, not declared or defaulted. */
function consulted(line: string, at: number, name: string): boolean {
  const after = line.slice(at + name.length);
  const before = line.slice(0, at);
  if (/^\s*\??:/.test(after) || /\bfunction\b[^)]*$/.test(before) || /^\s*=[^=]/.test(after)) return false;
  return /\bif\s*\(|&&|\|\||\?|\bwhile\s*\(/.test(line) || /[(,]\s*(?:[\w$]+\.)*$/.test(before);
}

/**
 * A condition or call now consults a safety predicate or an allow flag (`if (isSafe(x))`,
 * `opts.allowEmbeddedKey && …`, `build(url, config.allowAbsoluteUrls)`) that the deleted lines did not.
 */
const SAFETY_WORD = /[Ss]afe|[Aa]llow|[Tt]rust|[Pp]ermit|Forbid|Block|Danger|[Rr]eject/;

export const safetyCheckSignal: ContentSignal = (view) => {
  for (const line of view.added) {
    if (!SAFETY_WORD.test(line)) continue;
    for (const m of line.matchAll(SAFETY_PREDICATE)) {
      if (joined(view.deleted).includes(m[0]) || !consulted(line, m.index!, m[0])) continue;
      return hit('safety-check', 0.5, `a safety check or allow flag is now consulted (${quote(line)})`);
    }
  }
  return null;
};

/** Name parts that say a value was made safe; `unsafe…` is the opposite. */
const SANITISED_PART =
  /(?<![Uu]n)(?:[Ss]aniti[sz]\w*|[Ee]scaped?|[Qq]uoted?|[Ss]afe|[Cc]lean\w*|[Vv]alidated|[Tt]rusted|[Ss]trip\w*)/;
const CALL = new RegExp(`(${IDENT}(?:\\.${IDENT})*)\\s*\\(([^()]*)`, 'g');

/** The calls of some lines with their argument lists: `zip.file(a, b, {` → zip.file, [a, b, {]. */
function callsOf(lines: readonly string[]): { callee: string; args: string[] }[] {
  const calls: { callee: string; args: string[] }[] = [];
  for (const line of lines)
    for (const m of line.matchAll(CALL))
      calls.push({ callee: m[1]!, args: m[2]!.split(',').map((a) => a.trim()) });
  return calls;
}

/** A call whose argument was a raw value and is now a newly named safe one: `file(name, …)` → `file(safeName, …)`. */
function sanitisedArgument(view: HunkView, deleted: Set<string>): SignalHit | null {
  const before = callsOf(view.deleted);
  for (const call of callsOf(view.added)) {
    const old = before.find((b) => b.callee === call.callee && b.args.length === call.args.length);
    if (!old) continue;
    for (const [i, arg] of call.args.entries()) {
      if (
        arg === old.args[i] ||
        !/^[A-Za-z_$][\w$]*$/.test(arg) ||
        deleted.has(arg) ||
        !SANITISED_PART.test(arg)
      )
        continue;
      return hit(
        'sanitised-value',
        0.5,
        `\`${old.args[i]}\` passed to \`${call.callee}\` replaced by \`${arg}\``,
      );
    }
  }
  return null;
}

/**
 * A raw value replaced by its sanitised twin: `run(iface)` → `run(ifaceSanitized)`, `name` → `safeName`, or a
 * call's argument replaced by a newly named safe value (`zip.file(input.fileName, …)` → `zip.file(safeName, …)`).
 */
const NAMES = new RegExp(`\\b${IDENT}\\b`, 'g');

export const sanitisedValueSignal: ContentSignal = (view) => {
  if (view.deleted.length === 0 || view.deleted.length > MAX_PAIRED_LINES) return null;
  // match with a global regex starts from 0 and leaves lastIndex at 0: the shared one keeps no state.
  const deleted = new Set(view.deleted.flatMap((l) => l.match(NAMES) ?? []));
  for (const line of view.added) {
    for (const name of line.match(NAMES) ?? []) {
      if (deleted.has(name) || !SANITISED_PART.test(name)) continue;
      const raw = name.replace(SANITISED_PART, '').replace(/^_+|_+$/g, '');
      const rawName = raw.charAt(0).toLowerCase() + raw.slice(1);
      if (raw.length >= 2 && (deleted.has(raw) || deleted.has(rawName)))
        return hit('sanitised-value', 0.5, `\`${rawName}\` replaced by \`${name}\``);
    }
  }
  return view.added.length > MAX_PAIRED_LINES ? null : sanitisedArgument(view, deleted);
};

/** A string that ends by opening a quote or a call in generated code, followed by a spliced value. */
const SPLICE = /(['"])[^'"]*?(?:\((?:'|")?|=\s*(?:'|")|['"])\1\s*\+\s*[A-Za-z_$(]|`[^`]*['"(]\$\{/;
/** A call that escapes or serialises a value, whatever its prefix: `stringify(`, `escapeId(`, `srcEscape(`, `quoteArg(`. */
const ESCAPER =
  /\b(?:JSON\.)?stringify\s*\(|\b(?:[a-z\d]+(?=[A-Z_]))?_?(?:escape|Escape|quote|Quote|literal|Literal|sanitize|Sanitize|sanitise|Sanitise|toSource|uneval)\w*\s*\(/;
const IDENTIFIER_CHECK =
  /\bis_?(?:Valid)?Identifier\w*\b|\bbareIdentifier\b|\bvalid(?:JavaScript|JS)?Identifier\b|valid JavaScript identifier|\bidentifierRegex\b|\/\^\[(?:a-zA-Z_\$|A-Za-z_\$|\$_a-zA-Z|_\$a-zA-Z)[^/]*\]\*\$\//;

/**
 * A value spliced into generated source: escaped now where it was pasted raw before, or checked to be an
 * identifier before it is pasted. The shape of template and code-generator injection fixes.
 */
export const codeSpliceSignal: ContentSignal = (view) => {
  const spliced = view.deleted.find((l) => SPLICE.test(l));
  const escaped = view.added.find((l) => ESCAPER.test(l));
  if (spliced && escaped)
    return hit('code-splice', 0.55, `a value pasted into generated code is now escaped (${quote(escaped)})`);
  const check = view.added.find((l) => IDENTIFIER_CHECK.test(l));
  if (check)
    return hit('code-splice', 0.5, `a value is checked to be an identifier before use (${quote(check)})`);
  return null;
};

const CONTAINS_ERROR =
  /^\s*try\s*\{|^\s*\}?\s*catch\s*[({]|\.on\(\s*['"]error['"]|\.once\(\s*['"]error['"]|\.catch\s*\(/;

/** An error is now caught or handled where it used to escape: the shape of a crash (DoS) fix. */
export const errorContainmentSignal: ContentSignal = (view) => {
  if (view.deleted.some((l) => CONTAINS_ERROR.test(l))) return null;
  const line = view.added.find((l) => CONTAINS_ERROR.test(l));
  return line ? hit('error-containment', 0.3, `an error is now caught or handled (${quote(line)})`) : null;
};

/** Calls whose arguments reach something dangerous: processes, code, the file system, HTML, queries, regexes. */
const SINK = new RegExp(
  String.raw`\b(?:exec|execSync|execFile|execFileSync|spawn|spawnSync|fork|eval|Function|RegExp|require|import|` +
    String.raw`(?:fs\.)?(?:writeFile|writeFileSync|createWriteStream|unlink|unlinkSync|rm|rmSync|symlink|symlinkSync|rename|renameSync|mkdir|mkdirSync|chmod|chmodSync|open|openSync)|` +
    String.raw`path\.(?:join|resolve)|query|raw|execute|redirect|sendFile|setHeader|writeHead|insertAdjacentHTML|document\.write|(?:buf|buffer|code|source|src|js)\.push)\s*\(([^()]*)`,
  'g',
);
const IDENTS = new RegExp(IDENT, 'g');
const ASSIGNED = new RegExp(`(?:\\b(?:const|let|var)\\s+|^\\s*)(${IDENT})\\s*=(?!=)`, 'g');

/**
 * Data flow inside the hunk: a value the change computes or assigns reaches the argument list of a sink call
 * (process, code, file system, query, regex, HTML, a generated-code buffer) in the hunk's lines.
 */
export const inputToSinkSignal: ContentSignal = (view) => {
  const assigned = new Set<string>();
  for (const line of view.added)
    for (const m of line.matchAll(ASSIGNED)) if (m[1]!.length >= 2) assigned.add(m[1]!);
  if (assigned.size === 0) return null;
  for (const line of [...view.added, ...view.context]) {
    for (const m of line.matchAll(SINK)) {
      const args = (m[1] ?? '').replace(/(['"`])(?:\\.|(?!\1)[^\\])*\1/g, '');
      const used = args.match(IDENTS)?.find((name) => assigned.has(name));
      if (used) return hit('input-to-sink', 0.4, `\`${used}\`, set by the change, reaches ${quote(m[0])}`);
    }
  }
  return null;
};

/** Every shape signal, in report order. */
export const SHAPE_SIGNALS: readonly ContentSignal[] = [
  guardedAccessSignal,
  codeSpliceSignal,
  sanitisedValueSignal,
  limitSignal,
  safetyCheckSignal,
  ownPropertyCheckSignal,
  inputToSinkSignal,
  guardSignal,
  errorContainmentSignal,
];
