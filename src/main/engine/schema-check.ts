// Every structured result is parsed and validated against the job's JSON Schema; violations are kept per job.
import { Ajv, type ValidateFunction } from 'ajv';
import type { JsonSchema } from '../../shared/domain.ts';

const ajv = new Ajv({ allErrors: true, strict: false });
const compiled = new Map<string, ValidateFunction>();

export interface SchemaCheck {
  parsed: unknown;
  errors: string[];
}

export function checkAgainstSchema(text: string | null, schema: JsonSchema): SchemaCheck {
  if (text === null) return { parsed: null, errors: ['no output to validate'] };
  let parsed: unknown;
  try {
    parsed = JSON.parse(text.trim().replace(/^```(?:json)?\s*|\s*```$/g, ''));
  } catch {
    return { parsed: null, errors: ['the output is not valid JSON'] };
  }
  const key = JSON.stringify(schema);
  let validate = compiled.get(key);
  if (!validate) {
    try {
      validate = ajv.compile(schema);
    } catch (error) {
      return { parsed, errors: [`the schema itself is invalid: ${(error as Error).message}`] };
    }
    compiled.set(key, validate);
  }
  if (validate(parsed)) return { parsed, errors: [] };
  return { parsed, errors: (validate.errors ?? []).map((e) => `${e.instancePath || '/'} ${e.message ?? 'is invalid'}`) };
}
