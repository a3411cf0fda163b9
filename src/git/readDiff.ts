// DiffSpec → FileDiff[]: list the changed files first (exact paths, counts), decide what to skip,
// then ask git for the patches of the kept files only, so memory follows the diff budget.
import { isUtf8 } from 'node:buffer';
import { fileFromRecord } from '../diff/fileFromRecord.js';
import { parseRawOutput, type RawRecord, sectionsFor, splitPatchSections } from '../diff/parseRaw.js';
import { type FileLimits, type PlannedFile, planFiles } from '../diff/planFiles.js';
import { GitError } from '../errors.js';
import { gitMessages } from '../messages/git.js';
import type { FileDiff } from '../types.js';
import type { PairOptions } from './deepen.js';
import type { DiffSpec } from './diffSpec.js';
import { createGit, DIFF_FLAGS, type Git, literalPathspec, PATCH_FLAGS } from './git.js';
import { type DiffSides, resolveSide, resolveSides, splitRange } from './resolveSpec.js';

export interface ReadDiffOptions extends FileLimits {
  cwd: string;
  /** HEAD's commit (null: no commit yet) when the caller already knows it; staged reviews compare against it. */
  head?: string | null;
  signal?: AbortSignal;
  /** For kind 'pair' in a shallow clone: where and how far to deepen. */
  pair?: PairOptions;
}

export interface DiffRead extends DiffSides {
  files: FileDiff[];
}

/** Paths per `git diff-tree -p` call; keeps the command line far below ARG_MAX. */
const BATCH_PATHS = 400;
const BATCH_CHARS = 60_000;

export async function readDiff(spec: DiffSpec, opts: ReadDiffOptions): Promise<DiffRead> {
  const git = createGit(opts.cwd, opts.signal ? { signal: opts.signal } : {});
  const sides = await resolveSides(git, spec, {
    ...(opts.pair ? { pair: opts.pair } : {}),
    ...(opts.head !== undefined ? { head: opts.head } : {}),
  });
  // Renames (-M) yes, copies (-C) no: a copy is new code and is reviewed whole, as an added file, the way
  // GitHub's pull-request view shows it; as a copy only its edits against the source would be sent.
  const listing = parseRawOutput(await git.buffer(diffCommand(sides, ['--numstat', '-M'])));
  const unmerged = listing.records.filter((r) => r.status === 'U');
  if (unmerged.length > 0) throw new GitError(gitMessages.unmergedPaths(unmerged.map((r) => r.newPath)));
  const plan = planFiles(listing.records, listing.numstats, opts);
  const parsed = await readPatches(
    git,
    sides,
    plan.filter((p) => !p.skipped),
  );
  const files = plan.map((p) => toFileDiff(p, parsed));
  return { ...sides, files };
}

function toFileDiff(planned: PlannedFile, parsed: Map<string, FileDiff>): FileDiff {
  if (planned.skipped) return fileFromRecord(planned.record, planned.stat, null, planned.skipped);
  const file = parsed.get(recordKey(planned.record));
  if (!file) throw new GitError(gitMessages.patchMismatch(planned.record.newPath));
  return file;
}

/** `diff-index --cached` for staged changes, `diff-tree` between two commits otherwise: plumbing ignores UI config. */
function diffCommand(sides: DiffSides, flags: string[]): string[] {
  const common = ['-z', '--raw', '--no-abbrev', ...DIFF_FLAGS, ...flags];
  return sides.head === 'index'
    ? ['diff-index', '--cached', ...common, sides.base]
    : ['diff-tree', '-r', ...common, sides.base, sides.head];
}

function recordKey(r: RawRecord): string {
  return `${r.status}\0${r.oldPath}\0${r.newPath}`;
}

/**
 * Renames are asked for with both paths and rename detection, so git pairs them again; everything else
 * without rename detection, so a subset of paths cannot pair differently.
 */
async function readPatches(git: Git, sides: DiffSides, kept: PlannedFile[]): Promise<Map<string, FileDiff>> {
  const isPair = (p: PlannedFile) => p.record.status === 'R';
  const paired = kept.filter(isPair);
  const single = kept.filter((p) => !isPair(p));
  const out = new Map<string, FileDiff>();
  const flags = (p: PlannedFile) => (isPair(p) ? ['-M'] : ['--no-renames']);
  for (const batch of batches(paired)) await readBatch(git, sides, batch, ['-M'], out);
  for (const batch of batches(single)) await readBatch(git, sides, batch, ['--no-renames'], out);
  // Rename detection over a batch could pair a file differently than over the whole diff; ask alone.
  for (const planned of kept.filter((p) => !out.has(recordKey(p.record))))
    await readBatch(git, sides, [planned], flags(planned), out);
  return out;
}

/** One git call for a batch of files; each file is parsed at once so the batch's bytes can be freed. */
async function readBatch(
  git: Git,
  sides: DiffSides,
  batch: PlannedFile[],
  renameFlags: string[],
  out: Map<string, FileDiff>,
): Promise<void> {
  const wanted = new Map(batch.map((p) => [recordKey(p.record), p]));
  const paths = [...new Set(batch.flatMap((p) => [p.record.oldPath, p.record.newPath]))].map(literalPathspec);
  const buf = await git.buffer([...diffCommand(sides, [...PATCH_FLAGS, ...renameFlags]), '--', ...paths]);
  const { records: got, patchStart } = parseRawOutput(buf);
  const sections = splitPatchSections(buf, patchStart);
  let next = 0;
  for (const record of got) {
    const count = sectionsFor(record);
    const mine = sections.slice(next, next + count).map((s) => buf.subarray(s.start, s.end));
    next += count;
    const planned = wanted.get(recordKey(record));
    if (planned) out.set(recordKey(record), fileFromRecord(planned.record, planned.stat, mine));
  }
}

function* batches(files: PlannedFile[]): Generator<PlannedFile[]> {
  let batch: PlannedFile[] = [];
  let chars = 0;
  for (const file of files) {
    const size = file.record.oldPath.length + file.record.newPath.length + 40;
    if (batch.length > 0 && (batch.length >= BATCH_PATHS || chars + size > BATCH_CHARS)) {
      yield batch;
      batch = [];
      chars = 0;
    }
    batch.push(file);
    chars += size;
  }
  if (batch.length > 0) yield batch;
}

/**
 * The new side of a file: from the index for staged changes, from the head commit otherwise.
 * Null when the path does not exist there or is not a file (submodule). Non-UTF-8 content is latin1.
 */
export async function readNewSideFile(spec: DiffSpec, path: string, cwd: string): Promise<string | null> {
  const git = createGit(cwd);
  const head = await resolveHeadRev(git, spec);
  const object = (await git.text(['rev-parse', '--verify', '--quiet', `${head}:${path}`])).trim();
  if (!object || (await git.text(['cat-file', '-t', object])).trim() !== 'blob') return null;
  const bytes = await git.buffer(['cat-file', 'blob', object]);
  return isUtf8(bytes) ? bytes.toString('utf8') : bytes.toString('latin1');
}

/** `:0` (stage 0 of the index) or the head commit's id. */
async function resolveHeadRev(git: Git, spec: DiffSpec): Promise<string> {
  if (spec.kind === 'staged') return ':0';
  const rev =
    spec.kind === 'pair' ? spec.head : spec.kind === 'root' ? spec.rev : splitRange(spec.range.trim()).right;
  return resolveSide(git, rev);
}
