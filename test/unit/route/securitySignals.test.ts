import { describe, expect, test } from 'vitest';
import {
  authSignal,
  bufferBoundsSignal,
  CONTEXT_WEIGHT,
  type ContentSignal,
  codeGenerationSignal,
  controlCharSignal,
  cryptoSignal,
  deserialisationSignal,
  dynamicCodeSignal,
  encodingSignal,
  fsPathSignal,
  htmlSignal,
  inputValidationSignal,
  jsonParseSignal,
  parsingInputSignal,
  pathTraversalSignal,
  permissionsSignal,
  processExecSignal,
  prototypePollutionSignal,
  randomnessSignal,
  redirectUrlSignal,
  regexSignal,
  rejectsInputSignal,
  resourceLimitSignal,
  securityVocabularySignal,
  sessionSignal,
  sqlSignal,
  untrustedInputSignal,
  viewOf,
} from '../../../src/route/securitySignals.js';
import { makeHunk } from './diffBuilders.js';

const changed = (...lines: string[]) =>
  viewOf(
    makeHunk(
      'src/x.js',
      lines.map((l) => `+${l}`),
    ),
  );
const around = (...lines: string[]) =>
  viewOf(makeHunk('src/x.js', [...lines.map((l) => ` ${l}`), '+x = 1;']));

interface Case {
  name: string;
  signal: ContentSignal;
  fires: string;
  quiet: string;
}

const cases: Case[] = [
  {
    name: 'auth',
    signal: authSignal,
    fires: 'if (!user.isAdmin) return res.status(403).send(unauthorized)',
    quiet: 'const author = pkg.author',
  },
  {
    name: 'crypto',
    signal: cryptoSignal,
    fires: "const h = crypto.createHash('sha1')",
    quiet: 'const hash = {}; // a map',
  },
  {
    name: 'crypto: TLS certificate checks',
    signal: cryptoSignal,
    fires: 'options.rejectUnauthorized = opts.rejectUnauthorized === false ? false : true;',
    quiet: 'options.rejectEmpty = opts.rejectEmpty;',
  },
  {
    name: 'randomness',
    signal: randomnessSignal,
    fires: 'const id = Math.random().toString(36)',
    quiet: 'const size = list.length',
  },
  {
    name: 'session',
    signal: sessionSignal,
    fires: "res.setHeader('Set-Cookie', cookie.serialize('sid', id))",
    quiet: 'const cook = oven.bake()',
  },
  {
    name: 'process-exec',
    signal: processExecSignal,
    fires: "execSync('git clone ' + url)",
    quiet: 'const m = pattern.exec(line)',
  },
  {
    name: 'process-exec spawn',
    signal: processExecSignal,
    fires: "child.spawn('sh', ['-c', cmd])",
    quiet: 'const spawned = false',
  },
  {
    name: 'dynamic-code',
    signal: dynamicCodeSignal,
    fires: 'const fn = new Function("a", body)',
    quiet: 'function evaluate(a) {}',
  },
  {
    name: 'dynamic-code eval',
    signal: dynamicCodeSignal,
    fires: 'return eval(expr)',
    quiet: 'return model.evaluate(expr)',
  },
  {
    name: 'deserialisation',
    signal: deserialisationSignal,
    fires: 'const cfg = yaml.load(text)',
    quiet: 'const cfg = loadConfig(text)',
  },
  {
    name: 'json-parse',
    signal: jsonParseSignal,
    fires: 'const body = JSON.parse(raw)',
    quiet: 'const out = JSON.stringify(raw)',
  },
  {
    name: 'prototype-pollution',
    signal: prototypePollutionSignal,
    fires: "if (key === '__proto__') continue",
    quiet: 'obj.key = value',
  },
  {
    name: 'prototype-pollution literal',
    signal: prototypePollutionSignal,
    fires: "const banned = ['constructor', 'prototype']",
    quiet: 'class A { constructor() {} }',
  },
  {
    name: 'sql',
    signal: sqlSignal,
    fires: 'db.query(`SELECT * FROM users WHERE id = ${id}`)',
    quiet: "const label = 'Select a user'",
  },
  {
    name: 'html',
    signal: htmlSignal,
    fires: "el.innerHTML = '<b>' + name + '</b>'",
    quiet: 'el.textContent = name',
  },
  {
    name: 'encoding',
    signal: encodingSignal,
    fires: 'return decodeURIComponent(value)',
    quiet: 'return decodeBase(value)',
  },
  {
    name: 'control-chars',
    signal: controlCharSignal,
    fires: 'const BAD = /[\\r\\n]/',
    quiet: "lines.join('\\n')",
  },
  {
    name: 'redirect-url',
    signal: redirectUrlSignal,
    fires: 'res.redirect(req.query.next)',
    quiet: 'res.render(view)',
  },
  {
    name: 'path-traversal',
    signal: pathTraversalSignal,
    fires: "if (name.includes('..')) throw err",
    quiet: "const utils = require('../utils')",
  },
  {
    name: 'fs-path',
    signal: fsPathSignal,
    fires: 'const file = path.join(root, name)',
    quiet: 'const joined = parts.join("/")',
  },
  {
    name: 'permissions',
    signal: permissionsSignal,
    fires: 'fs.chmodSync(file, 0o777)',
    quiet: 'const mode = "dark"',
  },
  {
    name: 'input-validation',
    signal: inputValidationSignal,
    fires: "if (typeof size !== 'number') throw new TypeError('size')",
    quiet: 'size = size + 1',
  },
  {
    name: 'input-validation: the type of an element or property',
    signal: inputValidationSignal,
    fires: '(typeof payload[0] === "string" || typeof payload[0] === "number"));',
    quiet: 'return payload[0] === "string";',
  },
  {
    name: 'input-parsing',
    signal: parsingInputSignal,
    fires: 'const parts = header.split(";")',
    quiet: 'const parts = list.slice(1)',
  },
  {
    name: 'untrusted-input',
    signal: untrustedInputSignal,
    fires: 'const page = req.query.page',
    quiet: 'const page = state.page',
  },
  {
    name: 'buffer-bounds',
    signal: bufferBoundsSignal,
    fires: 'const buf = Buffer.allocUnsafe(size)',
    quiet: 'const list = new Array(size)',
  },
  {
    name: 'code-generation',
    signal: codeGenerationSignal,
    fires: "src += '  var ' + opts.name + ' = __append;'",
    quiet: "msg = 'Hello, ' + user.name",
  },
  {
    name: 'rejects-input',
    signal: rejectsInputSignal,
    fires: "throw new Error('name is not a valid identifier')",
    quiet: "throw new Error('connection closed')",
  },
  {
    name: 'resource-limits',
    signal: resourceLimitSignal,
    fires: 'if (depth > maxDepth) throw new RangeError()',
    quiet: 'const width = 80',
  },
  {
    name: 'security-words',
    signal: securityVocabularySignal,
    fires: '// prevent prototype pollution',
    quiet: '// sort the keys',
  },
];

describe('content signals', () => {
  test.for(cases)('$name fires on a changed line at full weight', ({ signal, fires }) => {
    const hit = signal(changed(fires));
    expect(hit).not.toBeNull();
    expect(hit!.score).toBeGreaterThan(0);
    expect(hit!.detail).toContain('changed lines');
  });

  test.for(cases)('$name stays quiet on ordinary code', ({ signal, quiet }) => {
    expect(signal(changed(quiet))).toBeNull();
  });

  test.for(cases)('$name counts less when only the context matches', ({ signal, fires }) => {
    const full = signal(changed(fires))!;
    const context = signal(around(fires));
    expect(context?.score).toBeCloseTo(full.score * CONTEXT_WEIGHT);
    expect(context?.detail).toContain('surrounding code');
  });

  test('the section header counts as context', () => {
    const view = viewOf(
      makeHunk('src/a.js', ['+x = 1'], { section: 'function decodeURIComponentSafe(input) {' }),
    );
    expect(view.context).toContain('function decodeURIComponentSafe(input) {');
  });
});

describe('regexSignal', () => {
  test('a ReDoS-shaped regex in a deleted line scores highest', () => {
    const view = viewOf(makeHunk('a.js', ["-s = s.replace(/ +$/, '')", '+s = trimEnd(s)']));
    expect(regexSignal(view)).toMatchObject({ signal: 'regex', score: 0.6 });
    expect(regexSignal(view)!.detail).toContain('unanchored quantifier');
  });

  test('changed matching rules reach the default threshold alone, a new regex does not', () => {
    const modified = regexSignal(viewOf(makeHunk('a.js', ['-const RE = /[a-z]/', '+const RE = /[a-z0-9]/'])));
    const added = regexSignal(viewOf(makeHunk('a.js', ['+const RE = /[a-z]/'])));
    expect(modified!.score).toBe(0.5);
    expect(added!.score).toBe(0.25);
  });

  test('a regex replaced by string code is the shape of a ReDoS fix', () => {
    const view = viewOf(
      makeHunk('a.js', [
        '-protocol = protocol.trim().split(/ *, */);',
        "+protocol = protocol.split(',').map(trim);",
      ]),
    );
    expect(regexSignal(view)).toMatchObject({
      score: 0.6,
      detail: 'a regular expression was replaced by string code',
    });
  });

  test('a quantifier bounded is the shape of a ReDoS fix', () => {
    const view = viewOf(
      makeHunk('a.js', ['-const NAME = /^[a-z][a-z0-9-]+$/', '+const NAME = /^[a-z][a-z0-9-]{0,63}$/']),
    );
    expect(regexSignal(view)).toMatchObject({ score: 0.6, detail: 'a regex quantifier was bounded' });
  });

  test('regex syntax interpolated with values is judged higher than a regex built from a variable', () => {
    const interpolated = regexSignal(viewOf(makeHunk('a.js', ['+parts.push(`(${sep}|(?:(?!${sep}).)*)`)'])));
    const built = regexSignal(viewOf(makeHunk('a.js', ['+const re = new RegExp(pattern, flags)'])));
    expect(interpolated!.score).toBe(0.5);
    expect(built!.score).toBe(0.45);
  });

  test('division and comments are not regexes', () => {
    expect(
      regexSignal(viewOf(makeHunk('a.js', ['+const half = total / 2 / count', '+// see https://x.y/z']))),
    ).toBeNull();
  });
});

describe('what the signals no longer mistake for danger', () => {
  test.for([
    [
      'a transpiler marking an ES module',
      'Object.defineProperty(exports, "__esModule", { value: true });',
      prototypePollutionSignal,
    ],
    [
      'Object.assign merging options',
      'const opts = Object.assign({}, defaults, options)',
      prototypePollutionSignal,
    ],
    ['digits inside a phone-number regex', 'const re = /^(\\+?0053)?[0-9]{8}$/', permissionsSignal],
    ['alternatives in a regex', "'ar-EG': /^((\\+?20)|0)?1[0125]\\d{8}$/,", inputValidationSignal],
  ] as const)('%s', ([, line, signal]) => {
    expect(signal(changed(line))).toBeNull();
  });

  test.for([
    ['a file mode', 'fs.writeFileSync(file, data, { mode: 0o600 })', permissionsSignal],
    ['a coercion to an integer', 'const n = value | 0', inputValidationSignal],
    ['a prototype-less dictionary', 'const seen = Object.create(null)', prototypePollutionSignal],
  ] as const)('still fires on %s', ([, line, signal]) => {
    expect(signal(changed(line))).not.toBeNull();
  });
});

describe('vocabulary and sinks learnt from real fixes', () => {
  test.for([
    ['NoSQL code operators', "if (match.$where != null) throw new Error('no $where')", sqlSignal],
    ['JWT algorithms', "if (!options.algorithms) throw new Error('algorithms should be set')", cryptoSignal],
    ['hard links on extraction', "if (self.type === 'File' && current.nlink > 1) {", pathTraversalSignal],
    ['HTML produced by a replacement', 'return html.replace(rxhtmlTag, "<$1></$2>");', htmlSignal],
    [
      'a resource exhaustion error code',
      "onError(token, 'RESOURCE_EXHAUSTION', message);",
      securityVocabularySignal,
    ],
    [
      'code execution in a comment',
      '// Avoid code execution in load() via toString property',
      securityVocabularySignal,
    ],
    [
      'a with-block spliced into template source',
      "source = 'with(obj||{}){\\n' + source + '}\\n';",
      codeGenerationSignal,
    ],
  ] as const)('%s', ([, line, signal]) => {
    expect(signal(changed(line))).not.toBeNull();
  });

  test('a rejection whose message sits on the line after the throw', () => {
    const view = changed(
      'throw new Error(',
      "  'The templateName parameter must be a valid JavaScript identifier.'",
    );
    expect(rejectsInputSignal(view)).toMatchObject({ signal: 'rejects-input', score: 0.35 });
  });
});
