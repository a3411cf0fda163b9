// `-o FILE`: checked before the review starts, so a typo in a folder name costs nothing; written after.
import { accessSync, constants, statSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { errorMessage, UsageError } from '../errors.js';
import { reviewMessages as m } from '../messages/review.js';

/** The absolute path to write to, or a UsageError when its folder is missing or not writable. */
export function checkOutputFile(cwd: string, file: string): string {
  const path = resolve(cwd, file);
  const dir = dirname(path);
  const folder = statSync(dir, { throwIfNoEntry: false });
  if (!folder?.isDirectory()) throw new UsageError(m.outputDirMissing(file, dir));
  if (statSync(path, { throwIfNoEntry: false })?.isDirectory())
    throw new UsageError(m.outputNotWritable(file, 'it is a folder'));
  try {
    accessSync(dir, constants.W_OK);
  } catch (error) {
    throw new UsageError(m.outputNotWritable(file, errorMessage(error)));
  }
  return path;
}

export function writeOutputFile(path: string, text: string): void {
  try {
    writeFileSync(path, text);
  } catch (error) {
    throw new UsageError(m.outputNotWritable(path, errorMessage(error)));
  }
}
