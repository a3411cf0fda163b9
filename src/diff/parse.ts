// Unified diff text (git's `diff --git` format) → FileDiff[] with hunks. Pure and total: odd input
// yields what can be read, never an exception. @see https://git-scm.com/docs/diff-format
import { isUtf8 } from 'node:buffer';
import { createHash } from 'node:crypto';
import type { DiffLine, FileDiff, FileKind, FileStatus, Hunk } from '../types.js';

/** What a `diff --git` section's header lines say about the file. */
export interface SectionHeader {
  oldPath: string | null;
  newPath: string | null;
  oldMode: string | null;
  newMode: string | null;
  status: FileStatus;
  similarity: number | null;
  binary: boolean;
}

export interface ParsedSection {
  header: SectionHeader;
  hunks: Hunk[];
}

const HUNK_HEADER = /^@@ -(\d+)(?:,(\d+))? \+(\d+)(?:,(\d+))? @@ ?(.*)$/;
const HASH_LENGTH = 24;

/** Decodes a file's patch bytes: UTF-8 when valid, otherwise latin1 so that every byte survives. */
export function decodePatch(bytes: Buffer): { text: string; encoding: 'utf8' | 'latin1' } {
  return isUtf8(bytes)
    ? { text: bytes.toString('utf8'), encoding: 'utf8' }
    : { text: bytes.toString('latin1'), encoding: 'latin1' };
}

/** Parses one `diff --git` section. `file` names the hunks; when null the header's path is used. */
export function parseSection(text: string, file: string | null = null): ParsedSection {
  const lines = text.split('\n');
  if (lines.at(-1) === '') lines.pop();
  const { header, next } = parseHeader(lines);
  const path = file ?? header.newPath ?? header.oldPath ?? '';
  return { header, hunks: parseHunks(lines, next, path) };
}

function parseHeader(lines: string[]): { header: SectionHeader; next: number } {
  const header: SectionHeader = {
    oldPath: null,
    newPath: null,
    oldMode: null,
    newMode: null,
    status: 'modified',
    similarity: null,
    binary: false,
  };
  const first = lines[0] ?? '';
  if (first.startsWith('diff --git ')) Object.assign(header, pathsFromGitLine(first.slice(11)));
  let i = 1;
  for (; i < lines.length; i++) {
    const line = lines[i] ?? '';
    if (line.startsWith('@@')) break;
    readHeaderLine(header, line);
  }
  if (header.status === 'added') header.oldPath = null;
  if (header.status === 'deleted') header.newPath = null;
  return { header, next: i };
}

function readHeaderLine(header: SectionHeader, line: string): void {
  const value = (prefix: string) => line.slice(prefix.length);
  if (line.startsWith('new file mode ')) {
    header.status = 'added';
    header.newMode = value('new file mode ');
  } else if (line.startsWith('deleted file mode ')) {
    header.status = 'deleted';
    header.oldMode = value('deleted file mode ');
  } else if (line.startsWith('old mode ')) header.oldMode = value('old mode ');
  else if (line.startsWith('new mode ')) header.newMode = value('new mode ');
  else if (line.startsWith('similarity index '))
    header.similarity = Number.parseInt(value('similarity index '), 10);
  else if (line.startsWith('rename from '))
    Object.assign(header, { status: 'renamed', oldPath: unquote(value('rename from ')) });
  else if (line.startsWith('rename to ')) header.newPath = unquote(value('rename to '));
  else if (line.startsWith('copy from '))
    Object.assign(header, { status: 'copied', oldPath: unquote(value('copy from ')) });
  else if (line.startsWith('copy to ')) header.newPath = unquote(value('copy to '));
  else if (line.startsWith('--- ') && line !== '--- /dev/null')
    header.oldPath = stripPrefix(unquote(value('--- ')));
  else if (line.startsWith('+++ ') && line !== '+++ /dev/null')
    header.newPath = stripPrefix(unquote(value('+++ ')));
  else if (line.startsWith('index ')) readIndexMode(header, value('index '));
  else if (line.startsWith('Binary files ') || line === 'GIT binary patch') header.binary = true;
}

function readIndexMode(header: SectionHeader, rest: string): void {
  const mode = rest.split(' ')[1];
  if (!mode) return;
  header.oldMode ??= mode;
  header.newMode ??= mode;
}

/** `a/x b/y` from the `diff --git` line; exact when quoted or when both paths are equal (mode-only changes). */
function pathsFromGitLine(rest: string): { oldPath: string | null; newPath: string | null } {
  if (rest.startsWith('"')) {
    const [first, after] = readQuoted(rest);
    const second = after.trimStart();
    return {
      oldPath: stripPrefix(first),
      newPath: stripPrefix(second.startsWith('"') ? readQuoted(second)[0] : second),
    };
  }
  const half = (rest.length - 1) / 2;
  if (Number.isInteger(half) && rest.slice(2, half) === rest.slice(half + 3)) {
    const path = rest.slice(2, half);
    return { oldPath: path, newPath: path };
  }
  const split = rest.indexOf(' b/');
  if (split === -1) return { oldPath: null, newPath: null };
  const second = rest.slice(split + 1);
  return {
    oldPath: stripPrefix(rest.slice(0, split)),
    newPath: stripPrefix(second.startsWith('"') ? readQuoted(second)[0] : second),
  };
}

function stripPrefix(path: string): string {
  return path.startsWith('a/') || path.startsWith('b/') ? path.slice(2) : path;
}

function unquote(value: string): string {
  return value.startsWith('"') ? readQuoted(value)[0] : value.replace(/\t$/, '');
}

const ESCAPES: Record<string, number> = { n: 10, t: 9, r: 13, a: 7, b: 8, f: 12, v: 11, '"': 34, '\\': 92 };

/** Reads a C-quoted string as git writes unusual paths; octal escapes are UTF-8 bytes. */
function readQuoted(value: string): [string, string] {
  const bytes: number[] = [];
  let i = 1;
  for (; i < value.length && value[i] !== '"'; i++) {
    const ch = value[i] ?? '';
    if (ch !== '\\') {
      bytes.push(...Buffer.from(ch, 'utf8'));
      continue;
    }
    const next = value[++i] ?? '';
    if (/[0-7]/.test(next)) {
      bytes.push(Number.parseInt(value.slice(i, i + 3), 8));
      i += 2;
    } else bytes.push(ESCAPES[next] ?? next.charCodeAt(0));
  }
  return [Buffer.from(bytes).toString('utf8'), value.slice(i + 1)];
}

/** Reads every `@@` hunk from `start`, trusting the header's counts so that `--- x` inside a hunk is a deleted line. */
export function parseHunks(lines: string[], start: number, file: string): Hunk[] {
  const hunks: Hunk[] = [];
  let i = start;
  while (i < lines.length) {
    const match = HUNK_HEADER.exec(lines[i] ?? '');
    i++;
    if (!match) continue;
    const [, oldStart = '0', oldCount, newStart = '0', newCount, section = ''] = match;
    const read = readHunkLines(lines, i, {
      oldLine: Number(oldStart),
      newLine: Number(newStart),
      oldLeft: oldCount === undefined ? 1 : Number(oldCount),
      newLeft: newCount === undefined ? 1 : Number(newCount),
    });
    i = read.next;
    hunks.push(makeHunk(file, Number(oldStart), Number(newStart), section, read.lines));
  }
  return hunks;
}

interface Cursor {
  oldLine: number;
  newLine: number;
  oldLeft: number;
  newLeft: number;
}

function readHunkLines(lines: string[], start: number, cursor: Cursor): { lines: DiffLine[]; next: number } {
  const out: DiffLine[] = [];
  let i = start;
  for (; i < lines.length; i++) {
    const line = lines[i] ?? '';
    if (line.startsWith('\\')) {
      const last = out.at(-1);
      if (last) last.noEol = true;
      continue;
    }
    if (cursor.oldLeft <= 0 && cursor.newLeft <= 0) break;
    const parsed = readLine(line, cursor);
    if (!parsed) break;
    out.push(parsed);
  }
  return { lines: out, next: i };
}

/** One body line; an empty line is empty context (diff.suppressBlankEmpty). Null ends a malformed hunk. */
function readLine(line: string, c: Cursor): DiffLine | null {
  const mark = line[0] ?? ' ';
  const text = line.slice(1);
  if (mark === ' ' && c.oldLeft > 0 && c.newLeft > 0) {
    c.oldLeft--;
    c.newLeft--;
    return { kind: 'ctx', text, oldLine: c.oldLine++, newLine: c.newLine++ };
  }
  if (mark === '-' && c.oldLeft > 0) {
    c.oldLeft--;
    return { kind: 'del', text, oldLine: c.oldLine++ };
  }
  if (mark === '+' && c.newLeft > 0) {
    c.newLeft--;
    return { kind: 'add', text, newLine: c.newLine++ };
  }
  return null;
}

function makeHunk(
  file: string,
  oldStart: number,
  newStart: number,
  section: string,
  lines: DiffLine[],
): Hunk {
  let oldLines = 0;
  let newLines = 0;
  for (const line of lines) {
    if (line.kind !== 'add') oldLines++;
    if (line.kind !== 'del') newLines++;
  }
  return { file, oldStart, oldLines, newStart, newLines, section, lines, hash: hunkHash(file, lines) };
}

/** sha256 of the path and each line's kind and text (not its numbers), so a moved hunk keeps its hash. */
export function hunkHash(file: string, lines: DiffLine[]): string {
  const hash = createHash('sha256').update(file).update('\0');
  for (const line of lines) hash.update(`${line.kind}${line.noEol ? '!' : ':'}${line.text}\n`);
  return hash.digest('hex').slice(0, HASH_LENGTH);
}

export function countChanges(hunks: Hunk[]): { added: number; deleted: number } {
  let added = 0;
  let deleted = 0;
  for (const hunk of hunks)
    for (const line of hunk.lines) {
      if (line.kind === 'add') added++;
      else if (line.kind === 'del') deleted++;
    }
  return { added, deleted };
}

export function kindOf(mode: string | null, binary: boolean): FileKind {
  if (mode === '120000') return 'symlink';
  if (mode === '160000') return 'submodule';
  return binary ? 'binary' : 'text';
}

/**
 * Parses a whole `git diff` output (as `git diff`/`git show` print it, without `--raw`) into files,
 * taking paths, statuses and modes from the headers. A type change (printed by git as a deletion
 * followed by an addition of the same path) becomes one `typechange` file.
 */
export function parseUnifiedDiff(input: string | Buffer): FileDiff[] {
  const files: FileDiff[] = [];
  for (const { text, encoding } of sectionsOf(input)) {
    const { header, hunks } = parseSection(text);
    const file = fileFromSection(header, hunks, encoding);
    const previous = files.at(-1);
    if (previous && isTypeChangePair(previous, file))
      files[files.length - 1] = mergeTypeChange(previous, file);
    else files.push(file);
  }
  return files;
}

function sectionsOf(input: string | Buffer): Array<{ text: string; encoding: 'utf8' | 'latin1' }> {
  const buf = typeof input === 'string' ? Buffer.from(input, 'utf8') : input;
  const marker = Buffer.from('\ndiff --git ', 'latin1');
  const out: Array<{ text: string; encoding: 'utf8' | 'latin1' }> = [];
  let at = buf.indexOf('diff --git ', 0, 'latin1');
  while (at !== -1) {
    const next = buf.indexOf(marker, at);
    const end = next === -1 ? buf.length : next + 1;
    out.push(decodePatch(buf.subarray(at, end)));
    at = next === -1 ? -1 : next + 1;
  }
  return out;
}

export function fileFromSection(header: SectionHeader, hunks: Hunk[], encoding: 'utf8' | 'latin1'): FileDiff {
  const path = header.newPath ?? header.oldPath ?? '';
  const mode = header.status === 'deleted' ? header.oldMode : header.newMode;
  return {
    oldPath: header.oldPath,
    newPath: header.newPath,
    path,
    status: header.status,
    kind: kindOf(mode, header.binary),
    oldMode: header.oldMode,
    newMode: header.newMode,
    similarity: header.similarity,
    encoding,
    ...countChanges(hunks),
    hunks,
  };
}

function isTypeChangePair(a: FileDiff, b: FileDiff): boolean {
  return a.status === 'deleted' && b.status === 'added' && a.oldPath === b.newPath && a.oldMode !== b.newMode;
}

/** Joins git's delete + add sections of a type change into one file with both hunks. */
export function mergeTypeChange(deleted: FileDiff, added: FileDiff): FileDiff {
  const hunks = [...deleted.hunks, ...added.hunks];
  return {
    ...added,
    oldPath: deleted.oldPath,
    status: 'typechange',
    oldMode: deleted.oldMode,
    encoding: deleted.encoding === 'latin1' || added.encoding === 'latin1' ? 'latin1' : 'utf8',
    ...countChanges(hunks),
    hunks,
  };
}
