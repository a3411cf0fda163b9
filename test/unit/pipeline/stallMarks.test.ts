import { expect, test } from 'vitest';
import { describeNotice } from '../../../src/messages/outcomes.js';
import { pausedBy, STALL_PAUSE_MINUTES, stallMarkOf } from '../../../src/pipeline/stallMarks.js';

const ollama = { provider: 'ollama' as const, model: 'qwen2.5-coder:7b', url: 'http://127.0.0.1:11434' };
const at = Date.parse('2026-11-26T10:00:00Z');
const mark = stallMarkOf('local', ollama, 60_400, at);

test('a mark pauses the same server for ten minutes, then lapses', () => {
  expect(mark).toMatchObject({ waitedSeconds: 60, since: '2026-11-26T10:00:00.000Z' });
  expect(Date.parse(mark.until) - at).toBe(STALL_PAUSE_MINUTES * 60_000);
  expect(pausedBy(mark, ollama, at + 9 * 60_000)).toEqual({
    code: 'paused',
    role: 'local',
    provider: 'ollama',
    endpoint: 'http://127.0.0.1:11434',
    since: mark.since,
    until: mark.until,
  });
  expect(pausedBy(mark, ollama, at + 10 * 60_000)).toBeNull();
});

test('another server, or another model, is not paused by it; no mark pauses nothing', () => {
  expect(pausedBy(mark, { ...ollama, url: 'http://gpu-box:11434' }, at)).toBeNull();
  expect(pausedBy(mark, { ...ollama, model: 'qwen2.5-coder:14b' }, at)).toBeNull();
  expect(pausedBy(undefined, ollama, at)).toBeNull();
});

test('the pause is one line naming the server, until when, and how to lift it', () => {
  const paused = pausedBy(mark, ollama, at)!;
  const line = describeNotice({ code: 'reviewer-unavailable', unavailable: paused });
  expect(line).toMatch(
    /^Ollama at http:\/\/127\.0\.0\.1:11434 stalled at \d\d:\d\d: the hook skips the local model until \d\d:\d\d — restart it .*`npx hunkwise doctor` tries it and lifts this at once\.$/,
  );
  expect(line).not.toContain('\n');
});
