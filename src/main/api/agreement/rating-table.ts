// A run's answers as the units × raters table the statistics take: one unit per input (a dataset row or a file:
// the jobs that share a label), one rater per model, and the gold column as one more rater. A job that did not
// succeed, or whose answer has no usable value for the field, is a missing rating; the notes count them.
import { extractLabel, normaliseAnswer, type RatingTable, type RatingValue } from '../../analysis/agreement/index.ts';
import type { JsonSchema } from '../../../shared/domain.ts';
import { InputError, NotFoundError } from '../../core/errors.ts';
import type { Store } from '../../store/store.ts';
import { runField, type RunField } from './field.ts';
import type { AgreementRequest } from '../../../shared/contract.ts';

export interface RunUnit {
  id: string;
  values: (RatingValue | null)[];
  /** The job behind each model's value (null for the gold column, or a model that has no job for this input). */
  jobIds: (string | null)[];
}

export interface RunTable {
  field: RunField;
  raters: string[];
  gold: string | null;
  units: RunUnit[];
  notes: string[];
}

const keyOf = (value: RatingValue) => (typeof value === 'string' ? `s:${normaliseAnswer(value)}` : `${typeof value}:${String(value)}`);
const isRating = (value: unknown): value is RatingValue => ['string', 'number', 'boolean'].includes(typeof value);

/** Maps a raw value onto the field's levels (by normalised text), or null when it is none of them. */
function levelMatcher(field: RunField): (value: unknown) => RatingValue | null {
  const description = field.description;
  if (description.kind === 'interval') return (value) => (typeof value === 'number' && Number.isFinite(value) ? value : null);
  const levels = description.levels;
  if (!levels) return (value) => (isRating(value) ? value : null);
  const byKey = new Map<string, RatingValue>();
  for (const level of levels) {
    byKey.set(keyOf(level), level);
    byKey.set(keyOf(String(level)), level);
  }
  return (value) => (isRating(value) ? (byKey.get(keyOf(value)) ?? byKey.get(keyOf(String(value))) ?? null) : null);
}

function goldReader(field: RunField, column: string): (raw: unknown, unit: string) => RatingValue | null {
  const match = levelMatcher(field);
  const levels = field.description.kind === 'interval' ? null : field.description.levels;
  return (raw, unit) => {
    if (raw === undefined || raw === null || (typeof raw === 'string' && raw.trim() === '')) return null;
    const text = typeof raw === 'string' ? raw.trim() : raw;
    const value = field.description.kind === 'interval' ? match(typeof text === 'string' ? Number(text) : text) : match(text);
    if (value !== null) return value;
    const expected = field.description.kind === 'interval' ? 'a number' : `one of ${JSON.stringify(levels)}`;
    throw new InputError(`row "${unit}": the gold column "${column}" holds ${JSON.stringify(raw)}, which is not ${expected}; correct the dataset or leave the cell empty`);
  };
}

function firstSchema(store: Store, runId: string): JsonSchema | null {
  for (const job of store.jobs.iterate(runId)) if (job.spec.schema) return job.spec.schema;
  return null;
}

/** The run's table for one field (and gold column); throws an InputError that says what to give instead. */
export function runTable(store: Store, request: AgreementRequest): RunTable {
  const runId = request.run_id;
  if (!store.runs.get(runId)) throw new NotFoundError(`no run "${runId}"`);
  const field = runField(firstSchema(store, runId), request);
  const models = store.jobs.models(runId);
  const gold = request.gold ?? null;
  if (gold !== null && models.includes(gold)) throw new InputError(`the gold column "${gold}" has the name of a model of the run: rename the column`);
  const raters = gold === null ? models : [...models, gold];
  const column = new Map(models.map((model, i) => [model, i]));
  const answer = levelMatcher(field);
  const readGold = gold === null ? null : goldReader(field, gold);
  const units = new Map<string, RunUnit>();
  let unusable = 0;
  let goldSeen = false;
  const keptColumns = new Set<string>();

  const jobs = store.jobs.iterate(runId);
  for (const row of store.exportRows.iterate(runId, { raw: false })) {
    const job = jobs.next().value!;
    let unit = units.get(row.input);
    if (!unit) {
      unit = { id: row.input, values: raters.map(() => null), jobIds: raters.map(() => null) };
      units.set(row.input, unit);
    }
    const r = column.get(row.model)!;
    if (unit.jobIds[r] !== null) throw new InputError(`input "${row.input}" has two jobs for ${row.model} (${unit.jobIds[r]} and ${row.job_id}): agreement needs one answer per input and model`);
    unit.jobIds[r] = row.job_id;
    if (row.status === 'succeeded') {
      const raw = field.property === null ? extractLabel(row.output, field.labels!) : (row.parsed as Record<string, unknown> | null)?.[field.property];
      unit.values[r] = raw === null || raw === undefined ? null : answer(raw);
      if (unit.values[r] === null) unusable += 1;
    }
    if (readGold && job.spec.row) {
      for (const name of Object.keys(job.spec.row)) keptColumns.add(name);
      if (gold! in job.spec.row) {
        goldSeen = true;
        unit.values[raters.length - 1] ??= readGold(job.spec.row[gold!], row.input);
      }
    }
  }
  if (readGold && !goldSeen) {
    throw new InputError(
      keptColumns.size
        ? `the dataset rows of this run have no column "${gold}": --gold takes one of ${[...keptColumns].map((c) => `"${c}"`).join(', ')} (columns the template shows the model are not kept)`
        : `this run has no dataset columns to use as gold: --gold needs a run made from a dataset, with the gold column left out of the template`,
    );
  }
  const notes = unusable ? [`${unusable} succeeded answers had no usable value for ${field.property === null ? 'the labels' : `field "${field.property}"`} (none of the levels, or not a value) and count as missing.`] : [];
  if (field.property === null) notes.push(`Labels were read from the free-text answers (${field.labels!.map((l) => `"${l}"`).join(', ')}); an answer naming none counts as missing.`);
  return { field, raters, gold, units: [...units.values()], notes };
}

export const ratingTableOf = (table: RunTable): RatingTable => ({ raters: table.raters, units: table.units.map((u) => ({ id: u.id, values: u.values })) });
