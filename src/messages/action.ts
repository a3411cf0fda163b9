// Every sentence the GitHub Action (action.yml → src/action) shows in the workflow log.
import { docsUrl } from './docsUrl.js';

export const actionMessages = {
  inputsInvalid: (problems: readonly string[]) =>
    `the action's inputs are invalid (see ${docsUrl('github.md')}):\n${problems.map((p) => `  - ${p}`).join('\n')}`,
  notOneOf: (name: string, value: string, allowed: readonly string[]) =>
    `${name}: "${value}" is not one of ${allowed.join(', ')}`,
  notBoolean: (name: string, value: string) => `${name}: "${value}" is not true or false`,
  badHost: (value: string) => `ollama-host: "${value}" is not a server address (http://host:port)`,
  outputWithGithub: () =>
    'output: only used with format json, sarif or rdjson (format github posts the review); use sarif-file for SARIF next to the review',
  artifactWithFormat: (format: string) =>
    `artifact: posts a fork-safe artifact and cannot be combined with format ${format}`,
  sarifWritten: (path: string, count: number) =>
    `SARIF with ${count} finding${count === 1 ? '' : 's'} written to ${path}`,
  outputs: (line: string) => `outputs: ${line}`,
  noOutputFile: () => 'GITHUB_OUTPUT is not set (not running in GitHub Actions?); outputs printed instead',
};
