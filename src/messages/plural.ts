// "1 hunk", "2 hunks": counts in sentences.
export const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;
