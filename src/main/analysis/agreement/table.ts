// The input of the agreement statistics: a table of units (rows, dataset rows or files) × raters (models, and
// optionally a gold column as one more rater), plus a description of the field the values belong to. encodeTable
// checks it and turns every value into the index of its level, so each statistic works on small integers.
import { z } from 'zod';
import { RatingValueSchema, type RatingValue } from '../../../shared/agreement-report.ts';
import { InputError } from '../../core/errors.ts';

export { RatingValueSchema, type RatingValue };

export const RatingTableSchema = z.object({
  /** Column names: model ids, and the gold column's name if there is one. */
  raters: z.array(z.string().min(1, 'a rater name is empty')).min(1, 'the table has no raters'),
  /** One row per unit; values[i] is raters[i]'s rating (null = missing). */
  units: z.array(z.object({ id: z.string().min(1, 'a unit id is empty'), values: z.array(RatingValueSchema.nullable()) })),
});
export type RatingTable = z.infer<typeof RatingTableSchema>;

const LevelsSchema = z.array(RatingValueSchema).min(1, 'levels is empty').optional();

/** What kind of values the field holds, which decides the statistics that apply and the label order. */
export const FieldDescriptionSchema = z.discriminatedUnion('kind', [
  /** Unordered labels; levels (e.g. the enum values) fix the label order of the matrices, else the values sorted. */
  z.object({ kind: z.literal('nominal'), name: z.string().optional(), levels: LevelsSchema }),
  /** Ordered labels, low to high; levels are required unless every value is a number. */
  z.object({ kind: z.literal('ordinal'), name: z.string().optional(), levels: LevelsSchema }),
  /** Numbers whose differences mean something (scores, counts, years). */
  z.object({ kind: z.literal('interval'), name: z.string().optional() }),
]);
export type FieldDescription = z.infer<typeof FieldDescriptionSchema>;
export type FieldKind = FieldDescription['kind'];

export interface EncodedTable {
  raters: string[];
  unitIds: string[];
  kind: FieldKind;
  /** The label order used by every matrix and per-class table of the report. */
  levels: RatingValue[];
  /** Interval fields: the number each level stands for; else null (ordinal statistics use only the order). */
  numeric: number[] | null;
  /** codes[unit * raters.length + rater] = level index, or -1 when missing. */
  codes: Int32Array;
}

export const MISSING = -1;

const keyOf = (value: RatingValue): string => `${typeof value}:${String(value)}`;
const show = (value: unknown): string => JSON.stringify(value);
const fieldName = (field: FieldDescription): string => (field.name ? `field "${field.name}"` : 'the field');

function zodProblems(error: z.ZodError, what: string): string[] {
  return error.issues.map((issue) => `${what}${issue.path.length ? ` at ${issue.path.join('.')}` : ''}: ${issue.message}`);
}

function byTypeThenValue(a: RatingValue, b: RatingValue): number {
  const rank = (v: RatingValue) => ['number', 'boolean', 'string'].indexOf(typeof v);
  if (rank(a) !== rank(b)) return rank(a) - rank(b);
  if (typeof a === 'number' && typeof b === 'number') return a - b;
  return String(a) < String(b) ? -1 : String(a) > String(b) ? 1 : 0;
}

function distinctValues(table: RatingTable): RatingValue[] {
  const seen = new Map<string, RatingValue>();
  for (const unit of table.units) for (const value of unit.values) if (value !== null) seen.set(keyOf(value), value);
  return [...seen.values()].sort(byTypeThenValue);
}

function checkShape(table: RatingTable): string[] {
  const problems: string[] = [];
  const raterSeen = new Set<string>();
  for (const rater of table.raters) {
    if (raterSeen.has(rater)) problems.push(`rater "${rater}" appears twice in the table's raters; give each column a unique name`);
    raterSeen.add(rater);
  }
  const unitSeen = new Set<string>();
  for (const [index, unit] of table.units.entries()) {
    if (unitSeen.has(unit.id)) problems.push(`unit "${unit.id}" (row ${index + 1}) appears twice; unit ids must be unique`);
    unitSeen.add(unit.id);
    if (unit.values.length !== table.raters.length) {
      problems.push(`unit "${unit.id}" (row ${index + 1}) has ${unit.values.length} values for ${table.raters.length} raters; give one value (or null) per rater`);
    }
  }
  return problems;
}

function levelsFor(table: RatingTable, field: FieldDescription): RatingValue[] {
  const observed = distinctValues(table);
  if (field.kind === 'interval') {
    const bad = observed.find((v) => typeof v !== 'number');
    if (bad !== undefined) throw new InputError(`${fieldName(field)} is interval, but the value ${show(bad)} is not a number; map it to a number or to null`);
    return observed;
  }
  if (field.levels) {
    const seen = new Set<string>();
    for (const level of field.levels) {
      if (seen.has(keyOf(level))) throw new InputError(`${fieldName(field)}: level ${show(level)} is listed twice in levels`);
      seen.add(keyOf(level));
    }
    return field.levels;
  }
  if (field.kind === 'ordinal' && observed.some((v) => typeof v !== 'number')) {
    throw new InputError(`${fieldName(field)} is ordinal with labels that are not numbers; give its levels in order, low to high`);
  }
  return observed;
}

/** Checks the table against the field and encodes it; throws an InputError that names the unit and rater at fault. */
export function encodeTable(input: unknown, fieldInput: unknown): EncodedTable {
  const parsedTable = RatingTableSchema.safeParse(input);
  if (!parsedTable.success) throw new InputError(zodProblems(parsedTable.error, 'agreement table'));
  const parsedField = FieldDescriptionSchema.safeParse(fieldInput);
  if (!parsedField.success) throw new InputError(zodProblems(parsedField.error, 'field description'));
  const table = parsedTable.data;
  const field = parsedField.data;
  const shape = checkShape(table);
  if (shape.length) throw new InputError(shape);

  const levels = levelsFor(table, field);
  const index = new Map(levels.map((level, i) => [keyOf(level), i]));
  const raterCount = table.raters.length;
  const codes = new Int32Array(table.units.length * raterCount).fill(MISSING);
  const problems: string[] = [];
  table.units.forEach((unit, u) => {
    unit.values.forEach((value, r) => {
      if (value === null) return;
      const code = index.get(keyOf(value));
      if (code === undefined) {
        problems.push(`unit "${unit.id}", rater "${table.raters[r]}": ${show(value)} is not one of the levels ${show(levels)}; map it to a level or to null`);
      } else codes[u * raterCount + r] = code;
    });
  });
  if (problems.length) throw new InputError(problems);

  return {
    raters: table.raters,
    unitIds: table.units.map((unit) => unit.id),
    kind: field.kind,
    levels,
    numeric: field.kind === 'interval' ? (levels as number[]) : null,
    codes,
  };
}

export const unitCount = (table: EncodedTable): number => table.unitIds.length;
export const codeAt = (table: EncodedTable, unit: number, rater: number): number => table.codes[unit * table.raters.length + rater]!;

export interface RatingPatterns {
  /** One row per distinct rating pattern (unit ids are those of each pattern's first unit). */
  table: EncodedTable;
  /** patternOf[unit] = its pattern's row. */
  patternOf: Int32Array;
  /** Units per pattern: the weights that make the pattern table count like the full one. */
  counts: Float64Array;
}

/**
 * Units with identical ratings contribute identically to every statistic, so the statistics run over the distinct
 * rating patterns weighted by their counts: a labelled field of 20,000 rows has a few hundred patterns at most.
 */
export function ratingPatterns(table: EncodedTable): RatingPatterns {
  const raterCount = table.raters.length;
  const rowOf = new Map<string, number>();
  const patternOf = new Int32Array(table.unitIds.length);
  const firstUnits: number[] = [];
  for (let u = 0; u < table.unitIds.length; u++) {
    const key = table.codes.subarray(u * raterCount, (u + 1) * raterCount).join(',');
    let row = rowOf.get(key);
    if (row === undefined) {
      row = firstUnits.length;
      rowOf.set(key, row);
      firstUnits.push(u);
    }
    patternOf[u] = row;
  }
  const codes = new Int32Array(firstUnits.length * raterCount);
  firstUnits.forEach((u, row) => codes.set(table.codes.subarray(u * raterCount, (u + 1) * raterCount), row * raterCount));
  const counts = new Float64Array(firstUnits.length);
  for (const row of patternOf) counts[row]! += 1;
  return { table: { ...table, unitIds: firstUnits.map((u) => table.unitIds[u]!), codes }, patternOf, counts };
}
