/** Which two trees to compare. */
export type DiffSpec =
  /** Index against HEAD (or the empty tree before the first commit); content comes from the index. */
  | { kind: 'staged' }
  /** `A..B`, `A...B` (from the merge base), or a single rev `R` meaning `R..HEAD`. Both sides must exist. */
  | { kind: 'range'; range: string }
  /** The empty tree against `rev`: every file of that commit as added (`review --root`). */
  | { kind: 'root'; rev: string }
  /** A pull request: the merge base of base and head, against head. */
  | { kind: 'pair'; base: string; head: string };
