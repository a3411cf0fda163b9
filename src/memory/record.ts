// The team memory's nouns (what one line of .hunkwise/memory.jsonl holds, what a run did with it) are core
// domain types, defined in src/types.ts; src/memory/parseMemory.ts validates lines against the same shapes.
export type {
  DismissRecord,
  MatchingMode,
  MatchKind,
  MemoryIssue,
  MemoryRecord,
  MemorySummary,
  NoteRecord,
  RecordScope,
  SuppressedFinding,
} from '../types.js';
