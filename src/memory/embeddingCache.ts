// Embeddings remembered by model, prefix and text (`<git common dir>/hunkwise/embeddings`), so a repeat run
// embeds nothing. Each entry records the model digest it came from; unreadable entries count as misses.
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { writeAtomically } from '../writeAtomically.js';

export interface CachedVector {
  vector: number[];
  /** The model's digest (`/api/tags`) when the vector was made; null when the server did not say. */
  digest: string | null;
}

export function embeddingKey(model: string, prefix: string, text: string): string {
  return createHash('sha256').update(`${model}\0${prefix}\0${text}`).digest('hex');
}

function encode(vector: readonly number[]): string {
  return Buffer.from(new Float32Array(vector).buffer).toString('base64');
}

function decode(text: string, dims: number): number[] | null {
  const bytes = Buffer.from(text, 'base64');
  if (bytes.length !== dims * 4) return null;
  const floats = new Float32Array(bytes.buffer, bytes.byteOffset, dims);
  const vector = Array.from(floats);
  return vector.every(Number.isFinite) ? vector : null;
}

export class EmbeddingCache {
  constructor(private readonly dir: string | null) {}

  #path(key: string): string | null {
    return this.dir ? join(this.dir, key.slice(0, 2), `${key}.json`) : null;
  }

  get(key: string): CachedVector | null {
    const path = this.#path(key);
    if (!path) return null;
    let raw: string;
    try {
      raw = readFileSync(path, 'utf8');
    } catch {
      return null;
    }
    try {
      const entry = JSON.parse(raw) as { dims?: unknown; v?: unknown; digest?: unknown };
      const vector =
        typeof entry.v === 'string' && Number.isSafeInteger(entry.dims)
          ? decode(entry.v, entry.dims as number)
          : null;
      if (!vector) throw new Error('bad entry');
      return { vector, digest: typeof entry.digest === 'string' ? entry.digest : null };
    } catch {
      // an entry that cannot be read is embedded again, and then overwritten
      return null;
    }
  }

  /** Best effort: a vector that cannot be stored is only embedded again next time. */
  set(key: string, value: CachedVector & { model: string; prefix: string }): void {
    const path = this.#path(key);
    if (!path) return;
    const entry = {
      model: value.model,
      digest: value.digest,
      prefix: value.prefix,
      dims: value.vector.length,
      v: encode(value.vector),
    };
    writeAtomically(path, JSON.stringify(entry));
  }
}
