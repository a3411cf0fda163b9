// The SARIF 2.1.0 JSON Schema (as shipped by @microsoft/jest-sarif, the schema published on SchemaStore), applied
// by a real JSON Schema validator: what GitHub code scanning and other SARIF viewers expect.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { type Schema, Validator } from '@cfworker/json-schema';

const require = createRequire(import.meta.url);
let validator: Validator | undefined;

/** Every place `log` breaks the SARIF 2.1.0 schema, as `instance path: error`; empty when it is valid. */
export function sarifSchemaErrors(log: unknown): string[] {
  validator ??= new Validator(
    JSON.parse(
      readFileSync(require.resolve('@microsoft/jest-sarif/lib/schemas/sarif-2.1.0-rtm.5.json'), 'utf8'),
    ) as Schema,
    '4',
    false,
  );
  const result = validator.validate(JSON.parse(JSON.stringify(log)));
  return result.errors.map((e) => `${e.instanceLocation}: ${e.error}`);
}
