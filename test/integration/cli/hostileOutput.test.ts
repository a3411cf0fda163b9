// Model output is untrusted: through the whole CLI, loopback Ollama and Anthropic servers answer with findings
// full of terminal escape sequences, and the file under review has a name with a line break, an escape and a
// bidi override. Nothing of it may act on the terminal (or on a CI runner reading workflow commands), and the
// name must reach the prompt escaped.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, test } from 'vitest';
import { userPrompt } from '../../fakes/ollamaServer.js';
import { createRepo, type TempRepo } from '../../helpers/gitRepo.js';
import { expectTerminalSafe, RAW_CONTROL, TERMINAL_ATTACKS } from '../../helpers/hostileText.js';
import { useLoopbackModels } from '../../helpers/loopbackModels.js';
import { runCli } from '../../helpers/runCli.js';

const servers = useLoopbackModels();
let repo: TempRepo;
afterEach(() => repo?.cleanup());

/** A file name no one should have to trust: a line break, an escape sequence, a bidi override. */
const WEIRD = 'src/we\nird\u001b[2J\u202e.ts';

function change(config = '') {
  repo = createRepo(config ? { 'config.yml': config } : {});
  repo.commit('base', { 'src/a.ts': 'export const a = 1;\n' });
  repo.commit('change', {
    'src/a.ts': 'export const a = 1;\nexport const b = 2;\n',
    [WEIRD]: 'export const c = 3;\n',
  });
}

const env = (extra: Record<string, string> = {}) => ({
  OLLAMA_HOST: servers.ollama.url,
  ANTHROPIC_API_KEY: 'test-key',
  ANTHROPIC_BASE_URL: servers.anthropic.url,
  HUNKWISE_CACHE_DIR: mkdtempSync(join(tmpdir(), 'hw-hostile-cache-')),
  ...extra,
});

const hostileFinding = (file: string, line: number, quote: string) => ({
  file,
  line,
  severity: 'major',
  category: 'bug',
  message: `${TERMINAL_ATTACKS}\n::error file=x.ts::forged annotation\n  ::add-mask::secret`,
  quote,
  suggestion: `fixed\u001b]0;title\u0007\r\n::warning::also forged`,
});

describe('hostile model output in the terminal', () => {
  test.for([
    ['NO_COLOR=1 (a pipe)', { NO_COLOR: '1' }],
    ['FORCE_COLOR=1 (a terminal)', { NO_COLOR: '', FORCE_COLOR: '1' }],
  ] as const)(
    'local model, %s: no escape of the model acts; hunkwise keeps only its own colours',
    async ([, colour]) => {
      change();
      servers.ollama.script({
        findings: [
          hostileFinding('src/a.ts', 2, 'export const b = 2;'),
          // The model names the odd file as the prompt showed it: escaped.
          {
            ...hostileFinding('src/we\\nird\\u001b[2J\\u202e.ts', 1, 'export const c = 3;'),
            severity: 'minor',
          },
        ],
      });
      const run = await runCli(['HEAD~1'], { cwd: repo.dir, env: env(colour) });
      expect(run.code).toBe(0);
      const own = run.stdout.replace(/\u001b\[[0-9;]*m/g, ''); // hunkwise's colours, when on
      expectTerminalSafe(own);
      expectTerminalSafe(run.stderr);
      if ('FORCE_COLOR' in colour) {
        expect(run.stdout).toContain('\u001b[31mMAJOR'); // its own colour is still there
        expect(run.stdout).not.toContain('\u001b[31;8m'); // the model's is not
      } else expect(run.stdout).not.toContain('\u001b');
      // Shown, not acted on: the reader sees what the model tried.
      expect(own).toContain('clears\\u001b[2J\\u001b[H');
      expect(own).toContain('\\u001b]8;;https://evil.example/\\u0007click me');
      expect(own).toContain('overwrites\\rOK');
      expect(own).toContain('isolates\\u2066\\u202eevil');
      expect(own).toContain('csi8bit\\u009b2J');
      // The odd file's finding is placed on it, and its name printed on one line, escaped.
      expect(own).toContain('src/we\\nird\\u001b[2J\\u202e.ts:1');
      // No line a GitHub Actions runner would read as a workflow command (it trims leading spaces).
      expect(own.split('\n').filter((line) => /^\s*::/.test(line))).toEqual([]);
      expect(own).toContain('\\u003a:error file=x.ts::forged annotation');
      expect(own).toContain('\\u003a:warning::also forged');
    },
  );

  test('the odd file name reaches the prompt escaped: it adds no line and reads as what it is', async () => {
    change();
    await runCli(['HEAD~1'], { cwd: repo.dir, env: env({ NO_COLOR: '1' }) });
    const prompt = userPrompt(servers.ollama.chats()[0]!);
    expect(prompt).not.toMatch(RAW_CONTROL);
    expect(prompt).toContain('file="src/we\\nird\\u001b[2J\\u202e.ts">>>');
    expect(prompt).toContain('\nfile: "src/we\\nird\\u001b[2J\\u202e.ts"\n');
    expect(prompt).toContain('\nfile: src/a.ts\n'); // plain names as before
    expect(prompt.split('\n').filter((line) => line.startsWith('ird'))).toEqual([]);
  });

  test('Claude, --format json: the document stays valid JSON with the same text, and no raw control reaches stdout', async () => {
    change('routing:\n  always_claude: ["**"]\nlocal:\n  enabled: false\n');
    const findings = [hostileFinding('src/a.ts', 2, 'export const b = 2;')];
    servers.anthropic.script({ type: 'message', text: JSON.stringify({ findings }) });
    const run = await runCli(['HEAD~1', '--format', 'json'], { cwd: repo.dir, env: env({ NO_COLOR: '1' }) });
    expect(servers.anthropic.requests.length).toBeGreaterThan(0);
    expectTerminalSafe(run.stdout);
    const report = JSON.parse(run.stdout) as { findings: Array<{ message: string; suggestion: string }> };
    expect(report.findings[0]?.message).toBe(findings[0]?.message); // escapes are JSON's own: same value
    expect(report.findings[0]?.suggestion).toBe(findings[0]?.suggestion);
    expect(report.findings.map((f) => f.message)).toHaveLength(1);
  });
});
