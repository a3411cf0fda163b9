// docker-compose.yml (+ the GPU override): no Docker engine runs here, so the file's structure is checked as
// data — with Compose's `${VAR:-default}` interpolation applied — and, where a Compose CLI is installed,
// by `docker compose config`, which validates against the Compose schema without an engine.
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { parse } from 'yaml';
import { defaultConfig } from '../../../src/config/defaults.js';

const root = join(import.meta.dirname, '../../..');
const read = (name: string) => readFileSync(join(root, name), 'utf8');

/** Compose's interpolation for the forms the file uses: `${VAR:-default}`, `${VAR}`, `$$` → `$`. */
function interpolate(text: string, env: Record<string, string> = {}): string {
  return text
    .replace(
      /\$\{(\w+)(?::-([^}]*))?\}/g,
      (_m, name: string, fallback?: string) => env[name] || fallback || '',
    )
    .replace(/\$\$/g, '$');
}

interface Service {
  image: string;
  ports?: string[];
  volumes?: string[];
  environment?: Record<string, string | number>;
  healthcheck?: { test: string[]; interval: string; retries: number; start_period: string };
  depends_on?: Record<string, { condition: string }>;
  entrypoint?: string[];
  command?: string[];
  restart?: string;
  deploy?: { resources: { reservations: { devices: Array<Record<string, unknown>> } } };
}
interface Compose {
  services: Record<string, Service>;
  volumes: Record<string, unknown>;
}

const compose = (env: Record<string, string> = {}) =>
  parse(interpolate(read('docker-compose.yml'), env)) as Compose;

describe('docker-compose.yml', () => {
  test('an Ollama service on loopback 11434 (hunkwise’s default OLLAMA_HOST), models in a named volume, a healthcheck', () => {
    const { services, volumes } = compose();
    const ollama = services.ollama as Service;
    expect(ollama.image).toMatch(/^ollama\/ollama:/);
    expect(ollama.ports).toEqual(['127.0.0.1:11434:11434']);
    const [volume, mount] = (ollama.volumes?.[0] ?? '').split(':');
    expect(mount).toBe('/root/.ollama');
    expect(Object.keys(volumes)).toEqual([volume]);
    expect(ollama.healthcheck?.test).toEqual(['CMD', 'ollama', 'list']);
    expect(ollama.restart).toBe('unless-stopped');
    // Parallel slots match the requests hunkwise keeps in flight by default.
    expect(Number(ollama.environment?.OLLAMA_NUM_PARALLEL)).toBe(defaultConfig().local.concurrency);
  });

  test('a one-shot service pulls the review model and nomic-embed-text once the server is healthy', () => {
    const models = compose().services.models as Service;
    expect(models.depends_on).toEqual({ ollama: { condition: 'service_healthy' } });
    expect(models.restart).toBe('no');
    expect(models.environment?.OLLAMA_HOST).toBe('http://ollama:11434');
    expect(String(models.environment?.HUNKWISE_MODELS).split(' ')).toEqual([
      defaultConfig().local.model,
      'nomic-embed-text',
    ]);
    expect(models.entrypoint).toEqual(['/bin/sh', '-c']);
    const script = models.command?.[0] ?? '';
    // Pull only what is missing (later starts work offline), fail when a pull fails.
    expect(script).toContain(
      'for m in $HUNKWISE_MODELS; do ollama show "$m" >/dev/null 2>&1 || ollama pull "$m" || exit 1; done',
    );
  });

  test('a runner host publishes on its LAN address and may choose other models, through the environment', () => {
    const { services } = compose({
      HUNKWISE_OLLAMA_PUBLISH: '0.0.0.0:11434',
      HUNKWISE_MODELS: 'qwen2.5-coder:14b',
    });
    expect(services.ollama?.ports).toEqual(['0.0.0.0:11434:11434']);
    expect(services.models?.environment?.HUNKWISE_MODELS).toBe('qwen2.5-coder:14b');
  });

  test('the GPU override reserves NVIDIA GPUs for the ollama service only', () => {
    const gpu = parse(read('docker-compose.gpu.yml')) as Compose;
    expect(Object.keys(gpu.services)).toEqual(['ollama']);
    expect(gpu.services.ollama?.deploy?.resources.reservations.devices).toEqual([
      { driver: 'nvidia', count: 'all', capabilities: ['gpu'] },
    ]);
  });
});

/** `docker compose` (v2 plugin) or `docker-compose` (v1), whichever this machine has; null when neither. */
function composeCli(): string[] | null {
  for (const cli of [['docker', 'compose'], ['docker-compose']]) {
    try {
      execFileSync(cli[0] as string, [...cli.slice(1), 'version'], { stdio: 'ignore' });
      return cli;
    } catch {}
  }
  return null;
}
const cli = composeCli();

test.skipIf(!cli)(
  '`compose config` accepts both files together (the Compose schema, no engine needed)',
  () => {
    const [command, ...prefix] = cli as string[];
    const out = execFileSync(
      command as string,
      [...prefix, '-f', 'docker-compose.yml', '-f', 'docker-compose.gpu.yml', 'config'],
      { cwd: root, encoding: 'utf8', env: { PATH: process.env.PATH } },
    );
    const resolved = parse(out) as Compose;
    expect(Object.keys(resolved.services).sort()).toEqual(['models', 'ollama']);
    expect(resolved.services.ollama?.deploy?.resources.reservations.devices[0]).toMatchObject({
      driver: 'nvidia',
    });
  },
);
