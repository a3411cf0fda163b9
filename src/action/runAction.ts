// The GitHub Action (action.yml): inputs → `review pr` in-process → SARIF on request → step outputs.
// Bundled into action/dist/index.js so a workflow in any repository runs it without installing or building.
import { mkdir, writeFile } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import { type PrDeps, type PrOutcome, prCommand } from '../cli/commands/pr.js';
import type { CliIo } from '../cli/io.js';
import { reportFailure, withSafeStreams } from '../cli/main.js';
import { actionMessages as m } from '../messages/action.js';
import { blockingFindings } from '../policy/exitCode.js';
import { renderAs } from '../report/formats.js';
import { type ActionInputs, applyInputs, defaultOutput, prArguments, readActionInputs } from './inputs.js';
import { type ActionOutputs, describeOutputs, writeOutputs } from './outputs.js';

/** The runner's environment with the secrets given as inputs in the variables hunkwise reads. */
function reviewEnv(env: CliIo['env'], inputs: ActionInputs): CliIo['env'] {
  return {
    ...env,
    ...(inputs.githubToken ? { GITHUB_TOKEN: inputs.githubToken } : {}),
    ...(inputs.anthropicApiKey ? { ANTHROPIC_API_KEY: inputs.anthropicApiKey } : {}),
  };
}

async function outputsOf(
  inputs: ActionInputs,
  outcome: PrOutcome | null,
  cwd: string,
  log: (line: string) => void,
): Promise<ActionOutputs> {
  let sarifFile = '';
  if (inputs.format === 'sarif') sarifFile = resolve(cwd, inputs.output ?? defaultOutput('sarif'));
  if (outcome && inputs.sarifFile) {
    sarifFile = resolve(cwd, inputs.sarifFile);
    await mkdir(dirname(sarifFile), { recursive: true });
    const sarif = await renderAs('sarif', outcome.result, { color: false, verbose: false, mode: 'ci' });
    await writeFile(sarifFile, sarif);
    log(m.sarifWritten(sarifFile, outcome.result.findings.length));
  }
  return {
    findings: outcome ? String(outcome.result.findings.length) : '',
    blocking: outcome ? String(blockingFindings(outcome.result, outcome.config, 'ci').length) : '',
    'sarif-file': sarifFile,
  };
}

/** One Action run; returns the exit code (non-zero fails the step). `deps` is the test seam of `review pr`. */
export async function runAction(raw: CliIo, deps: Pick<PrDeps, 'client'> = {}): Promise<number> {
  const io = withSafeStreams(raw);
  const log = (line: string) => void io.stderr.write(`hunkwise: ${line}\n`);
  try {
    const inputs = readActionInputs(io.env);
    const cwd = resolve(io.env.GITHUB_WORKSPACE ?? io.cwd, inputs.workingDirectory);
    // A workflow names a file in a folder nothing created yet (hunkwise-out/findings.json): create it.
    if (inputs.format !== 'github')
      await mkdir(dirname(resolve(cwd, inputs.output ?? defaultOutput(inputs.format))), { recursive: true });
    let outcome: PrOutcome | null = null;
    const code = await prCommand(
      prArguments(inputs),
      { ...io, cwd, env: reviewEnv(io.env, inputs) },
      {
        ...deps,
        adjustConfig: (config) => applyInputs(config, inputs),
        onOutcome: (judged) => {
          outcome = judged;
        },
      },
    );
    const outputs = await outputsOf(inputs, outcome, cwd, log);
    const file = io.env.GITHUB_OUTPUT;
    if (file) await writeOutputs(file, outputs);
    else log(m.noOutputFile());
    log(m.outputs(describeOutputs(outputs)));
    return code;
  } catch (error) {
    return reportFailure(error, io);
  }
}
