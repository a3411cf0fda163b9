// "1 hunk", "2 hunks": counts in sentences.
export const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

/**
 * `12,345`: what `toLocaleString('en-US')` prints for an integer, without its cost — the first call loads
 * ICU's number formatting, 25–60 ms, a third of a bare `node -e 0` on the hook's path.
 */
export function groupThousands(n: number): string {
  const digits = String(Math.abs(Math.round(n)));
  const head = digits.length % 3 || 3;
  const groups = [digits.slice(0, head)];
  for (let i = head; i < digits.length; i += 3) groups.push(digits.slice(i, i + 3));
  return `${n < 0 && Math.round(n) !== 0 ? '-' : ''}${groups.join(',')}`;
}
