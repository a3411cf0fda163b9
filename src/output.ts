/** A writable hunkwise prints to: process.stdout / stderr in real life, a string buffer in tests. */
export interface Output {
  write(chunk: string): unknown;
  isTTY?: boolean;
}
