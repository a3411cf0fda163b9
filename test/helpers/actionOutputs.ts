// Reads the file an Action step wrote through GITHUB_OUTPUT, as the runner does.
// @see https://docs.github.com/en/actions/reference/workflows-and-actions/workflow-commands#setting-an-output-parameter

/** `name<<DELIM` / value / `DELIM` blocks (and plain `name=value` lines) → {name: value}. */
export function parseOutputFile(text: string): Record<string, string> {
  const outputs: Record<string, string> = {};
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i] as string;
    const block = /^([\w-]+)<<(\S+)$/.exec(line);
    if (block) {
      const end = lines.indexOf(block[2] as string, i + 1);
      if (end < 0) throw new Error(`output ${block[1]} has no closing delimiter`);
      outputs[block[1] as string] = lines.slice(i + 1, end).join('\n');
      i = end;
      continue;
    }
    const plain = /^([\w-]+)=(.*)$/.exec(line);
    if (plain) outputs[plain[1] as string] = plain[2] as string;
    else if (line !== '') throw new Error(`unreadable output line: ${line}`);
  }
  return outputs;
}
