/**
 * Bump when prompts or the answer schema change: it is part of every review-cache key.
 * p2: the schema's `line` says 0 means the whole file.
 * p3: file names with control, bidi or zero-width characters are shown escaped (a JSON string).
 */
export const PROMPT_VERSION = 'p3';
