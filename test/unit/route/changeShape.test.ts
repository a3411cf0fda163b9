// Each change-shape signal on the shape it names (taken from real fixes) and on everyday code that looks alike.
import { describe, expect, test } from 'vitest';
import {
  codeSpliceSignal,
  errorContainmentSignal,
  guardedAccessSignal,
  guardSignal,
  inputToSinkSignal,
  limitSignal,
  ownPropertyCheckSignal,
  SHAPE_SIGNALS,
  safetyCheckSignal,
  sanitisedValueSignal,
} from '../../../src/route/changeShape.js';
import type { ContentSignal } from '../../../src/route/securitySignals.js';
import { viewOf } from '../../../src/route/securitySignals.js';
import { makeHunk } from './diffBuilders.js';

const view = (...lines: string[]) => viewOf(makeHunk('src/x.js', lines));

interface Case {
  name: string;
  signal: ContentSignal;
  id: string;
  fires: string[];
  quiet: string[];
}

const cases: Case[] = [
  {
    name: 'a computed property read moved behind a helper',
    signal: guardedAccessSignal,
    id: 'guarded-access',
    fires: ['-  var objValue = object[key],', '+  var objValue = safeGet(object, key),'],
    quiet: ['-  var objValue = object[key],', '+  var objValue = object[key] || fallback,'],
  },
  {
    name: 'a computed property write moved behind a helper',
    signal: guardedAccessSignal,
    id: 'guarded-access',
    fires: ['-      destination[key] = source[key];', '+      setProperty(destination, key, source[key]);'],
    quiet: ['-      destination[key] = source[key];', '+      destination[key] = clone(source[key]);'],
  },
  {
    name: 'an own-property check added',
    signal: ownPropertyCheckSignal,
    id: 'own-property',
    fires: ['+    } else if (!extensions.hasOwnProperty(token)) {', '+      return;'],
    quiet: ['-    if (map.hasOwnProperty(k)) {', '+    if (map.hasOwnProperty(k) && k) {'],
  },
  {
    name: 'a limit lowered',
    signal: limitSignal,
    id: 'limit',
    fires: ['-  MAX_LENGTH: 1024 * 64,', '+  MAX_LENGTH: 10000,'],
    quiet: ['-  width: 80,', '+  width: 100,'],
  },
  {
    name: 'a limit enforced',
    signal: limitSignal,
    id: 'limit',
    fires: ['+      if (estimated > config.maxContentLength) {', '+        return reject(tooBig());'],
    quiet: ['+      if (estimated > config.threshold) {', '+        return log(estimated);'],
  },
  {
    name: 'a guard added in front of a use',
    signal: guardSignal,
    id: 'guard',
    fires: [
      '+    if (utils.specialProperties.has(sub)) {',
      "+      throw new Error('Cannot set special property');",
      '+    }',
    ],
    quiet: ['+    if (verbose) {', "+      console.log('done');", '+    }'],
  },
  {
    name: 'an allow flag now consulted',
    signal: safetyCheckSignal,
    id: 'safety-check',
    fires: ['-  if (sig.header.jwk) {', '+  if (opts.allowEmbeddedKey && sig.header.jwk) {'],
    quiet: ['+  allowEmbeddedKey: false,', '+function helper(o, allowArrayLike) {'],
  },
  {
    name: 'a safety predicate now consulted',
    signal: safetyCheckSignal,
    id: 'safety-check',
    fires: [
      '-  if (evaluated === undefined) {',
      '+  if (evaluated === undefined && regexp_is_safe(this.value.source)) {',
    ],
    quiet: ['-  if (isSafe(x)) {', '+  if (isSafe(x) && y) {'],
  },
  {
    name: 'a raw value swapped for its sanitised twin',
    signal: sanitisedValueSignal,
    id: 'sanitised-value',
    fires: [
      '-  const res = getWifiNetworkListIw(iface);',
      '+  const res = getWifiNetworkListIw(ifaceSanitized);',
    ],
    quiet: ['-  const res = list(iface);', '+  const res = list(ifaceName);'],
  },
  {
    name: 'a call argument replaced by a newly named safe value',
    signal: sanitisedValueSignal,
    id: 'sanitised-value',
    fires: [
      '-    zip.file(input.fileNameStr, input.decompressed, {',
      '+    var safeName = utils.resolve(input.fileNameStr);',
      '+    zip.file(safeName, input.decompressed, {',
    ],
    quiet: [
      '-    zip.file(input.fileNameStr, input.decompressed, {',
      '+    var unsafeName = input.fileNameStr;',
      '+    zip.file(unsafeName, input.decompressed, {',
    ],
  },
  {
    name: 'a value escaped by a prefixed escaper before it is pasted into a code template',
    signal: codeSpliceSignal,
    id: 'code-splice',
    fires: [
      "-      return `packet.parseDate('${timezone}')`;",
      '+      return `packet.parseDate(${helpers.srcEscape(timezone)})`;',
    ],
    quiet: [
      "-      return `packet.parseDate('${timezone}')`;",
      "+      return `packet.parseDate('${zone}')`;",
    ],
  },
  {
    name: 'a value escaped before it is pasted into generated code',
    signal: codeSpliceSignal,
    id: 'code-splice',
    fires: [
      `-  "pug_indent.push('" + Array(this.indents + 1).join(this.pp) + "');"`,
      '+  "pug_indent.push(" + stringify(Array(this.indents + 1).join(this.pp)) + ");"',
    ],
    quiet: ["-  msg = 'Hello ' + name", "+  msg = 'Hi ' + name"],
  },
  {
    name: 'an identifier check before a value is pasted into code',
    signal: codeSpliceSignal,
    id: 'code-splice',
    fires: ['+    if (!bareIdentifier.test(argument)) throw new Error(argument);'],
    quiet: ['+    if (!argument) throw new Error(argument);'],
  },
  {
    name: 'an error contained where it used to crash',
    signal: errorContainmentSignal,
    id: 'error-containment',
    fires: ['+  socket.on("error", (e) => debug(e.message));', '   return socket.end();'],
    quiet: ['-  } catch (e) {', '+  } catch (err) {'],
  },
  {
    name: 'a value the change sets reaching a sink',
    signal: inputToSinkSignal,
    id: 'input-to-sink',
    fires: ['+  const target = path.join(dir, name);', '   fs.writeFileSync(target, data);'],
    quiet: ["+  const xpath = require('xpath');", '+  const list = [];', '   list.push(xpath);'],
  },
];

describe('change shapes', () => {
  test.for(cases)('$name fires', ({ signal, id, fires }) => {
    const hit = signal(view(...fires));
    expect(hit?.signal).toBe(id);
    expect(hit!.score).toBeGreaterThan(0);
    expect(hit!.detail.length).toBeGreaterThan(10);
  });

  test.for(cases)('$name stays quiet on look-alike everyday code', ({ signal, quiet }) => {
    expect(signal(view(...quiet))).toBeNull();
  });

  test('every shape signal is registered once', () => {
    expect(new Set(SHAPE_SIGNALS).size).toBe(SHAPE_SIGNALS.length);
    for (const c of cases) expect(SHAPE_SIGNALS).toContain(c.signal);
  });

  test('a guard alone does not reach the escalation threshold', () => {
    const hit = guardSignal(view('+  if (!input) {', '+    return null;', '+  }'));
    expect(hit!.score).toBeLessThan(0.5);
  });

  test('a changed condition in front of an unchanged rejection is a guard', () => {
    const hit = guardSignal(
      view(
        '-  if (currentType !== self.type) {',
        '+  if (currentType !== self.type || current.nlink > 1) {',
        "     return cb(new Error('exists'))",
      ),
    );
    expect(hit?.detail).toContain('condition of a guard was changed');
  });
});
