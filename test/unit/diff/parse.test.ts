import { describe, expect, test } from 'vitest';
import { hunkHash, parseUnifiedDiff } from '../../../src/diff/parse.js';

const diff = (...lines: string[]) => `${lines.join('\n')}\n`;

describe('parseUnifiedDiff', () => {
  test('numbers every line on its own side (the worked example in types.ts)', () => {
    const [file] = parseUnifiedDiff(
      diff(
        'diff --git a/src/app.ts b/src/app.ts',
        'index 1111111..2222222 100644',
        '--- a/src/app.ts',
        '+++ b/src/app.ts',
        '@@ -10,3 +10,4 @@ function main() {',
        ' a',
        '-b',
        '+c',
        '+d',
        ' e',
      ),
    );
    expect(file).toMatchObject({
      path: 'src/app.ts',
      status: 'modified',
      kind: 'text',
      added: 2,
      deleted: 1,
    });
    expect(file?.oldMode).toBe('100644');
    expect(file?.hunks[0]).toMatchObject({
      oldStart: 10,
      oldLines: 3,
      newStart: 10,
      newLines: 4,
      section: 'function main() {',
    });
    expect(file?.hunks[0]?.lines).toEqual([
      { kind: 'ctx', text: 'a', oldLine: 10, newLine: 10 },
      { kind: 'del', text: 'b', oldLine: 11 },
      { kind: 'add', text: 'c', newLine: 11 },
      { kind: 'add', text: 'd', newLine: 12 },
      { kind: 'ctx', text: 'e', oldLine: 12, newLine: 13 },
    ]);
  });

  test('headers without counts mean one line', () => {
    const [file] = parseUnifiedDiff(
      diff('diff --git a/x b/x', '--- a/x', '+++ b/x', '@@ -3 +3 @@', '-old', '+new'),
    );
    expect(file?.hunks[0]).toMatchObject({ oldStart: 3, oldLines: 1, newStart: 3, newLines: 1, section: '' });
    expect(file?.hunks[0]?.lines).toEqual([
      { kind: 'del', text: 'old', oldLine: 3 },
      { kind: 'add', text: 'new', newLine: 3 },
    ]);
  });

  test('"\\ No newline at end of file" marks the line before it', () => {
    const [file] = parseUnifiedDiff(
      diff(
        'diff --git a/x b/x',
        '--- a/x',
        '+++ b/x',
        '@@ -1,2 +1,2 @@',
        ' a',
        '-b',
        '\\ No newline at end of file',
        '+B',
        '\\ No newline at end of file',
      ),
    );
    expect(file?.hunks[0]?.lines).toEqual([
      { kind: 'ctx', text: 'a', oldLine: 1, newLine: 1 },
      { kind: 'del', text: 'b', oldLine: 2, noEol: true },
      { kind: 'add', text: 'B', newLine: 2, noEol: true },
    ]);
  });

  test('lines that look like headers inside a hunk are content (counts decide)', () => {
    const [file] = parseUnifiedDiff(
      diff(
        'diff --git a/x b/x',
        '--- a/x',
        '+++ b/x',
        '@@ -1,2 +1,2 @@',
        '--- a/y',
        '+++ b/y',
        '-@@ -1 +1 @@',
        '+diff --git',
      ),
    );
    expect(file?.hunks).toHaveLength(1);
    expect(file?.hunks[0]?.lines.map((l) => `${l.kind}:${l.text}`)).toEqual([
      'del:-- a/y',
      'add:++ b/y',
      'del:@@ -1 +1 @@',
      'add:diff --git',
    ]);
  });

  test('CRLF keeps the \\r so the file can be rebuilt byte for byte', () => {
    const [file] = parseUnifiedDiff('diff --git a/w b/w\n--- a/w\n+++ b/w\n@@ -1 +1 @@\n-one\r\n+two\r\n');
    expect(file?.hunks[0]?.lines.map((l) => l.text)).toEqual(['one\r', 'two\r']);
  });

  test('an empty line inside a hunk is empty context (diff.suppressBlankEmpty)', () => {
    const [file] = parseUnifiedDiff(
      diff('diff --git a/x b/x', '--- a/x', '+++ b/x', '@@ -1,3 +1,3 @@', ' a', '', '-b', '+c'),
    );
    expect(file?.hunks[0]?.lines[1]).toEqual({ kind: 'ctx', text: '', oldLine: 2, newLine: 2 });
  });

  test('non-UTF-8 bytes decode as latin1 and keep every byte', () => {
    const bytes = Buffer.concat([
      Buffer.from('diff --git a/l.txt b/l.txt\n--- a/l.txt\n+++ b/l.txt\n@@ -1 +1 @@\n-caf'),
      Buffer.from([0xe9]),
      Buffer.from('\n+cafe\n'),
    ]);
    const [file] = parseUnifiedDiff(bytes);
    expect(file?.encoding).toBe('latin1');
    expect(Buffer.from(file?.hunks[0]?.lines[0]?.text ?? '', 'latin1')).toEqual(
      Buffer.from([0x63, 0x61, 0x66, 0xe9]),
    );
    expect(
      parseUnifiedDiff(Buffer.from('diff --git a/u b/u\n--- a/u\n+++ b/u\n@@ -1 +1 @@\n-é\n+è\n'))[0]
        ?.encoding,
    ).toBe('utf8');
  });

  test('binary files have no hunks', () => {
    const [file] = parseUnifiedDiff(
      diff(
        'diff --git a/img.png b/img.png',
        'index 1111111..2222222 100644',
        'Binary files a/img.png and b/img.png differ',
      ),
    );
    expect(file).toMatchObject({
      path: 'img.png',
      kind: 'binary',
      status: 'modified',
      hunks: [],
      added: 0,
      deleted: 0,
    });
  });

  test('a submodule pointer change is a one-line hunk of kind submodule', () => {
    const [file] = parseUnifiedDiff(
      diff(
        'diff --git a/vendor/lib b/vendor/lib',
        'index 1111111..2222222 160000',
        '--- a/vendor/lib',
        '+++ b/vendor/lib',
        '@@ -1 +1 @@',
        '-Subproject commit 1111111111111111111111111111111111111111',
        '+Subproject commit 2222222222222222222222222222222222222222',
      ),
    );
    expect(file).toMatchObject({
      kind: 'submodule',
      oldMode: '160000',
      newMode: '160000',
      added: 1,
      deleted: 1,
    });
  });

  test('a new symlink holds its target without a newline', () => {
    const [file] = parseUnifiedDiff(
      diff(
        'diff --git a/link b/link',
        'new file mode 120000',
        'index 0000000..1111111',
        '--- /dev/null',
        '+++ b/link',
        '@@ -0,0 +1 @@',
        '+target.txt',
        '\\ No newline at end of file',
      ),
    );
    expect(file).toMatchObject({
      status: 'added',
      kind: 'symlink',
      oldPath: null,
      newPath: 'link',
      newMode: '120000',
    });
    expect(file?.hunks[0]).toMatchObject({ oldStart: 0, oldLines: 0, newStart: 1, newLines: 1 });
    expect(file?.hunks[0]?.lines).toEqual([{ kind: 'add', text: 'target.txt', newLine: 1, noEol: true }]);
  });

  test('a file turned into a symlink is one typechange file with both hunks', () => {
    const files = parseUnifiedDiff(
      diff(
        'diff --git a/t b/t',
        'deleted file mode 100644',
        'index 1111111..0000000',
        '--- a/t',
        '+++ /dev/null',
        '@@ -1 +0,0 @@',
        '-hello',
        'diff --git a/t b/t',
        'new file mode 120000',
        'index 0000000..2222222',
        '--- /dev/null',
        '+++ b/t',
        '@@ -0,0 +1 @@',
        '+g.txt',
        '\\ No newline at end of file',
      ),
    );
    expect(files).toHaveLength(1);
    expect(files[0]).toMatchObject({
      status: 'typechange',
      kind: 'symlink',
      oldPath: 't',
      newPath: 't',
      oldMode: '100644',
      newMode: '120000',
    });
    expect(files[0]?.hunks.map((h) => h.lines.map((l) => l.kind))).toEqual([['del'], ['add']]);
  });

  test('mode-only change: modes set, no hunks', () => {
    const [file] = parseUnifiedDiff(
      diff('diff --git a/run me.sh b/run me.sh', 'old mode 100644', 'new mode 100755'),
    );
    expect(file).toMatchObject({
      path: 'run me.sh',
      oldPath: 'run me.sh',
      status: 'modified',
      oldMode: '100644',
      newMode: '100755',
      hunks: [],
    });
  });

  test('renames and copies, with and without edits', () => {
    const files = parseUnifiedDiff(
      diff(
        'diff --git a/old.txt b/new.txt',
        'similarity index 100%',
        'rename from old.txt',
        'rename to new.txt',
        'diff --git a/a.txt b/b.txt',
        'similarity index 86%',
        'copy from a.txt',
        'copy to b.txt',
        'index 1111111..2222222 100644',
        '--- a/a.txt',
        '+++ b/b.txt',
        '@@ -1 +1 @@',
        '-x',
        '+y',
      ),
    );
    expect(files.map((f) => [f.status, f.oldPath, f.newPath, f.similarity, f.hunks.length])).toEqual([
      ['renamed', 'old.txt', 'new.txt', 100, 0],
      ['copied', 'a.txt', 'b.txt', 86, 1],
    ]);
    expect(files[1]?.hunks[0]?.file).toBe('b.txt');
  });

  test('empty files added and deleted have no hunks', () => {
    const files = parseUnifiedDiff(
      diff(
        'diff --git a/empty b/empty',
        'new file mode 100644',
        'index 0000000..e69de29',
        'diff --git a/gone b/gone',
        'deleted file mode 100644',
        'index e69de29..0000000',
      ),
    );
    expect(files.map((f) => [f.status, f.oldPath, f.newPath, f.path, f.hunks.length])).toEqual([
      ['added', null, 'empty', 'empty', 0],
      ['deleted', 'gone', null, 'gone', 0],
    ]);
  });

  test('quoted paths with escapes, quotes, unicode and newlines', () => {
    const files = parseUnifiedDiff(
      diff(
        'diff --git "a/nl\\nname" "b/nl\\nname"',
        'new file mode 100644',
        '--- /dev/null',
        '+++ "b/nl\\nname"',
        '@@ -0,0 +1 @@',
        '+x',
        'diff --git "a/q\\"t\\303\\274.txt" "b/q\\"t\\303\\274.txt"',
        'old mode 100644',
        'new mode 100755',
        'diff --git a/with space.txt b/with space.txt',
        '--- a/with space.txt\t',
        '+++ b/with space.txt\t',
        '@@ -1 +1 @@',
        '-a',
        '+b',
      ),
    );
    expect(files.map((f) => f.path)).toEqual(['nl\nname', 'q"tü.txt', 'with space.txt']);
  });

  test('empty and odd input never throws', () => {
    expect(parseUnifiedDiff('')).toEqual([]);
    expect(parseUnifiedDiff('not a diff at all\n')).toEqual([]);
    const [truncated] = parseUnifiedDiff(
      diff('diff --git a/x b/x', '--- a/x', '+++ b/x', '@@ -1,5 +1,5 @@', ' a', '-b'),
    );
    expect(truncated?.hunks[0]).toMatchObject({ oldLines: 2, newLines: 1 });
    const [garbage] = parseUnifiedDiff(
      diff('diff --git a/x b/x', '@@ nonsense @@', '@@ -1 +1 @@', '?', '+ok'),
    );
    expect(garbage?.hunks).toHaveLength(1);
    expect(garbage?.hunks[0]?.lines).toEqual([]);
  });
});

describe('hunkHash', () => {
  const lines = [
    { kind: 'ctx' as const, text: 'a', oldLine: 1, newLine: 1 },
    { kind: 'add' as const, text: 'b', newLine: 2 },
  ];
  test('depends on path and content, not on line numbers', () => {
    const moved = [
      { kind: 'ctx' as const, text: 'a', oldLine: 40, newLine: 41 },
      { kind: 'add' as const, text: 'b', newLine: 42 },
    ];
    expect(hunkHash('f.ts', lines)).toBe(hunkHash('f.ts', moved));
    expect(hunkHash('f.ts', lines)).toMatch(/^[0-9a-f]{24}$/);
    expect(hunkHash('g.ts', lines)).not.toBe(hunkHash('f.ts', lines));
    expect(hunkHash('f.ts', [lines[0]!, { kind: 'del', text: 'b', oldLine: 2 }])).not.toBe(
      hunkHash('f.ts', lines),
    );
    expect(hunkHash('f.ts', [lines[0]!, { kind: 'add', text: 'b', newLine: 2, noEol: true }])).not.toBe(
      hunkHash('f.ts', lines),
    );
  });
});
