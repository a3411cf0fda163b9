// The memory file on disk: read (the validator loads only when there is something to validate) and append.
import { appendFileSync, mkdirSync, readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import type { Config } from '../config/schema.js';
import { formatRecord } from './formatRecord.js';
import type { ParsedMemory } from './parseMemory.js';
import type { MemoryRecord } from './record.js';

export interface LoadedMemory extends ParsedMemory {
  /** Absolute path of the file. */
  path: string;
  /** As configured: relative to the repository root. */
  label: string;
  exists: boolean;
}

export function memoryPath(root: string, config: Config): string {
  return resolve(root, config.memory.file);
}

function readText(path: string): string | null {
  try {
    return readFileSync(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw error;
  }
}

/** The records and the unreadable lines (line 0: the whole file); a missing file is an empty memory. Never throws. */
export async function loadMemory(root: string, config: Config): Promise<LoadedMemory> {
  const path = memoryPath(root, config);
  const label = config.memory.file;
  let text: string | null;
  try {
    text = readText(path);
  } catch (error) {
    const issue = { line: 0, message: `unreadable (${(error as Error).message})` };
    return { path, label, exists: true, records: [], issues: [issue] };
  }
  if (text === null || text.trim() === '')
    return { path, label, exists: text !== null, records: [], issues: [] };
  const { parseMemory } = await import('./parseMemory.js');
  return { path, label, exists: true, ...parseMemory(text) };
}

/** Appends records as lines, starting on a fresh line even when the file does not end with one. */
export function appendRecords(path: string, records: readonly MemoryRecord[]): void {
  if (records.length === 0) return;
  mkdirSync(dirname(path), { recursive: true });
  const existing = readText(path);
  const lead = existing && !existing.endsWith('\n') ? '\n' : '';
  appendFileSync(path, `${lead}${records.map(formatRecord).join('\n')}\n`);
}
