// The output-format port: a ReviewResult as the text of one document. Formats are listed in formats.ts.
import type { ReviewResult } from '../types.js';
import type { RunMode } from '../vocabulary.js';

export interface RenderOptions {
  /** Colour escapes in the text report: decided at the edge from the stream and NO_COLOR/FORCE_COLOR. */
  color: boolean;
  verbose: boolean;
  mode: RunMode;
  /** The text report also lists the findings the team memory suppressed (`--show-suppressed`). */
  showSuppressed?: boolean;
  /** The change request a CI run reviewed; the JSON report then names it (the fork-safe artifact). */
  changeRequest?: ChangeRequestIdentity;
}

export interface ChangeRequestIdentity {
  /** `owner/name`. */
  repository: string;
  number: number;
  headSha: string;
  baseSha: string;
}

export interface OutputFormat {
  render(result: ReviewResult, options: RenderOptions): string;
}
