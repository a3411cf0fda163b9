// The published JSON Schema of config.yml, generated from the zod schema (input side: what a user may
// write, with descriptions and defaults). scripts/gen-schema.mjs writes it to schema/config.json.
import { z } from 'zod';
import { configSchema } from './schema.js';

export const CONFIG_SCHEMA_ID = 'https://hunkwise.dev/schema/config.json';

export function configJsonSchema(): Record<string, unknown> {
  const schema = z.toJSONSchema(configSchema, {
    io: 'input',
    target: 'draft-2020-12',
    unrepresentable: 'any',
  });
  return {
    $schema: schema.$schema,
    $id: CONFIG_SCHEMA_ID,
    title: 'hunkwise config.yml',
    description:
      'Configuration of hunkwise, the hunk-by-hunk code reviewer. Every key is optional; defaults apply.',
    ...Object.fromEntries(Object.entries(schema).filter(([key]) => key !== '$schema')),
  };
}

/** The file's exact text, so the staleness test compares bytes. */
export function configJsonSchemaText(): string {
  return `${JSON.stringify(configJsonSchema(), null, 2)}\n`;
}
