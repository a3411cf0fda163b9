// A pool of local servers (local.hosts), for both providers: a server down at the start is skipped, one
// that dies mid-run has its requests re-sent to the others, one without the model is taken out, and usage
// says which server did what. The behaviour every backend shares is in localReviewer.test.ts.
import { describe, expect, test } from 'vitest';
import { configSchema } from '../../../src/config/schema.js';
import { describeNotice } from '../../../src/messages/outcomes.js';
import { runReview } from '../../../src/pipeline/runReview.js';
import { toJsonReport } from '../../../src/report/json.js';
import { renderTerminal } from '../../../src/report/terminal.js';
import type { ReviewItem } from '../../../src/review/reviewer.js';
import { type ChatServerOptions, closedPortUrl, type FakeChatServer } from '../../fakes/chatCore.js';
import { startFakeOllama } from '../../fakes/ollamaServer.js';
import { startFakeOpenAI } from '../../fakes/openaiServer.js';
import { createRepo } from '../../helpers/gitRepo.js';
import { localReviewer } from '../../helpers/localBackends.js';
import { makeHunk, makeItem } from '../../unit/review/reviewItems.js';

function smallItems(n: number): ReviewItem[] {
  return Array.from({ length: n }, (_, i) =>
    makeItem(
      makeHunk(`src/file${i}.ts`, { old: 5, new: 5 }, [' // context', `+export const value_${i} = ${i};`]),
    ),
  );
}

const KINDS = [
  { provider: 'ollama', start: startFakeOllama, down: closedPortUrl },
  { provider: 'openai', start: startFakeOpenAI, down: async () => `${await closedPortUrl()}/v1` },
] as const;

describe.each(KINDS)('a pool of $provider servers', (kind) => {
  const configFor = (hosts: string[], local: Record<string, unknown> = {}) =>
    configSchema.parse({
      local: { provider: kind.provider, hosts, batch_tokens: 256, concurrency: 1, max_retries: 0, ...local },
    });

  async function withServers<R>(
    options: ChatServerOptions[],
    use: (servers: FakeChatServer[]) => Promise<R>,
  ) {
    const servers = await Promise.all(options.map((o) => kind.start(o)));
    try {
      return await use(servers);
    } finally {
      await Promise.all(servers.map((s) => s.close()));
    }
  }

  test('a server down at the start is skipped: the others take every request, and the report says so', async () => {
    await withServers([{}], async ([up]) => {
      const down = await kind.down();
      const reviewer = await localReviewer(configFor([down, up!.url]));
      const check = await reviewer.check();
      expect(check).toMatchObject({
        ok: true,
        detail: expect.stringMatching(/^1 of 2 local servers ready/),
        warnings: [expect.stringMatching(new RegExp(`^local server ${down} skipped: .*not reachable.* — `))],
      });
      const items = smallItems(4);
      const result = await reviewer.review(items);
      expect([...result.outcomes.values()]).toEqual(items.map(() => ({ status: 'reviewed' })));
      expect(up!.chatCount).toBe(4);
      expect(result.usage.hosts).toEqual([expect.objectContaining({ host: up!.url, requests: 4 })]);
      expect(result.notes).toContainEqual(expect.stringMatching(`^local server ${down} was skipped: `));
    });
  });

  test('no server up: the check fails with the first server’s fix', async () => {
    const urls = [await kind.down(), await kind.down()];
    const check = await (await localReviewer(configFor(urls))).check();
    expect(check).toMatchObject({
      ok: false,
      reason: expect.stringMatching(/^none of the 2 local servers is usable: .*not reachable/),
      fix: expect.stringMatching(/start|serve/),
    });
  });

  test('a server that dies mid-run has its requests re-sent to the other; every hunk is reviewed', async () => {
    let dying: FakeChatServer | undefined;
    const options: ChatServerOptions[] = [
      {
        latencyMs: 40,
        // Dies while streaming its second answer: headers sent, the connection then cut.
        defaultReply: (_body, index) => {
          if (index === 1) setTimeout(() => void dying?.close(), 10);
          return { findings: [] };
        },
      },
      { latencyMs: 40 },
    ];
    await withServers(options, async ([first, second]) => {
      dying = first;
      const items = smallItems(8);
      const reviewer = await localReviewer(configFor([first!.url, second!.url]));
      expect(await reviewer.check()).toMatchObject({ ok: true });
      const result = await reviewer.review(items);
      expect([...result.outcomes.values()]).toEqual(items.map(() => ({ status: 'reviewed' })));
      expect(first!.chatCount).toBe(2);
      expect(first!.abandonedChats).toBe(1);
      const hosts = Object.fromEntries((result.usage.hosts ?? []).map((h) => [h.host, h.requests]));
      expect(hosts[first!.url]).toBe(1);
      expect(hosts[second!.url]).toBe(7);
      expect(result.notes).toContainEqual(
        expect.stringMatching(
          `^local server ${first!.url} failed mid-run \\(.+\\); its requests went to the others$`,
        ),
      );
    });
  });

  test('a server without the model is taken out at its first answer; the other serves', async () => {
    await withServers([{ models: ['some-other-model'] }, {}], async ([without, withModel]) => {
      const items = smallItems(4);
      const result = await (await localReviewer(configFor([without!.url, withModel!.url]))).review(items);
      expect([...result.outcomes.values()]).toEqual(items.map(() => ({ status: 'reviewed' })));
      expect(without!.requests.filter((r) => r.method === 'POST')).toHaveLength(1);
      expect(withModel!.chatCount).toBe(4);
    });
  });

  test('at most `concurrency` requests in flight per server, and the least busy server gets the next', async () => {
    const slow = { latencyMs: 100 };
    await withServers([slow, slow, slow], async (servers) => {
      const items = smallItems(9);
      const config = configFor(
        servers.map((s) => s.url),
        { concurrency: 2 },
      );
      const result = await (await localReviewer(config)).review(items);
      expect([...result.outcomes.values()]).toEqual(items.map(() => ({ status: 'reviewed' })));
      // The first six go out at once, two to each; the last three to whichever frees a slot first.
      expect(servers.map((s) => s.peakConcurrentChats)).toEqual([2, 2, 2]);
      expect(servers.every((s) => s.chatCount >= 2)).toBe(true);
      expect(servers.reduce((n, s) => n + s.chatCount, 0)).toBe(9);
    });
  });
});

test('a whole run over an OpenAI-compatible pool: the down server is said once, usage names each server', async () => {
  const servers = await Promise.all([startFakeOpenAI({ latencyMs: 20 }), startFakeOpenAI({ latencyMs: 20 })]);
  const repo = createRepo();
  try {
    const down = `${await closedPortUrl()}/v1`;
    repo.commit('base', { 'src/a.js': 'export const a = 1;\n', 'src/b.js': 'export const b = 1;\n' });
    repo.commit('change', { 'src/a.js': 'export const a = 2;\n', 'src/b.js': 'export const b = 2;\n' });
    const config = configSchema.parse({
      local: { provider: 'openai', hosts: [down, ...servers.map((s) => s.url)], batch_tokens: 256 },
      cache: { enabled: false },
    });
    const result = await runReview({
      cwd: repo.dir,
      env: {},
      config,
      spec: { kind: 'range', range: 'HEAD~1' },
      mode: 'cli',
      dryRun: false,
      signal: new AbortController().signal,
      allowClaude: false,
    });
    expect(result.outcomes.map((o) => o.status)).toEqual(['reviewed', 'reviewed']);
    expect(result.usage).toEqual([
      expect.objectContaining({
        provider: 'openai',
        role: 'local',
        requests: 2,
        hosts: expect.arrayContaining(
          servers.map((s) => expect.objectContaining({ host: s.url, requests: 1 })),
        ),
      }),
    ]);
    const notes = result.notices.map(describeNotice).filter((n) => n.includes(down));
    expect(notes).toEqual([expect.stringMatching(`local server ${down} was skipped: .*not reachable`)]);
    expect(toJsonReport(result).usage[0]?.hosts).toHaveLength(2);
    expect(renderTerminal(result, { color: false, verbose: false })).toMatch(
      /per server: 127\.0\.0\.1:\d+\/v1 1, 127\.0\.0\.1:\d+\/v1 1/,
    );
  } finally {
    repo.cleanup();
    await Promise.all(servers.map((s) => s.close()));
  }
});
