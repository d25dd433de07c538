// A run's answers grouped by input (one row per input, one answer per model), as Compare shows them and the wide
// export writes them. Jobs of one input are made next to each other (one per model), so a group is complete when
// the next input starts and the run streams through in job order.
import type { ExportRow } from '../store/repositories/export-rows.ts';

export interface InputGroup {
  input: string;
  /** model → its answer. */
  answers: Map<string, ExportRow>;
  /** Per structured field: every model gave the same value. */
  agreement: Record<string, boolean>;
  /** Every model gave the same answer: every field the same, or (without fields) the same text. */
  agree: boolean;
}

export function fieldValue(row: ExportRow, field: string): unknown {
  return (row.parsed as Record<string, unknown> | null)?.[field] ?? null;
}

const same = (values: unknown[]) => values.every((v) => JSON.stringify(v) === JSON.stringify(values[0]));

function finish(input: string, answers: Map<string, ExportRow>, fields: string[]): InputGroup {
  const list = [...answers.values()];
  const agreement = Object.fromEntries(fields.map((f) => [f, same(list.map((r) => fieldValue(r, f)))]));
  const agree = fields.length ? Object.values(agreement).every(Boolean) : same(list.map((r) => r.output));
  return { input, answers, agreement, agree };
}

export function* inputGroups(rows: Iterable<ExportRow>, fields: string[]): Generator<InputGroup> {
  let input: string | null = null;
  let answers = new Map<string, ExportRow>();
  for (const row of rows) {
    if (input !== null && row.input !== input) {
      yield finish(input, answers, fields);
      answers = new Map();
    }
    input = row.input;
    answers.set(row.model, row);
  }
  if (input !== null) yield finish(input, answers, fields);
}
