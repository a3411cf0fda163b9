// `review doctor` in-process against real temp repositories, the fake Ollama server and a loopback Anthropic /v1/models.

import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, test, vi } from 'vitest';
import { run } from '../../../src/cli/main.js';
import { EXIT } from '../../../src/errors.js';
import { closedPortUrl, type FakeOllama, startFakeOllama } from '../../fakes/ollamaServer.js';
import { startFakeOpenAI } from '../../fakes/openaiServer.js';
import { createRepo, type TempRepo } from '../../helpers/gitRepo.js';

let ollama: FakeOllama;
let anthropic: Server;
let anthropicUrl: string;
const repos: TempRepo[] = [];

beforeAll(async () => {
  ollama = await startFakeOllama({ version: '0.13.2', models: ['qwen2.5-coder:7b'] });
  // Just enough of the Messages API's sibling GET /v1/models/{id} for the key check.
  anthropic = createServer((req, res) => {
    res.setHeader('content-type', 'application/json');
    // SDK 1.x sends the key as a bearer token; older ones as x-api-key.
    const key = req.headers['x-api-key'] ?? req.headers.authorization?.replace(/^Bearer /, '');
    if (key !== 'sk-ant-good') {
      res.writeHead(401);
      res.end(
        JSON.stringify({
          type: 'error',
          error: { type: 'authentication_error', message: 'invalid x-api-key' },
        }),
      );
      return;
    }
    const id = decodeURIComponent((req.url ?? '').split('/').pop() ?? '');
    res.writeHead(200);
    res.end(JSON.stringify({ type: 'model', id, display_name: id, created_at: '2026-10-01T00:00:00Z' }));
  });
  await new Promise<void>((resolve) => anthropic.listen(0, '127.0.0.1', resolve));
  anthropicUrl = `http://127.0.0.1:${(anthropic.address() as AddressInfo).port}`;
});

afterAll(async () => {
  await ollama.close();
  await new Promise((resolve) => anthropic.close(resolve));
});

afterEach(() => {
  for (const repo of repos.splice(0)) repo.cleanup();
});

function repo(files: Record<string, string> = {}) {
  const r = createRepo(files);
  repos.push(r);
  return r;
}

async function doctor(cwd: string, env: Record<string, string | undefined>, ...args: string[]) {
  let stdout = '';
  let stderr = '';
  const code = await run(['doctor', ...args], {
    stdout: { write: (s: string) => (stdout += s) },
    stderr: { write: (s: string) => (stderr += s) },
    env: { PATH: process.env.PATH, HOME: process.env.HOME, ...env },
    cwd,
    signal: new AbortController().signal,
  });
  return { code, stdout, stderr, lines: stdout.trim().split('\n') };
}

describe('review doctor', () => {
  test('all good: one ✓ line per check, a missing Claude key is only a warning, exit 0', async () => {
    const r = repo();
    r.git('config', '--unset', 'core.hooksPath');
    await run(['init', '--quiet'], {
      stdout: { write: () => true },
      stderr: { write: () => true },
      env: {},
      cwd: r.dir,
      signal: new AbortController().signal,
    });
    const out = await doctor(r.dir, { OLLAMA_HOST: ollama.url });
    expect(out.code).toBe(EXIT.ok);
    expect(out.lines[0]).toMatch(/^✓ git \d+\.\d+/);
    expect(out.lines[1]).toMatch(/^✓ config/);
    expect(out.stdout).toContain(`✓ Ollama 0.13.2 at ${ollama.url}, model qwen2.5-coder:7b present\n`);
    expect(out.stdout).toMatch(/^! Claude unavailable: ANTHROPIC_API_KEY is not set — optional/m);
    expect(out.stdout).toMatch(/^✓ pre-commit hook installed/m);
    expect(out.lines.at(-1)).toBe('Everything needed is in place.');
  });

  test('Ollama down: ✗ with the fix, non-zero', async () => {
    const r = repo();
    const out = await doctor(r.dir, { OLLAMA_HOST: await closedPortUrl() });
    expect(out.code).toBe(EXIT.service);
    const line = out.lines.find((l) => l.startsWith('✗'));
    expect(line).toMatch(/ollama serve|OLLAMA_HOST|local\.host/i);
    expect(out.stdout).toMatch(/^! pre-commit hook not installed .*run review init/m);
    expect(out.lines.at(-1)).toBe('1 problem to fix (✗ above).');
  });

  test('OLLAMA_HOST ending in /api: ✗ says the URL is wrong and gives it without /api, not "model not pulled"', async () => {
    const r = repo();
    const out = await doctor(r.dir, { OLLAMA_HOST: `${ollama.url}/api` });
    expect(out.code).toBe(EXIT.service);
    expect(out.stdout).toContain(
      `✗ ${ollama.url}/api is not an Ollama server's address: GET ${ollama.url}/api/api/version answered 404 — set OLLAMA_HOST (or local.host) to ${ollama.url}, without /api\n`,
    );
    expect(out.stdout).not.toMatch(/not pulled/);
    expect(ollama.requests.some((req) => req.path === '/api/api/version')).toBe(true);
  });

  test('model missing: named with the pull command; --pull pulls it with progress on stderr', async () => {
    const fake = await startFakeOllama({ models: [] });
    try {
      const r = repo();
      const missing = await doctor(r.dir, { OLLAMA_HOST: fake.url });
      expect(missing.code).toBe(EXIT.service);
      expect(missing.stdout).toContain(
        '✗ the local model qwen2.5-coder:7b is not pulled — run `ollama pull qwen2.5-coder:7b` or `npx hunkwise doctor --pull`\n',
      );
      const pulled = await doctor(r.dir, { OLLAMA_HOST: fake.url }, '--pull');
      expect(pulled.code).toBe(EXIT.ok);
      expect(pulled.stdout).toContain('✓ model qwen2.5-coder:7b pulled\n');
      expect(pulled.stderr).toContain('pulling: pulling manifest\n');
      expect(pulled.stderr).toMatch(/% ?\n/);
      expect(fake.requests.some((req) => req.method === 'POST' && req.path === '/api/pull')).toBe(true);
    } finally {
      await fake.close();
    }
  });

  test('an OpenAI-compatible pool with a server down: ✓ for the pool, ! naming the server and its fix', async () => {
    const server = await startFakeOpenAI();
    try {
      const down = `${await closedPortUrl()}/v1`;
      const r = repo({ 'config.yml': `local:\n  provider: openai\n  hosts: ["${server.url}", "${down}"]\n` });
      const out = await doctor(r.dir, {});
      expect(out.stdout).toContain(
        `✓ 1 of 2 local servers ready (OpenAI-compatible server at ${server.url} serves qwen2.5-coder:7b)\n`,
      );
      expect(out.stdout).toContain(
        `! local server ${down} skipped: the OpenAI-compatible server at ${down} is not reachable — start it (vllm serve, llama-server, LM Studio, a LiteLLM proxy…) or point local.host at it\n`,
      );
      expect(out.code).toBe(EXIT.ok);
      expect(server.requests.map((req) => `${req.method} ${req.path}`)).toEqual(['GET /v1/models']);
    } finally {
      await server.close();
    }
  });

  test('an OpenAI-compatible server that takes the check and never answers: ✗ after local.timeout_seconds', async () => {
    const stuck = await startFakeOpenAI({ silentChecks: true });
    try {
      const config = `local:\n  provider: openai\n  host: ${stuck.url}\n  timeout_seconds: 0.2\n`;
      const out = await doctor(repo({ 'config.yml': config }).dir, {});
      // The doctor waits up to 10 s; the check itself gives up at the configured 0.2 s, and says so.
      expect(out.stdout).toContain(
        `✗ the OpenAI-compatible server at ${stuck.url} did not answer within 0.2 s — check that the server is not stuck (its log, its /health), or restart it\n`,
      );
      expect(out.code).toBe(EXIT.service);
      expect(stuck.requests.map((req) => `${req.method} ${req.path}`)).toEqual(['GET /v1/models']);
      await vi.waitFor(() => expect(stuck.abandonedChecks).toBe(1));
    } finally {
      await stuck.close();
    }
  });

  test('Claude key accepted, or rejected with the fix', async () => {
    const r = repo();
    const good = await doctor(r.dir, {
      OLLAMA_HOST: ollama.url,
      ANTHROPIC_API_KEY: 'sk-ant-good',
      ANTHROPIC_BASE_URL: anthropicUrl,
    });
    expect(good.stdout).toMatch(/^✓ Claude key accepted/m);
    expect(good.code).toBe(EXIT.ok);
    const bad = await doctor(r.dir, {
      OLLAMA_HOST: ollama.url,
      ANTHROPIC_API_KEY: 'sk-ant-bad',
      ANTHROPIC_BASE_URL: anthropicUrl,
    });
    expect(bad.code).toBe(EXIT.service);
    expect(bad.lines.filter((l) => l.startsWith('✗'))).toHaveLength(1);
  });

  test('invalid config: ✗ naming the problem, exit 3', async () => {
    const r = repo({ 'config.yml': 'fail_on:\n  hook: sometimes\n' });
    const out = await doctor(r.dir, { OLLAMA_HOST: ollama.url });
    expect(out.code).toBe(EXIT.config);
    expect(out.stdout).toMatch(
      /^✗ config invalid: [^\n]*\n {2}config\.yml:2: fail_on\.hook: must be one of/m,
    );
  });

  test('in GitHub Actions: checks the token, event file and API URL, skips the hook', async () => {
    const r = repo();
    const dir = mkdtempSync(join(tmpdir(), 'hunkwise-event-'));
    try {
      const event = join(dir, 'event.json');
      writeFileSync(event, JSON.stringify({ number: 1 }));
      const base = {
        OLLAMA_HOST: ollama.url,
        GITHUB_ACTIONS: 'true',
        GITHUB_REPOSITORY: 'octo/app',
        GITHUB_EVENT_NAME: 'pull_request',
        GITHUB_EVENT_PATH: event,
        GITHUB_API_URL: 'https://ghe.example.com/api/v3',
      };
      const noToken = await doctor(r.dir, base);
      expect(noToken.stdout).toContain(
        `✓ GitHub Actions environment: pull_request in octo/app, event file ${event}, API https://ghe.example.com/api/v3\n`,
      );
      expect(noToken.stdout).toMatch(/^✗ GitHub Actions environment: GITHUB_TOKEN is empty/m);
      expect(noToken.stdout).not.toMatch(/pre-commit hook/);
      const ok = await doctor(r.dir, { ...base, GITHUB_TOKEN: 'ghs_x' });
      expect(ok.stdout).toContain('✓ GitHub Actions environment: GITHUB_TOKEN set\n');
      const noEvent = await doctor(r.dir, {
        ...base,
        GITHUB_TOKEN: 'ghs_x',
        GITHUB_EVENT_PATH: join(dir, 'missing.json'),
      });
      expect(noEvent.code).not.toBe(EXIT.ok);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  test('outside a repository: ✗ for git, exit 4', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'hunkwise-norepo-'));
    try {
      const out = await doctor(dir, { OLLAMA_HOST: ollama.url });
      expect(out.code).toBe(EXIT.git);
      expect(out.lines[0]).toMatch(/^✗ .* is not inside a git repository/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('review doctor and the team memory', () => {
  test('the embedding model: present ✓, missing ! (optional) with the pull command, --pull pulls it', async () => {
    const fake = await startFakeOllama({ models: ['qwen2.5-coder:7b'] });
    try {
      const r = repo();
      const missing = await doctor(r.dir, { OLLAMA_HOST: fake.url });
      expect(missing.stdout).toContain(
        '! embedding model nomic-embed-text not pulled — optional: without it the team memory matches by fingerprint and exact text only; run review doctor --pull (or ollama pull nomic-embed-text)\n',
      );
      expect(missing.stdout).not.toMatch(/^✗/m);
      const pulled = await doctor(r.dir, { OLLAMA_HOST: fake.url }, '--pull');
      expect(pulled.stdout).toContain('✓ model nomic-embed-text pulled\n');
      expect(fake.models.has('nomic-embed-text')).toBe(true);
      const present = await doctor(r.dir, { OLLAMA_HOST: fake.url });
      expect(present.stdout).toContain(
        '✓ embedding model nomic-embed-text present (team memory matches findings by meaning)\n',
      );
      const off = repo({ 'config.yml': 'memory:\n  embeddings: false\n' });
      expect((await doctor(off.dir, { OLLAMA_HOST: fake.url })).stdout).toContain(
        '· team memory matches by fingerprint and text only (memory.embeddings: false)\n',
      );
    } finally {
      await fake.close();
    }
  });
});
