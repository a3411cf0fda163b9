import { expect, test } from 'vitest';
import { describeNotice, describeUnavailable } from '../../../src/messages/outcomes.js';
import { STALL_PAUSE_MINUTES, stallPauseMinutes } from '../../../src/pipeline/stallMarks.js';
import type { Unavailable } from '../../../src/reasons.js';

const silent = (over: Partial<Extract<Unavailable, { code: 'check-timeout' }>> = {}): Unavailable => ({
  code: 'check-timeout',
  role: 'local',
  provider: 'ollama',
  servers: ['http://127.0.0.1:11434'],
  seconds: 3,
  pauseMinutes: 10,
  ...over,
});
const line = (u: Unavailable) => describeNotice({ code: 'reviewer-unavailable', unavailable: u });

test('a silent check is said as a timeout with its limit, what to do, and how long the hook skips the server', () => {
  expect(line(silent())).toBe(
    'Ollama at http://127.0.0.1:11434 accepted the connection but did not answer the availability check within 3 s: up, but stuck or overloaded — restart it (`ollama ps` shows what it is busy with; then restart `ollama serve`), then run `npx hunkwise doctor`; until then the hook skips the local model for 10 minutes.',
  );
  expect(describeUnavailable(silent())).toBe('local model did not answer its check (see the note below)');
});

test('in CI nothing is remembered, so the line promises no pause', () => {
  expect(stallPauseMinutes('ci')).toBe(0);
  expect(stallPauseMinutes('hook')).toBe(STALL_PAUSE_MINUTES);
  expect(stallPauseMinutes('cli')).toBe(STALL_PAUSE_MINUTES);
  expect(line(silent({ pauseMinutes: 0, provider: 'openai', servers: ['http://gpu:8000/v1'] }))).toBe(
    'The OpenAI-compatible server at http://gpu:8000/v1 accepted the connection but did not answer the availability check within 3 s: up, but stuck or overloaded — restart it (its log shows what is stuck).',
  );
});

test('a pool names every server that stayed silent', () => {
  const pool = silent({ servers: ['http://a:11434', 'http://b:11434'], seconds: 0.5 });
  expect(line(pool)).toMatch(
    /^The 2 local servers \(http:\/\/a:11434, http:\/\/b:11434\) accepted the connection but did not answer the availability check within 0\.5 s: .* restart them \(`ollama ps`/,
  );
});
