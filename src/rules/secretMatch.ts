// What the secret detectors report: where a secret value sits in a text, its kind and its tier.

/** `block`: a known token format or a private key; `possible`: a value found by its context or its shape. */
export type SecretTier = 'block' | 'possible';

export interface SecretMatch {
  /** Offset of the secret value in the text. */
  index: number;
  length: number;
  /** Human name of the credential kind; never the value. */
  kind: string;
  tier: SecretTier;
}

/** Value bounds for `match`: group `v` when present, else the whole match. */
export function secretValueOf(match: RegExpExecArray | RegExpMatchArray): { value: string; index: number } {
  const value = match.groups?.v;
  const start = match.index ?? 0;
  if (value === undefined) return { value: match[0], index: start };
  return { value, index: start + match[0].lastIndexOf(value) };
}

/** The lines of a text, built once: each match asks which line it is on without rescanning the text. */
export class Lines {
  readonly #text: string;
  #starts: number[] | undefined;

  constructor(text: string) {
    this.#text = text;
  }

  /** Offsets where each line starts. */
  get starts(): readonly number[] {
    if (!this.#starts) {
      const starts = [0];
      for (let at = this.#text.indexOf('\n'); at !== -1; at = this.#text.indexOf('\n', at + 1))
        starts.push(at + 1);
      this.#starts = starts;
    }
    return this.#starts;
  }

  /** Number (0-based) of the line that holds offset `index`. */
  numberAt(index: number): number {
    const starts = this.starts;
    let low = 0;
    let high = starts.length - 1;
    while (low < high) {
      const mid = (low + high + 1) >> 1;
      if (starts[mid]! <= index) low = mid;
      else high = mid - 1;
    }
    return low;
  }

  /** The text of line `n`, without its line break. */
  line(n: number): string {
    const start = this.starts[n] ?? this.#text.length;
    const next = this.starts[n + 1];
    return this.#text.slice(start, next === undefined ? this.#text.length : next - 1);
  }

  lengthAt(index: number): number {
    const n = this.numberAt(index);
    const next = this.starts[n + 1];
    return (next === undefined ? this.#text.length + 1 : next) - 1 - this.starts[n]!;
  }
}
