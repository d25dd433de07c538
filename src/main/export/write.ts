// Streaming exports: CSV (RFC 4180), JSON (one array) and JSONL. Structured fields become `out.<field>` columns;
// nested values are flattened as JSON text. Demo rows are marked simulated.
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

/** Rows are written in chunks of about this many characters: a write (and an await) per row would dominate. */
const CHUNK_CHARS = 1 << 20;

/** One CSV field: empty for null, JSON text for objects, quoted only when it holds a quote, comma or line break. */
function csvField(value: unknown): string {
  if (value === null || value === undefined) return '';
  const text = typeof value === 'object' ? JSON.stringify(value) : String(value);
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
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

/** Write `texts` to `out` in chunks; returns how many there were. */
async function writeAll(out: Writable, texts: Iterable<string>): Promise<number> {
  let chunk = '';
  let count = 0;
  for (const text of texts) {
    chunk += text;
    count += 1;
    if (chunk.length >= CHUNK_CHARS) {
      await write(out, chunk);
      chunk = '';
    }
  }
  if (chunk) await write(out, chunk);
  return count;
}

/** Write a run's results to `out`; returns the number of rows. Does not end `out`. */
export async function exportRun(store: Store, runId: string, out: Writable, options: ExportOptions): Promise<number> {
  const columns = columnsFor(store, runId, options);
  const rows = exportRows(store, runId, { raw: options.includeRaw === true });
  if (options.format === 'csv') {
    await write(out, `${columns.map(csvField).join(',')}\n`);
    return writeAll(out, map(rows, (row) => {
      const record = flatRecord(row, columns);
      return `${columns.map((c) => csvField(record[c])).join(',')}\n`;
    }));
  }
  const keepAll = !options.columns?.length;
  const shape = (row: ExportRow) => {
    if (!keepAll) return flatRecord(row, columns);
    const { raw, embedding, endpoint: _endpoint, ...rest } = row;
    return { ...rest, ...(embedding ? { embedding } : {}), ...(options.includeRaw ? { raw } : {}) };
  };
  if (options.format === 'jsonl') return writeAll(out, map(rows, (row) => `${JSON.stringify(shape(row))}\n`));
  await write(out, '[');
  let first = true;
  const count = await writeAll(out, map(rows, (row) => {
    const text = `${first ? '' : ','}\n${JSON.stringify(shape(row))}`;
    first = false;
    return text;
  }));
  await write(out, count ? '\n]\n' : ']\n');
  return count;
}

function* map<T, U>(items: Iterable<T>, f: (item: T) => U): Generator<U> {
  for (const item of items) yield f(item);
}
