import { expect, test } from 'vitest';
import { indexChangedFiles } from '../../../src/host/commentableLines.js';
import { confineState, readEarlierOutput } from '../../../src/host/earlier.js';
import { encodeState, formatMarker, type TrackedFinding } from '../../../src/host/marker.js';
import type { EarlierOutput, HostComment } from '../../../src/host/reviewHost.js';
import { changedFiles } from './fixture.js';

const HEAD = 'a'.repeat(40);
const tracked = (file: string): TrackedFinding => ({
  fingerprint: '0123456789abcdef',
  file,
  start: 1,
  end: 1,
  severity: 'major',
  category: 'bug',
  source: 'local',
  origin: 'm',
  message: 'x',
});
const summaryBy = (id: number, login: string, findings: TrackedFinding[]): HostComment => ({
  id,
  author: { login, isBot: login.endsWith('[bot]'), trusted: false },
  body: `s ${formatMarker('summary', { head: HEAD, state: encodeState({ head: HEAD, findings, dropped: 0 }) })}`,
  createdAt: null,
});
const earlier = (comments: HostComment[]): EarlierOutput => ({
  files: changedFiles(),
  comments,
  reviews: [],
  lineComments: [],
});

test("only the run's own login speaks for hunkwise: another App's bot does not, whatever its type", () => {
  const read = readEarlierOutput(
    earlier([summaryBy(1, 'github-actions[bot]', []), summaryBy(2, 'evil-app[bot]', [])]),
    'github-actions[bot]',
  );
  expect(read.summary?.id).toBe(1);
  expect(
    readEarlierOutput(earlier([summaryBy(2, 'evil-app[bot]', [])]), 'github-actions[bot]').summary,
  ).toBeNull();
  // Logins compare as GitHub compares them: case-insensitively.
  expect(readEarlierOutput(earlier([summaryBy(3, 'Octo-Reviewer', [])]), 'octo-reviewer').summary?.id).toBe(
    3,
  );
});

test("a state's findings are kept only for files of the change request (current or old names)", () => {
  const diff = indexChangedFiles(changedFiles());
  const state = confineState(
    {
      head: HEAD,
      findings: [
        tracked('src/app.ts'),
        tracked('src/old.ts'),
        tracked('../../etc/passwd'),
        tracked('elsewhere.ts'),
      ],
      dropped: 0,
    },
    diff,
  );
  expect(state?.findings.map((f) => f.file)).toEqual(['src/app.ts', 'src/old.ts']);
  expect(confineState(null, diff)).toBeNull();
});
