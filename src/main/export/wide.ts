// The wide export: one row per input, and per model its status, its answer (one column per structured field, or
// the text), tokens, cost and error, then whether the models agree. For a spreadsheet or R / pandas comparison
// of models side by side. Streamed from the store like every export.
import type { Writable } from 'node:stream';
import type { Store } from '../store/store.ts';
import { fieldValue, inputGroups } from './input-groups.ts';
import { map } from './sink.ts';
import { writeTable, type TableFormat } from './table.ts';

export function wideColumns(models: string[], fields: string[]): string[] {
  const answer = fields.length ? fields : ['output'];
  return ['input', ...models.flatMap((m) => ['status', ...answer, 'input_tokens', 'output_tokens', 'cost_usd', 'error'].map((c) => `${m}.${c}`)), 'agree'];
}

/** Write a run's answers one row per input; returns the number of rows. Does not end `out`. */
export async function exportWide(store: Store, runId: string, out: Writable, options: { format: TableFormat; bom?: boolean }): Promise<number> {
  const models = store.jobs.models(runId);
  const fields = store.exportRows.structuredFields(runId);
  let count = 0;
  const records = map(inputGroups(store.exportRows.iterate(runId, { raw: false }), fields), (group) => {
    count += 1;
    const cells: unknown[] = [group.input];
    for (const model of models) {
      const row = group.answers.get(model);
      const answer = fields.length ? fields.map((f) => (row ? fieldValue(row, f) : null)) : [row?.output ?? null];
      cells.push(row?.status ?? null, ...answer, row?.input_tokens ?? null, row?.output_tokens ?? null, row?.cost_usd ?? null, row?.error ?? null);
    }
    cells.push(group.agree);
    return cells;
  });
  await writeTable(out, options.format, wideColumns(models, fields), records, options);
  return count;
}
