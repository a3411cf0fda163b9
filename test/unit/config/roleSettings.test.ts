import { expect, test } from 'vitest';
import { roleSettings } from '../../../src/config/roleSettings.js';
import { configSchema } from '../../../src/config/schema.js';
import { providerOf } from '../../../src/review/providers.js';

const config = configSchema.parse({
  local: { provider: 'openai', host: 'http://gpu-box:8000/v1', enabled: false, timeout_seconds: 7 },
  claude: { timeout_seconds: 9 },
});

test('the local role reads local:, the escalation role claude:', () => {
  expect(roleSettings(config, 'local')).toBe(config.local);
  expect(roleSettings(config, 'escalation')).toBe(config.claude);
  expect([
    roleSettings(config, 'local').timeout_seconds,
    roleSettings(config, 'escalation').timeout_seconds,
  ]).toEqual([7, 9]);
  expect([roleSettings(config, 'local').enabled, roleSettings(config, 'escalation').enabled]).toEqual([
    false,
    true,
  ]);
});

test('each role is served by the provider its own section names', () => {
  expect(providerOf('local', config)).toBe('openai');
  expect(providerOf('escalation', config)).toBe('anthropic');
});
