// The published JSON Schema of `--format json` (schema/report.json), generated from the zod report schema.
import { z } from 'zod';
import { reportSchema } from './reportSchema.js';

export const REPORT_SCHEMA_ID = 'https://hunkwise.dev/schema/report.json';

export function reportJsonSchema(): Record<string, unknown> {
  const schema = z.toJSONSchema(reportSchema, { io: 'output', target: 'draft-2020-12' });
  return {
    $schema: schema.$schema,
    $id: REPORT_SCHEMA_ID,
    title: 'hunkwise review report (--format json)',
    ...Object.fromEntries(Object.entries(schema).filter(([key]) => key !== '$schema')),
  };
}

/** The file's exact text, so the staleness test compares bytes. */
export function reportJsonSchemaText(): string {
  return `${JSON.stringify(reportJsonSchema(), null, 2)}\n`;
}
