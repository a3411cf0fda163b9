import { describe, expect, test } from 'vitest';
import { codeRole, ROLE_WEIGHT, roleSignal, rolesOf, wordsOf } from '../../../src/route/fileRole.js';
import { viewOf } from '../../../src/route/securitySignals.js';
import { makeHunk } from './diffBuilders.js';

describe('wordsOf', () => {
  test.for([
    ['lib/getWifiNetworkList.js', ['lib', 'get', 'wifi', 'network', 'list', 'js']],
    ['dist/compose/compose-node.js', ['dist', 'compose', 'compose', 'node', 'js']],
    ['JSONParser', ['json', 'parser']],
    ['storeMappingPair', ['store', 'mapping', 'pair']],
  ] as const)('%s', ([text, words]) => {
    expect(wordsOf(text)).toEqual(words);
  });
});

describe('code roles', () => {
  test.for([
    ['package/lib/js-yaml/loader.js', 'loader'],
    ['package/lib/compiler/javascript-compiler.js', 'code-generation'],
    ['package/dist/commonjs/unpack.js', 'archive-or-path'],
    ['package/lib/jws/verify.js', 'crypto'],
    ['package/lib/websocket-server.js', 'network'],
    ['package/lib/child-process-helper.js', 'process'],
    ['package/lib/deep-extend.js', 'object-merge'],
    ['package/src/tokenizer.ts', 'parser'],
  ] as const)('%s is %s code', ([path, role]) => {
    expect(codeRole(viewOf(makeHunk(path, ['+x = 1']))))?.toMatchObject({ role, where: 'path' });
  });

  test('the enclosing function names the role when the path does not', () => {
    const hunk = makeHunk('package/index.js', ['+x = 1'], { section: 'function parseHeader(value) {' });
    expect(codeRole(viewOf(hunk))).toMatchObject({ role: 'parser', word: 'parse', where: 'code' });
  });

  test('the package folder and the extension name no role', () => {
    expect(codeRole(viewOf(makeHunk('package/index.js', ['+x = 1'])))).toBeNull();
    expect(codeRole(viewOf(makeHunk('src/list.js', ['+x = 1'])))).toBeNull();
  });

  test('everyday words name no role', () => {
    expect(rolesOf(['list', 'color', 'format', 'utils', 'index'])).toEqual([]);
  });

  test('a role alone stays below the escalation threshold', () => {
    const hit = roleSignal(viewOf(makeHunk('lib/parser.js', ['+x = 1'])));
    expect(hit).toMatchObject({ signal: 'code-role', score: ROLE_WEIGHT });
    expect(ROLE_WEIGHT).toBeLessThan(0.5);
    expect(hit!.detail).toBe('parser code (`parser` in its path)');
  });
});
