// Rebuilds a file's new side from its old bytes plus extracted hunks, checking every context and
// deleted line against the old bytes. Test-only: it is the proof that extraction loses nothing.
import type { FileDiff } from '../../../src/types.js';

interface OldLine {
  bytes: Buffer;
  eol: boolean;
}

function splitLines(bytes: Buffer): OldLine[] {
  const lines: OldLine[] = [];
  let start = 0;
  while (start < bytes.length) {
    const nl = bytes.indexOf(0x0a, start);
    if (nl === -1) {
      lines.push({ bytes: bytes.subarray(start), eol: false });
      break;
    }
    lines.push({ bytes: bytes.subarray(start, nl), eol: true });
    start = nl + 1;
  }
  return lines;
}

export function applyHunks(oldBytes: Buffer | null, file: FileDiff): Buffer {
  const old = splitLines(oldBytes ?? Buffer.alloc(0));
  const encode = (text: string) => Buffer.from(text, file.encoding === 'latin1' ? 'latin1' : 'utf8');
  const out: Buffer[] = [];
  const NL = Buffer.from('\n');
  let cursor = 1;
  const copyUntil = (last: number) => {
    for (; cursor <= last; cursor++) {
      const line = old[cursor - 1]!;
      out.push(line.bytes);
      if (line.eol) out.push(NL);
    }
  };
  const expectOld = (text: string, noEol: boolean | undefined, where: string) => {
    const line = old[cursor - 1];
    if (!line) throw new Error(`${file.path}: ${where} refers to old line ${cursor}, past the end`);
    if (!line.bytes.equals(encode(text)) || line.eol === Boolean(noEol))
      throw new Error(`${file.path}: ${where} does not match old line ${cursor}`);
  };
  for (const hunk of file.hunks) {
    copyUntil(hunk.oldLines === 0 ? hunk.oldStart : hunk.oldStart - 1);
    for (const line of hunk.lines) {
      if (line.kind === 'add') {
        out.push(encode(line.text));
        if (!line.noEol) out.push(NL);
        continue;
      }
      expectOld(line.text, line.noEol, `${line.kind} line`);
      if (line.kind === 'ctx') {
        out.push(encode(line.text));
        if (!line.noEol) out.push(NL);
      }
      cursor++;
    }
  }
  copyUntil(old.length);
  return Buffer.concat(out);
}
