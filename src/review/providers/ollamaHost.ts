// Where to reach Ollama. The `ollama` client ignores OLLAMA_HOST, so we resolve it ourselves, with the
// server's own rules: bare host ⇒ port 11434, explicit http(s) URL without a port ⇒ 80/443.
// @see https://github.com/ollama/ollama/blob/main/envconfig/config.go (Host)

export const DEFAULT_OLLAMA_URL = 'http://127.0.0.1:11434';
const DEFAULT_PORT = '11434';

/** Bind-all addresses are where a server listens, not where a client can connect: use loopback. */
const BIND_ALL = new Set(['0.0.0.0', '[::]', '::']);

export type OllamaHost =
  | { ok: true; url: string; from: 'config' | 'OLLAMA_HOST' | 'default' }
  | { ok: false; raw: string; from: 'config' | 'OLLAMA_HOST' };

/** `host:port`, `host`, `:port`, `http://host[:port]`, `https://host[:port]` → a URL with a port, or null. */
export function formatOllamaHost(raw: string): string | null {
  let text = raw.trim();
  if (text === '') return null;
  if (BIND_ALL.has(text)) text = '127.0.0.1';
  const explicit = /^[a-z][a-z0-9+.-]*:\/\//i.test(text);
  if (text.startsWith(':')) text = `127.0.0.1${text}`;
  let url: URL;
  try {
    url = new URL(explicit ? text : `http://${text}`);
  } catch {
    return null;
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return null;
  if (BIND_ALL.has(url.hostname)) url.hostname = '127.0.0.1';
  // URL drops a port equal to the scheme's default, so spell it out the way the server does.
  const port = url.port || (explicit ? (url.protocol === 'https:' ? '443' : '80') : DEFAULT_PORT);
  const auth = url.username ? `${url.username}${url.password ? `:${url.password}` : ''}@` : '';
  const path = url.pathname.replace(/\/+$/, '');
  return `${url.protocol}//${auth}${url.hostname}:${port}${path}`;
}

/** `local.host` from config, else OLLAMA_HOST, else the default. */
export function resolveOllamaHost(
  configHost: string | null,
  env: Record<string, string | undefined>,
): OllamaHost {
  const chosen = configHost?.trim()
    ? { raw: configHost, from: 'config' as const }
    : env.OLLAMA_HOST?.trim()
      ? { raw: env.OLLAMA_HOST, from: 'OLLAMA_HOST' as const }
      : null;
  if (!chosen) return { ok: true, url: DEFAULT_OLLAMA_URL, from: 'default' };
  const url = formatOllamaHost(chosen.raw);
  return url ? { ok: true, url, from: chosen.from } : { ok: false, raw: chosen.raw, from: chosen.from };
}
