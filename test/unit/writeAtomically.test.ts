import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { writeAtomically } from '../../src/writeAtomically.js';

describe('writeAtomically', () => {
  it('creates the folder, writes the text whole and leaves no temp file', () => {
    const root = mkdtempSync(join(tmpdir(), 'hw-atomic-'));
    const path = join(root, 'a', 'b', 'state.json');
    expect(writeAtomically(path, '{"v":1}')).toBe(true);
    expect(readFileSync(path, 'utf8')).toBe('{"v":1}');
    expect(readdirSync(join(root, 'a', 'b'))).toEqual(['state.json']);
  });

  it('replaces an earlier file', () => {
    const root = mkdtempSync(join(tmpdir(), 'hw-atomic-'));
    const path = join(root, 'state.json');
    writeFileSync(path, 'old');
    expect(writeAtomically(path, 'new')).toBe(true);
    expect(readFileSync(path, 'utf8')).toBe('new');
  });

  it('returns false, without throwing, where the folder cannot be made', () => {
    const root = mkdtempSync(join(tmpdir(), 'hw-atomic-'));
    writeFileSync(join(root, 'file'), 'x');
    expect(writeAtomically(join(root, 'file', 'state.json'), 'text')).toBe(false);
  });
});
