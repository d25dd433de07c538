// Streaming exports: CSV (RFC 4180, via csv-stringify), JSON (one array) and JSONL. Structured fields become
// `out.<field>` columns; nested values are flattened as JSON text. Demo rows are marked simulated.
import { stringify } from 'csv-stringify';
import { once } from 'node:events';
import type { Writable } from 'node:stream';
import type { Store } from '../store/store.ts';
import { exportRows, structuredFields, type ExportRow } from './rows.ts';

export const EXPORT_FORMATS = ['csv', 'json', 'jsonl'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

export const BASE_COLUMNS = ['run_id', 'job_id', 'input', 'model', 'provider', 'status', 'output'] as const;
export const TAIL_COLUMNS = ['input_tokens', 'output_tokens', 'cost_usd', 'error', 'error_category', 'citations', 'simulated'] as const;

export interface ExportOptions {
  format: ExportFormat;
  /** Only these columns, in this order (CSV) or keys (JSON/JSONL). Default: every column. */
  columns?: string[];
  /** Include the raw provider line of each result. */
  includeRaw?: boolean;
}

function cell(value: unknown): string | number | boolean | null {
  if (value === null || value === undefined) return null;
  if (typeof value === 'object') return JSON.stringify(value);
  return value as string | number | boolean;
}

export function columnsFor(store: Store, runId: string, options: ExportOptions): string[] {
  const all = [...BASE_COLUMNS, ...structuredFields(store, runId).map((f) => `out.${f}`), ...TAIL_COLUMNS, ...(options.includeRaw ? ['raw'] : [])];
  if (!options.columns?.length) return all;
  const unknown = options.columns.filter((c) => !all.includes(c));
  if (unknown.length) throw new Error(`unknown export column(s): ${unknown.join(', ')} (available: ${all.join(', ')})`);
  return options.columns;
}

function flatRecord(row: ExportRow, columns: string[]): Record<string, unknown> {
  const record: Record<string, unknown> = {};
  const parsed = (row.parsed ?? {}) as Record<string, unknown>;
  for (const column of columns) {
    if (column.startsWith('out.')) record[column] = parsed[column.slice(4)] ?? null;
    else if (column === 'citations') record[column] = row.citations.length ? row.citations : null;
    else record[column] = row[column as keyof ExportRow] ?? null;
  }
  return record;
}

async function write(out: Writable, text: string): Promise<void> {
  if (!out.write(text)) await once(out, 'drain');
}

/** Write a run's results to `out`; returns the number of rows. Does not end `out`. */
export async function exportRun(store: Store, runId: string, out: Writable, options: ExportOptions): Promise<number> {
  const columns = columnsFor(store, runId, options);
  let count = 0;
  if (options.format === 'csv') {
    const csv = stringify({ header: true, columns, cast: { boolean: (v) => (v ? 'true' : 'false') } });
    csv.pipe(out, { end: false });
    for (const row of exportRows(store, runId)) {
      const record = flatRecord(row, columns);
      if (!csv.write(columns.map((c) => cell(record[c])))) await once(csv, 'drain');
      count += 1;
    }
    csv.end();
    await once(csv, 'end');
    return count;
  }
  const keepAll = !options.columns?.length;
  const shape = (row: ExportRow) => {
    if (!keepAll) return flatRecord(row, columns);
    const { raw, embedding, endpoint: _endpoint, ...rest } = row;
    return { ...rest, ...(embedding ? { embedding } : {}), ...(options.includeRaw ? { raw } : {}) };
  };
  if (options.format === 'jsonl') {
    for (const row of exportRows(store, runId)) {
      await write(out, `${JSON.stringify(shape(row))}\n`);
      count += 1;
    }
    return count;
  }
  await write(out, '[');
  for (const row of exportRows(store, runId)) {
    await write(out, `${count ? ',' : ''}\n${JSON.stringify(shape(row))}`);
    count += 1;
  }
  await write(out, count ? '\n]\n' : ']\n');
  return count;
}
