import { describe, expect, test } from 'vitest';
import { BLOCK_END, BLOCK_START, hookBlock } from '../../../src/hook/hookScript.js';
import { planHookFile } from '../../../src/hook/mergeHook.js';

const block = hookBlock();

describe('planHookFile', () => {
  test('no file: the block alone', () => {
    expect(planHookFile(null)).toEqual({ text: block, action: 'created', exitBeforeBlock: false });
    expect(planHookFile('  \n').action).toBe('created');
  });

  test("appends after the user's lines, which stay byte for byte", () => {
    const mine = 'npx lint-staged\nnpm test';
    const plan = planHookFile(`${mine}\n`);
    expect(plan.action).toBe('added');
    expect(plan.text).toBe(`${mine}\n\n${block}`);
    expect(plan.text.startsWith(`${mine}\n`)).toBe(true);
  });

  test('idempotent: a second run changes nothing', () => {
    const once = planHookFile('npx lint-staged\n').text;
    const twice = planHookFile(once);
    expect(twice.action).toBe('unchanged');
    expect(twice.text).toBe(once);
  });

  test('an old block is replaced in place; lines before and after it are kept', () => {
    const old = `echo before\n${BLOCK_START}\nnpx review --staged\n${BLOCK_END}\necho after\n`;
    const plan = planHookFile(old);
    expect(plan.action).toBe('updated');
    expect(plan.text).toBe(`echo before\n${block}echo after\n`);
    expect(planHookFile(plan.text).action).toBe('unchanged');
  });

  test('exactly one block, even when the user edited inside it', () => {
    const edited = planHookFile(null).text.replace('--staged --hook', '--staged --hook --verbose');
    const plan = planHookFile(`#!/bin/sh\n${edited}`);
    expect(plan.action).toBe('updated');
    expect(plan.text.split(BLOCK_START)).toHaveLength(2);
  });

  test('CRLF files stay CRLF', () => {
    const plan = planHookFile('npx lint-staged\r\n');
    expect(plan.text.startsWith('npx lint-staged\r\n\r\n# >>> hunkwise >>>\r\n')).toBe(true);
    expect(plan.text.replaceAll('\r\n', '')).not.toContain('\n');
    expect(planHookFile(plan.text).action).toBe('unchanged');
  });

  test('a file without a final newline gets the block on its own lines', () => {
    expect(planHookFile('npm test').text).toBe(`npm test\n\n${block}`);
  });

  test('an unterminated block marker is left alone and a full block appended', () => {
    const plan = planHookFile(`${BLOCK_START}\necho half\n`);
    expect(plan.action).toBe('added');
    expect(plan.text.startsWith(`${BLOCK_START}\necho half\n`)).toBe(true);
  });

  test('warns when a top-level exit would stop the script before the block', () => {
    expect(planHookFile('npm test\nexit 0\n').exitBeforeBlock).toBe(true);
    expect(planHookFile('if x; then\n  exit 1\nfi\n').exitBeforeBlock).toBe(false);
  });
});

describe('hookBlock', () => {
  test('runs the staged review in hook mode, honours REVIEW_SKIP, and only blocks on policy codes', () => {
    expect(block.startsWith(`${BLOCK_START}\n`)).toBe(true);
    expect(block.endsWith(`${BLOCK_END}\n`)).toBe(true);
    expect(block).toContain('--staged --hook');
    expect(block).toContain('"${REVIEW_SKIP:-}" = "1"');
    expect(block).toContain('1 | 5 | 130) exit "$hunkwise_code"');
    expect(block).toContain('npx --no-install hunkwise --staged --hook');
  });

  test('never stashes or writes the working tree', () => {
    expect(block).not.toMatch(/git (stash|checkout|reset|add|restore)/);
  });
});
