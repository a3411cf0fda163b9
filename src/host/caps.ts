// How much untrusted text one finding may put on a change request, and how many findings one run may.
// Model output and fork-safe artifacts are text a contributor could steer; these bounds keep every body far
// under the host's limit (BODY_LIMIT) and a hostile run from flooding the conversation.
export const FINDING_CAPS = {
  /** Characters of a finding's message; longer ones are cut with an ellipsis. */
  message: 4_000,
  /** Characters of a suggestion shown as code; a longer one is cut and no longer offered as applicable. */
  suggestion: 10_000,
  /** Characters of a quote kept from an artifact (used to fit suggestions, never shown whole). */
  quote: 4_000,
  /** Findings taken from one fork-safe artifact, most severe first; the rest are counted, not posted. */
  findings: 500,
} as const;
