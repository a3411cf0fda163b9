// `review memory import --pr N`: the dismissals made in a pull request's conversation (and kept in hunkwise's
// summary), written to the memory file so they hold in every later review, not only in that pull request.
import { loadConfig } from '../../config/load.js';
import { EXIT, ServiceError, UsageError } from '../../errors.js';
import { createGit } from '../../git/git.js';
import { repositoryRoot } from '../../git/root.js';
import { conversationDismissals } from '../../host/conversation.js';
import { readEarlierState } from '../../host/earlier.js';
import { hostFor } from '../../host/hosts.js';
import { HostRequestError } from '../../host/reviewHost.js';
import { alreadyDismissed } from '../../memory/dismissRecord.js';
import { formatRecord } from '../../memory/formatRecord.js';
import { appendRecords, loadMemory } from '../../memory/memoryFile.js';
import type { DismissRecord } from '../../memory/record.js';
import { githubMessages as gm } from '../../messages/github.js';
import { memoryMessages as m } from '../../messages/memory.js';
import type { CliIo } from '../io.js';

export interface ImportOptions {
  pr: string | undefined;
  dryRun: boolean;
  configPath: string | undefined;
}

/** `owner/name` of a github.com remote URL (https or ssh), or null. */
export function repositoryOfRemote(url: string): string | null {
  const match = /github\.com[:/]([A-Za-z0-9_.-]+)\/([A-Za-z0-9_.-]+?)(?:\.git)?\/?$/.exec(url.trim());
  return match ? `${match[1]}/${match[2]}` : null;
}

async function repositoryOf(root: string, env: CliIo['env']): Promise<{ owner: string; repo: string }> {
  const named =
    env.GITHUB_REPOSITORY?.trim() ||
    repositoryOfRemote(
      await createGit(root)
        .text(['remote', 'get-url', 'origin'])
        .catch(() => ''),
    );
  const [owner, repo] = named?.split('/') ?? [];
  if (!owner || !repo) throw new UsageError(m.importNoRepo());
  return { owner, repo };
}

export async function importCommand(io: CliIo, options: ImportOptions): Promise<number> {
  if (!options.pr) throw new UsageError(m.importNeedsPr());
  const pullNumber = Number(options.pr);
  if (!Number.isSafeInteger(pullNumber) || pullNumber <= 0) throw new UsageError(m.importBadPr(options.pr));
  const root = await repositoryRoot(io.cwd);
  const { config } = await loadConfig({ cwd: root, path: options.configPath, env: io.env });
  const token = io.env.GITHUB_TOKEN?.trim();
  if (!token) throw new UsageError(m.importNoToken());
  const { owner, repo } = await repositoryOf(root, io.env);
  const log = (line: string) => void io.stderr.write(`review: ${line}\n`);
  const apiUrl = io.env.GITHUB_API_URL?.trim() || 'https://api.github.com';
  const adapter = hostFor(io.env);
  const host = await adapter.connect(
    { repository: `${owner}/${repo}`, number: pullNumber },
    { token, apiUrl },
    { log },
  );
  let records: DismissRecord[];
  try {
    // Run by a person with their own token: hunkwise's comments are the CI's, not this token's account.
    const poster = config.github.bot_login ?? adapter.defaultPoster;
    records = conversationDismissals(await readEarlierState(host, poster));
  } catch (error) {
    if (!(error instanceof HostRequestError)) throw error;
    throw new ServiceError(gm.cannotReadPullRequest(error.status, error.detail));
  }
  if (records.length === 0) {
    io.stdout.write(`${m.importNone(pullNumber)}\n`);
    return EXIT.ok;
  }
  const memory = await loadMemory(root, config);
  const existing = memory.records.filter((r): r is DismissRecord => r.kind === 'dismiss');
  const fresh = records.filter((r) => !alreadyDismissed(existing, r));
  if (options.dryRun) {
    io.stdout.write(
      `${m.importDry(fresh.length, memory.label)}\n${fresh.map((r) => `${formatRecord(r)}\n`).join('')}`,
    );
    return EXIT.ok;
  }
  appendRecords(memory.path, fresh);
  io.stdout.write(`${m.importDone(fresh.length, records.length - fresh.length, memory.label)}\n`);
  return EXIT.ok;
}
