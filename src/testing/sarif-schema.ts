// Test helper: validates a SARIF log against the official OASIS SARIF 2.1.0 schema (draft-07), as
// shipped in the npm package @datadog/datadog-ci-plugin-sarif (devDependency, pinned to 5.11.0:
// later versions bundle it into JS). The schema is read from node_modules, never copied here.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { Ajv } from 'ajv';
import type { ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';

const require = createRequire(import.meta.url);
export const SCHEMA_PATH = join(dirname(require.resolve('@datadog/datadog-ci-plugin-sarif/package.json')), 'dist', 'json-schema', 'sarif-schema-2.1.0.json');
export const sarifSchema = JSON.parse(readFileSync(SCHEMA_PATH, 'utf8')) as Record<string, unknown>;

let validateFn: ValidateFunction | undefined;
export function sarifValidator(): ValidateFunction {
  if (!validateFn) {
    // Ajv's default class speaks draft-07, the schema's dialect. Strict mode stays on except for
    // strictRequired: the official schema lists "index" as required in an anyOf branch of
    // artifactLocation without declaring it there, which Ajv's strict mode rejects.
    const ajv = new Ajv({ allErrors: true, strict: true, strictRequired: false });
    addFormats.default(ajv);
    validateFn = ajv.compile(sarifSchema);
  }
  return validateFn;
}

export function assertValidSarif(log: unknown): void {
  const validate = sarifValidator();
  const ok = validate(log);
  assert.ok(ok, `SARIF does not validate against the official schema:\n${JSON.stringify(validate.errors, null, 2)}`);
}
