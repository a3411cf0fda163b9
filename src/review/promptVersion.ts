/** Bump when prompts or the answer schema change: it is part of every review-cache key. */
export const PROMPT_VERSION = 'p1';
