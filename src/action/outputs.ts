// Step outputs through the file named by GITHUB_OUTPUT, in the multi-line form with a delimiter no value contains.
// @see https://docs.github.com/en/actions/reference/workflows-and-actions/workflow-commands#setting-an-output-parameter
import { randomUUID } from 'node:crypto';
import { appendFile } from 'node:fs/promises';

export interface ActionOutputs {
  /** Findings standing on the pull request after this run (every severity); empty when nothing was judged. */
  findings: string;
  /** Of those, the ones that fail the step (fail-on / fail_on.ci, and rule-found secrets). */
  blocking: string;
  /** Absolute path of the SARIF file written, or empty. */
  'sarif-file': string;
}

/** Pure: `name<<DELIM` / value / `DELIM` blocks; the delimiter is checked against every value. */
export function formatOutputs(outputs: ActionOutputs, delimiter: string): string {
  return Object.entries(outputs)
    .map(([name, value]) => {
      if (value.includes(delimiter)) throw new Error(`output ${name} contains the delimiter`);
      return `${name}<<${delimiter}\n${value}\n${delimiter}\n`;
    })
    .join('');
}

/** `findings=3 blocking=1 sarif-file=…`, for the log. */
export function describeOutputs(outputs: ActionOutputs): string {
  return Object.entries(outputs)
    .map(([name, value]) => `${name}=${value}`)
    .join(' ');
}

export async function writeOutputs(file: string, outputs: ActionOutputs): Promise<void> {
  await appendFile(file, formatOutputs(outputs, `ghadelimiter_${randomUUID()}`));
}
