// Streaming exports: CSV (RFC 4180, by csv-stringify), JSON (one array) and JSONL. Structured fields become `out.<field>` columns;
// nested values are flattened as JSON text. Demo rows are marked simulated. CSV text cells never start a formula.
import { once } from 'node:events';
import { stringify } from 'csv-stringify/sync';
import type { Writable } from 'node:stream';
import type { Store } from '../store/store.ts';
import { BASE_COLUMNS, TAIL_COLUMNS } from '../../shared/export-columns.ts';
import type { ExportRow } from '../store/repositories/export-rows.ts';

export const EXPORT_FORMATS = ['csv', 'json', 'jsonl'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

export interface ExportOptions {
  format: ExportFormat;
  /** Only these columns, in this order (CSV) or keys (JSON/JSONL). Default: every column. */
  columns?: string[];
  /** Include the raw provider line of each result. */
  includeRaw?: boolean;
}

/** Rows are written in chunks of about this many characters: a write (and an await) per row would dominate. */
const CHUNK_CHARS = 1 << 20;

/** CSV rows go to csv-stringify a batch at a time: its per-record stream machinery would dominate otherwise. */
const CSV_BATCH = 1_000;
/**
 * A text cell that a spreadsheet would run as a formula (=HYPERLINK(…), +, -, @, or a leading tab, carriage return
 * or NUL) gets a leading apostrophe, which spreadsheets read as "this is text" (OWASP ASVS 5.0 requirement 1.2.10,
 * https://github.com/OWASP/ASVS, checked 2026-12-01). Numbers are written as numbers; JSON and JSONL are unchanged.
 */
export function neutraliseFormula(text: string): string {
  return /^[=+\-@\t\r\0]/.test(text) ? `'${text}` : text;
}

const CSV_OPTIONS = {
  cast: { boolean: (v: boolean) => (v ? 'true' : 'false'), object: (v: object) => JSON.stringify(v), string: neutraliseFormula },
};

function* csvChunks(columns: string[], rows: Iterable<ExportRow>): Generator<string> {
  yield stringify([columns], CSV_OPTIONS);
  let batch: unknown[][] = [];
  for (const row of rows) {
    const record = flatRecord(row, columns);
    batch.push(columns.map((c) => record[c] ?? null));
    if (batch.length === CSV_BATCH) {
      yield stringify(batch, CSV_OPTIONS);
      batch = [];
    }
  }
  if (batch.length) yield stringify(batch, CSV_OPTIONS);
}

export function columnsFor(store: Store, runId: string, options: ExportOptions): string[] {
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

async function write(out: Writable, text: string): Promise<void> {
  if (!out.write(text)) await once(out, 'drain');
}

/** Write `texts` to `out` in chunks. */
async function writeAll(out: Writable, texts: Iterable<string>): Promise<void> {
  let chunk = '';
  for (const text of texts) {
    chunk += text;
    if (chunk.length >= CHUNK_CHARS) {
      await write(out, chunk);
      chunk = '';
    }
  }
  if (chunk) await write(out, chunk);
}

/** Write a run's results to `out`; returns the number of rows. Does not end `out`. */
export async function exportRun(store: Store, runId: string, out: Writable, options: ExportOptions): Promise<number> {
  const columns = columnsFor(store, runId, options);
  let count = 0;
  const rows = map(store.exportRows.iterate(runId, { raw: options.includeRaw === true }), (row) => {
    count += 1;
    return row;
  });
  if (options.format === 'csv') {
    await writeAll(out, csvChunks(columns, rows));
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

function* map<T, U>(items: Iterable<T>, f: (item: T) => U): Generator<U> {
  for (const item of items) yield f(item);
}
