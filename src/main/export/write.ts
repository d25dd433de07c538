// Streaming exports, one row per job: CSV (with an optional byte-order mark for Excel), XLSX, JSON (one array),
// JSONL, and for vectors Parquet (parquet.ts) and NumPy (npy.ts); or the wide layout (wide.ts), one row per input.
// Structured fields become `out.<field>` columns; nested values are flattened as JSON text. Runs with embeddings add
// their chunk columns and (except in CSV and XLSX) the vector. Demo rows are marked simulated. CSV text cells never
// start a formula (csv.ts).
import type { Writable } from 'node:stream';
import type { Store } from '../store/store.ts';
import type { EXPORT_FORMATS } from '../../shared/contract.ts';
import { BASE_COLUMNS, EMBEDDING_COLUMNS, TAIL_COLUMNS, VECTOR_COLUMN } from '../../shared/export-columns.ts';
import type { ExportRow } from '../store/repositories/export-rows.ts';
import { npyShape, writeNpy, writeNpyIds } from './npy.ts';
import { writeParquet } from './parquet.ts';
import { map, write, writeAll } from './sink.ts';
import { writeTable } from './table.ts';
import { exportWide } from './wide.ts';

/** What this writer exports (the methods zip is written by api/bundle). */
export type ExportFormat = Exclude<(typeof EXPORT_FORMATS)[number], 'methods_zip'>;

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

const TABLES: ReadonlySet<ExportFormat> = new Set(['csv', 'xlsx']);

export function columnsFor(store: Store, runId: string, options: ExportOptions): string[] {
  if (options.layout === 'wide') {
    if (!TABLES.has(options.format)) throw new Error('the wide layout (one row per input) is for CSV and XLSX: choose one of them, or the long layout');
    if (options.columns?.length || options.includeRaw) throw new Error('the wide layout has a fixed set of columns (per model: status, answer, tokens, cost, error): leave out columns and raw');
    return [];
  }
  if (options.format === 'npy' || options.format === 'npy_ids') {
    npyShape(store, runId);
    return [];
  }
  const vectors = store.exportRows.hasEmbeddings(runId);
  const embedding = vectors ? [...EMBEDDING_COLUMNS, ...(TABLES.has(options.format) ? [] : [VECTOR_COLUMN])] : [];
  const all = [...BASE_COLUMNS, ...store.exportRows.structuredFields(runId).map((f) => `out.${f}`), ...TAIL_COLUMNS, ...embedding, ...(options.includeRaw ? ['raw'] : [])];
  if (!options.columns?.length) return all;
  if (vectors && TABLES.has(options.format) && options.columns.includes(VECTOR_COLUMN)) {
    throw new Error('CSV and XLSX hold the metadata only: export the vectors with --format parquet, npy or jsonl');
  }
  const unknown = options.columns.filter((c) => !all.includes(c));
  if (unknown.length) throw new Error(`unknown export column(s): ${unknown.join(', ')} (available: ${all.join(', ')})`);
  return options.columns;
}

/** A row's value in one of the embedding columns. */
function embeddingValue(row: ExportRow, column: string): unknown {
  if (column === VECTOR_COLUMN) return row.embedding;
  if (column === 'dimensions') return row.embedding?.length ?? null;
  if (column === 'source') return row.chunk?.source ?? null;
  const key = column.slice('chunk_'.length) as 'index' | 'start' | 'end';
  return row.chunk?.[key] ?? null;
}

const EMBEDDING_VALUES: ReadonlySet<string> = new Set([...EMBEDDING_COLUMNS, VECTOR_COLUMN]);

function flatRecord(row: ExportRow, columns: string[]): Record<string, unknown> {
  const record: Record<string, unknown> = {};
  const parsed = (row.parsed ?? {}) as Record<string, unknown>;
  for (const column of columns) {
    if (column.startsWith('out.')) record[column] = parsed[column.slice(4)] ?? null;
    else if (column === 'citations') record[column] = row.citations.length ? row.citations : null;
    else if (EMBEDDING_VALUES.has(column)) record[column] = embeddingValue(row, column);
    else record[column] = row[column as keyof ExportRow] ?? null;
  }
  return record;
}

/** JSON has no float32 array: the vector goes out as a plain array of numbers. */
function jsonReady(record: Record<string, unknown>): Record<string, unknown> {
  const vector = record[VECTOR_COLUMN];
  return vector instanceof Float32Array ? { ...record, [VECTOR_COLUMN]: Array.from(vector) } : record;
}

/** Write a run's results to `out`; returns the number of rows (npy: vectors). Does not end `out`. */
export async function exportRun(store: Store, runId: string, out: Writable, options: ExportOptions): Promise<number> {
  const columns = columnsFor(store, runId, options);
  if (options.layout === 'wide') return exportWide(store, runId, out, { format: options.format as 'csv' | 'xlsx', bom: options.bom === true });
  if (options.format === 'npy') return writeNpy(store, runId, out);
  if (options.format === 'npy_ids') return writeNpyIds(store, runId, out);
  const chunks = store.exportRows.hasEmbeddings(runId);
  let count = 0;
  const rows = map(store.exportRows.iterate(runId, { raw: options.includeRaw === true, chunks }), (row) => {
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
  if (options.format === 'parquet') {
    await writeParquet(columns, map(rows, (row) => flatRecord(row, columns)), out);
    return count;
  }
  const keepAll = !options.columns?.length;
  const shape = (row: ExportRow) => {
    if (!keepAll) return jsonReady(flatRecord(row, columns));
    const { raw, embedding, endpoint: _endpoint, chunk, ...rest } = row;
    const vector = embedding ? { ...flatRecord(row, [...(chunk ? EMBEDDING_COLUMNS : ['dimensions']), VECTOR_COLUMN]) } : {};
    return { ...rest, ...jsonReady(vector), ...(options.includeRaw ? { raw } : {}) };
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
