// The JSON Schema sent to the models and the zod check applied to their answers agree: every finding the schema
// allows is accepted, and the check only adds repairs. The schema side is judged by a real JSON Schema validator.
import { Validator } from '@cfworker/json-schema';
import { describe, expect, test } from 'vitest';
import {
  findingCandidateSchema,
  findingsJsonSchema,
  NO_LINE,
  SCHEMA_KEYWORDS,
} from '../../../src/review/findingSchema.js';
import { MODEL_FINDING as base } from './reviewItems.js';

const validator = new Validator(findingsJsonSchema as Record<string, never>, '7', false);
/** What arrives is JSON: an `undefined` key is a missing key. */
const wire = (finding: unknown): unknown => JSON.parse(JSON.stringify(finding));
const schemaAllows = (finding: unknown) => validator.validate({ findings: [wire(finding)] }).valid;
const checked = (finding: unknown) => {
  const result = findingCandidateSchema.safeParse(wire(finding));
  return result.success ? result.data : 'refused';
};

type Row = [name: string, finding: Record<string, unknown>, schema: boolean, check: object | 'refused'];

// What the schema allows, and what the check makes of it. `check` is the candidate the anchoring code receives.
const ROWS: Row[] = [
  ['a plain finding', base, true, base],
  ['line 0 (a remark about the whole file)', { ...base, line: 0 }, true, { ...base, line: NO_LINE }],
  ['a negative line', { ...base, line: -3 }, true, { ...base, line: NO_LINE }],
  ['a huge line', { ...base, line: 2 ** 53 }, true, { ...base, line: NO_LINE }],
  ['end_line 0', { ...base, end_line: 0 }, true, base],
  ['end_line below line', { ...base, end_line: 5 }, true, { ...base, end_line: 5 }],
  ['an empty quote', { ...base, quote: '' }, true, { ...base, quote: undefined }],
  ['an empty suggestion', { ...base, suggestion: '' }, true, base],
  ['a suggestion', { ...base, suggestion: 'const c = a;' }, true, { ...base, suggestion: 'const c = a;' }],
  // Outside the schema, repaired rather than lost:
  ['a line as a string', { ...base, line: '12' }, false, base],
  ['a fractional line', { ...base, line: 1.5 }, false, { ...base, line: NO_LINE }],
  ['a null line', { ...base, line: null }, false, { ...base, line: NO_LINE }],
  ['no line at all', { ...base, line: undefined }, false, { ...base, line: NO_LINE }],
  ['a line that is a word', { ...base, line: 'top' }, false, { ...base, line: NO_LINE }],
  ['a null end_line', { ...base, end_line: null }, false, base],
  ['no quote', { ...base, quote: undefined }, false, { ...base, quote: undefined }],
  ['a severity word', { ...base, severity: 'High' }, false, { ...base, severity: 'critical' }],
  ['an unknown category', { ...base, category: 'Correctness' }, false, { ...base, category: 'other' }],
  ['an extra key', { ...base, confidence: 0.9 }, false, base],
  // Refused by both or by the check alone: no message to show, or no file to put it on.
  ['no message', { ...base, message: undefined }, false, 'refused'],
  ['no file', { ...base, file: undefined }, false, 'refused'],
  ['an empty message', { ...base, message: ' ' }, true, 'refused'],
  ['an empty file', { ...base, file: '' }, true, 'refused'],
  ['an unknown severity', { ...base, severity: 'urgent' }, false, 'refused'],
];

describe('the schema sent and the check applied', () => {
  test.for(ROWS)('%s', ([, finding, schema, check]) => {
    expect(schemaAllows(finding)).toBe(schema);
    const candidate = checked(finding);
    expect(candidate).toEqual(check);
  });

  test('everything the schema allows is accepted, except a blank message or file (nothing to report, nowhere to put it)', () => {
    const blank = (f: Record<string, unknown>) => f.message === ' ' || f.file === '';
    const refusedButAllowed = ROWS.filter(([, f]) => schemaAllows(f) && checked(f) === 'refused');
    expect(refusedButAllowed.every(([, f]) => blank(f))).toBe(true);
  });

  test('the generated schema keeps to the keywords both APIs accept, with every object closed', () => {
    const keywords = new Set<string>();
    const walk = (node: unknown): void => {
      if (!node || typeof node !== 'object') return;
      const schema = node as Record<string, unknown>;
      for (const key of Object.keys(schema)) keywords.add(key);
      if (schema.type === 'object') expect(schema.additionalProperties).toBe(false);
      for (const child of Object.values((schema.properties as object) ?? {})) walk(child);
      walk(schema.items);
    };
    walk(findingsJsonSchema);
    expect([...keywords].filter((k) => !(SCHEMA_KEYWORDS as readonly string[]).includes(k))).toEqual([]);
  });

  test('it tells the models that line 0 means the whole file', () => {
    const items = (findingsJsonSchema.properties as { findings: { items: { properties: object } } }).findings
      .items.properties as Record<string, { description?: string }>;
    expect(items.line?.description).toMatch(/0 when the finding is about the whole file/);
  });
});
