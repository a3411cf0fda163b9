import { describe, expect, test } from 'vitest';
import { formatOllamaHost, resolveOllamaHost } from '../../../src/review/providers/ollamaHost.js';

describe('formatOllamaHost', () => {
  test.for([
    ['localhost:1234', 'http://localhost:1234'],
    ['gpu-box', 'http://gpu-box:11434'],
    [':1234', 'http://127.0.0.1:1234'],
    ['http://gpu-box', 'http://gpu-box:80'],
    ['https://gpu-box', 'https://gpu-box:443'],
    ['https://gpu-box:8443/', 'https://gpu-box:8443'],
    ['http://gpu-box:11434/proxy/', 'http://gpu-box:11434/proxy'],
    ['0.0.0.0', 'http://127.0.0.1:11434'],
    ['0.0.0.0:9999', 'http://127.0.0.1:9999'],
    ['http://0.0.0.0:11434', 'http://127.0.0.1:11434'],
    ['[::1]:11434', 'http://[::1]:11434'],
    ['  127.0.0.1:11434  ', 'http://127.0.0.1:11434'],
    ['http://user:pw@gpu-box', 'http://user:pw@gpu-box:80'],
  ] as const)('%s ⇒ %s', ([raw, url]) => {
    expect(formatOllamaHost(raw)).toBe(url);
  });

  test.for(['', 'ftp://gpu-box', 'http://', 'host:notaport'])('%j is not a host', (raw) => {
    expect(formatOllamaHost(raw)).toBeNull();
  });
});

describe('resolveOllamaHost', () => {
  test('config wins over OLLAMA_HOST, which wins over the default', () => {
    expect(resolveOllamaHost('cfg:1', { OLLAMA_HOST: 'env:2' })).toEqual({
      ok: true,
      url: 'http://cfg:1',
      from: 'config',
    });
    expect(resolveOllamaHost(null, { OLLAMA_HOST: 'env:2' })).toEqual({
      ok: true,
      url: 'http://env:2',
      from: 'OLLAMA_HOST',
    });
    expect(resolveOllamaHost(null, {})).toEqual({ ok: true, url: 'http://127.0.0.1:11434', from: 'default' });
    expect(resolveOllamaHost('  ', { OLLAMA_HOST: '' })).toMatchObject({ from: 'default' });
  });

  test('an unusable value is reported with where it came from', () => {
    expect(resolveOllamaHost(null, { OLLAMA_HOST: 'ftp://x' })).toEqual({
      ok: false,
      raw: 'ftp://x',
      from: 'OLLAMA_HOST',
    });
  });
});
