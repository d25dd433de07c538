// Streaming exports: CSV (with an optional byte-order mark for Excel), XLSX, JSON (one array) and JSONL, one row per
// job; or the wide layout (wide.ts), one row per input. Structured fields become `out.<field>` columns; nested
// values are flattened as JSON text. Demo rows are marked simulated.
import type { Writable } from 'node:stream';
import type { Store } from '../store/store.ts';
import { BASE_COLUMNS, TAIL_COLUMNS } from '../../shared/export-columns.ts';
import type { ExportRow } from '../store/repositories/export-rows.ts';
import { map, write, writeAll } from './sink.ts';
import { writeTable } from './table.ts';
import { exportWide } from './wide.ts';

export const EXPORT_FORMATS = ['csv', 'json', 'jsonl', 'xlsx'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

export interface ExportOptions {
  format: ExportFormat;
  /** Only these columns, in this order (CSV, XLSX) or keys (JSON/JSONL). Default: every column. */
  columns?: string[];
  /** Include the raw provider line of each result. */
  includeRaw?: boolean;
  /** CSV: start with a UTF-8 byte-order mark. */
  bom?: boolean;
  /** wide: one row per input (CSV, XLSX). */
  layout?: 'long' | 'wide';
}

export function columnsFor(store: Store, runId: string, options: ExportOptions): string[] {
  if (options.layout === 'wide') {
    if (options.format !== 'csv' && options.format !== 'xlsx') throw new Error('the wide layout (one row per input) is for CSV and XLSX: choose one of them, or the long layout');
    if (options.columns?.length || options.includeRaw) throw new Error('the wide layout has a fixed set of columns (per model: status, answer, tokens, cost, error): leave out columns and raw');
    return [];
  }
  const all = [...BASE_COLUMNS, ...store.exportRows.structuredFields(runId).map((f) => `out.${f}`), ...TAIL_COLUMNS, ...(options.includeRaw ? ['raw'] : [])];
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

/** Write a run's results to `out`; returns the number of rows. Does not end `out`. */
export async function exportRun(store: Store, runId: string, out: Writable, options: ExportOptions): Promise<number> {
  const columns = columnsFor(store, runId, options);
  if (options.layout === 'wide') return exportWide(store, runId, out, { format: options.format as 'csv' | 'xlsx', bom: options.bom === true });
  let count = 0;
  const rows = map(store.exportRows.iterate(runId, { raw: options.includeRaw === true }), (row) => {
    count += 1;
    return row;
  });
  if (options.format === 'csv' || options.format === 'xlsx') {
    const records = map(rows, (row) => {
      const record = flatRecord(row, columns);
      return columns.map((c) => record[c] ?? null);
    });
    await writeTable(out, options.format, columns, records, { bom: options.bom === true });
    return count;
  }
  const keepAll = !options.columns?.length;
  const shape = (row: ExportRow) => {
    if (!keepAll) return flatRecord(row, columns);
    const { raw, embedding, endpoint: _endpoint, ...rest } = row;
    return { ...rest, ...(embedding ? { embedding } : {}), ...(options.includeRaw ? { raw } : {}) };
  };
  if (options.format === 'jsonl') {
    await writeAll(out, map(rows, (row) => `${JSON.stringify(shape(row))}\n`));
    return count;
  }
  await write(out, '[');
  // `count` already includes the row being written: the first row has no comma before it.
  await writeAll(out, map(rows, (row) => `${count > 1 ? ',' : ''}\n${JSON.stringify(shape(row))}`));
  await write(out, count ? '\n]\n' : ']\n');
  return count;
}
