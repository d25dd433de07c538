// Which values a run's agreement compares, and what kind they are, decided from the run's JSON Schema:
//   enum of strings or booleans, boolean → nominal (the enum's order is the label order);
//   enum of numbers only (a rating scale) → ordinal, low to high;
//   integer or number → interval;
//   string without enum → nominal over the distinct answers.
// `level` overrides the kind (ordinal on a string enum takes the enum's order as low → high). A run without a
// schema compares labels read from the free-text answers (extractLabel), which needs the labels.
import type { FieldDescription, RatingValue } from '../../analysis/agreement/index.ts';
import type { AgreementRequest } from '../../../shared/contract.ts';
import type { JsonSchema } from '../../../shared/domain.ts';
import { InputError } from '../../core/errors.ts';

export interface RunField {
  description: FieldDescription;
  /** Structured: the top-level property read from each parsed answer; null: labels read from the answer text. */
  property: string | null;
  /** Free text: the labels extractLabel looks for. */
  labels: string[] | null;
}

type Level = NonNullable<AgreementRequest['level']>;

const isRating = (value: unknown): value is RatingValue => ['string', 'number', 'boolean'].includes(typeof value);

function typesOf(property: Record<string, unknown>): string[] {
  const type = property.type;
  return Array.isArray(type) ? type.filter((t): t is string => typeof t === 'string' && t !== 'null') : typeof type === 'string' ? [type] : [];
}

function describe(name: string, kind: Level, levels: RatingValue[] | undefined): FieldDescription {
  if (kind === 'interval') return { kind, name };
  return { kind, name, ...(levels ? { levels } : {}) };
}

function structuredField(schema: JsonSchema, name: string, level: Level | undefined): FieldDescription {
  const properties = (schema.properties ?? {}) as Record<string, unknown>;
  const property = properties[name];
  if (typeof property !== 'object' || property === null) {
    const names = Object.keys(properties);
    throw new InputError(`the run's schema has no field "${name}"${names.length ? `: give --field with one of ${names.map((n) => `"${n}"`).join(', ')}` : ''}`);
  }
  const spec = property as Record<string, unknown>;
  const types = typesOf(spec);
  if (Array.isArray(spec.enum)) {
    const values = spec.enum.filter(isRating);
    if (values.length === 0) throw new InputError(`field "${name}" has an enum with no labels or numbers to compare`);
    const numeric = values.every((v) => typeof v === 'number');
    const kind = level ?? (numeric ? 'ordinal' : 'nominal');
    if (kind === 'interval' && !numeric) throw new InputError(`field "${name}" holds labels, not numbers: it cannot be interval (use --level nominal or ordinal)`);
    return describe(name, kind, numeric ? [...(values as number[])].sort((a, b) => a - b) : values);
  }
  if (types.includes('boolean')) return describe(name, level ?? 'nominal', [false, true]);
  if (types.includes('integer') || types.includes('number')) return describe(name, level ?? 'interval', undefined);
  if (types.includes('string')) {
    if (level === 'interval') throw new InputError(`field "${name}" is a string: it cannot be interval`);
    if (level === 'ordinal') throw new InputError(`field "${name}" is a string without an enum, so its labels have no order: give the schema an enum`);
    return describe(name, 'nominal', undefined);
  }
  throw new InputError(`field "${name}" is ${types.join(' or ') || 'not a simple value'}: agreement compares labels, booleans or numbers; name such a field`);
}

/** The field a request asks for, given the run's schema (the first one when jobs differ), or why it cannot be compared. */
export function runField(schema: JsonSchema | null, request: Pick<AgreementRequest, 'field' | 'level' | 'labels'>): RunField {
  if (schema) {
    if (request.labels) throw new InputError('--labels is for runs without structured output: this run has a schema, so name one of its fields with --field');
    if (!request.field) {
      const names = Object.keys((schema.properties ?? {}) as object);
      throw new InputError(`give --field NAME: the field of the run's schema to compare${names.length ? ` (one of ${names.map((n) => `"${n}"`).join(', ')})` : ''}`);
    }
    return { description: structuredField(schema, request.field, request.level), property: request.field, labels: null };
  }
  if (!request.labels) throw new InputError('this run has no structured output: give the labels to read from its answers with --labels a,b,c (low to high for --level ordinal)');
  if (request.level === 'interval') throw new InputError('labels read from free text cannot be interval: use --level nominal or ordinal');
  return { description: describe(request.field ?? 'answer', request.level ?? 'nominal', request.labels), property: null, labels: request.labels };
}
