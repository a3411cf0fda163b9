// One option table → node's parseArgs and the help text, so the two never disagree.
import { parseArgs } from 'node:util';
import { UsageError } from '../errors.js';

export interface OptionSpec {
  type: 'boolean' | 'string';
  short?: string;
  value?: string;
  description: string;
}

export type OptionTable = Record<string, OptionSpec>;

export function parseOptions<T extends OptionTable>(args: string[], table: T, usage: string) {
  try {
    const parsed = parseArgs({
      args,
      options: Object.fromEntries(
        Object.entries(table).map(([name, spec]) => [
          name,
          { type: spec.type, ...(spec.short ? { short: spec.short } : {}) },
        ]),
      ),
      allowPositionals: true,
      strict: true,
    });
    return {
      values: parsed.values as { [K in keyof T]?: T[K]['type'] extends 'boolean' ? boolean : string },
      positionals: parsed.positionals,
    };
  } catch (error) {
    throw new UsageError(`${(error as Error).message.split('\n')[0]}\n${usage}`);
  }
}

export function helpText(usage: string, table: OptionTable, footer = ''): string {
  const rows = Object.entries(table).map(([name, spec]) => {
    const flag = `${spec.short ? `-${spec.short}, ` : '    '}--${name}${spec.value ? ` ${spec.value}` : ''}`;
    return `  ${flag.padEnd(28)} ${spec.description}`;
  });
  return `${usage}\n\nOptions:\n${rows.join('\n')}\n${footer}`;
}

/** `--config FILE`, as every command that reads config.yml spells it. */
export const CONFIG_OPTION = {
  type: 'string',
  short: 'c',
  value: 'FILE',
  description: 'Use FILE instead of config.yml at the repository root.',
} as const satisfies OptionSpec;

export const HELP_OPTION = {
  type: 'boolean',
  short: 'h',
  description: 'Show this help.',
} as const satisfies OptionSpec;
