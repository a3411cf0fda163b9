// The terminal report never hides what the team memory did: suppressed findings are counted (listed on
// request, with who dismissed them and why), and the notes used in prompts are counted.
import { expect, test } from 'vitest';
import type { SuppressedFinding } from '../../../src/memory/record.js';
import { renderTerminal } from '../../../src/report/terminal.js';
import { decision, fileDiff, finding, hunk, placed, result, reviewed } from '../policy/buildResult.js';

const h = hunk('src/a.ts', 1, 20);
const suppressed: SuppressedFinding = {
  finding: placed(finding('src/a.ts', 12, 'major', { message: 'Missing await on save()' })),
  record: {
    kind: 'dismiss',
    fingerprint: 'ab12cd34ef56ab78',
    file: 'src/a.ts',
    message: 'save() is not awaited',
    reason: 'save is synchronous',
    who: 'Ada <ada@example.com>',
    when: '2026-11-26T09:00:00.000Z',
  },
  match: 'embedding',
  similarity: 0.934,
};
const base = result({
  files: [fileDiff('src/a.ts', [h])],
  decisions: [decision(h, 'local')],
  outcomes: [reviewed(h, ['local'])],
  suppressed: [suppressed],
  memory: {
    file: '.hunkwise/memory.jsonl',
    dismissals: 1,
    notes: 2,
    issues: [],
    matching: 'embeddings',
    notesUsed: 2,
    hunksWithNotes: 1,
  },
});

test('the count, the hint and the notes line by default', () => {
  const text = renderTerminal(base, { color: false, verbose: false });
  expect(text).toContain('1 finding suppressed by the team memory (--show-suppressed lists them)');
  expect(text).toContain('2 team notes from memory used in the prompts of 1 hunk');
  expect(text).not.toContain('Missing await on save()');
  expect(text.trimEnd().split('\n').at(-1)).toMatch(/^No findings in 1 reviewed hunk · 1 suppressed · /);
});

test('--show-suppressed lists each with how it matched, who dismissed it and why', () => {
  const text = renderTerminal(base, { color: false, verbose: false, showSuppressed: true });
  expect(text).toContain('MAJOR    src/a.ts:12  bug  Missing await on save()');
  expect(text).toContain(
    'similar (0.93) · dismissed by Ada <ada@example.com>: save is synchronous · ab12cd34ef56ab78',
  );
});
