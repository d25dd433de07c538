// A dataset (CSV or TSV with a header row, or JSONL of objects): one job per row through a {{column}} template.
// Streamed and decoded in the file's encoding, never held whole; a malformed line is reported with its number.
// Each row is named by an id column (--id-column; default a column named `id`), else by its row number.
import { access } from 'node:fs/promises';
import { extname } from 'node:path';
import { parse } from 'csv-parse';
import { InputError } from '../core/errors.ts';
import { TextEncodingError } from './text/encoding.ts';
import { decodedLines, decodedReadable, encodingOfFile } from './text/decoded-stream.ts';

export interface DatasetRow {
  /** 1-based line number in the file (for CSV: the line the record starts on). */
  line: number;
  /** The row's id: its id column's value, or `row-N`. */
  key: string;
  values: Record<string, unknown>;
}

export interface DatasetOptions {
  encoding?: string;
  /** Column whose values name the rows; default `id` when the dataset has one. */
  idColumn?: string;
}

export const DATASET_EXTENSIONS = ['.csv', '.tsv', '.jsonl', '.ndjson'];

async function* csvRecords(path: string, encoding: string, delimiter: string): AsyncGenerator<{ line: number; values: Record<string, unknown> }> {
  const parser = decodedReadable(path, encoding).pipe(parse({ columns: true, delimiter, skip_empty_lines: true, info: true, relax_column_count: false }));
  try {
    for await (const record of parser as AsyncIterable<{ record: Record<string, string>; info: { lines: number } }>) {
      yield { line: record.info.lines, values: record.record };
    }
  } catch (error) {
    if (error instanceof TextEncodingError) throw error;
    const e = error as { lines?: number; message: string };
    throw new InputError(`${path}: malformed ${delimiter === '\t' ? 'TSV' : 'CSV'}${e.lines ? ` at line ${e.lines}` : ''}: ${e.message}`);
  }
}

/** A JSON Lines file of objects, decoded in `encoding`; a line that is not a JSON object stops the read, naming it. */
export async function* jsonObjectLines(path: string, encoding: string): AsyncGenerator<{ line: number; values: Record<string, unknown> }> {
  for await (const { line, text } of decodedLines(path, encoding)) {
    let value: unknown;
    try {
      value = JSON.parse(text);
    } catch {
      throw new InputError(`${path}: line ${line} is not valid JSON`);
    }
    if (typeof value !== 'object' || value === null || Array.isArray(value)) throw new InputError(`${path}: line ${line} is not a JSON object`);
    yield { line, values: value as Record<string, unknown> };
  }
}

function idOf(value: unknown): string | null {
  if (typeof value === 'string') return value.trim() || null;
  if (typeof value === 'number' && Number.isFinite(value)) return String(value);
  return null;
}

export async function* readDataset(path: string, options: DatasetOptions = {}): AsyncGenerator<DatasetRow> {
  try {
    await access(path);
  } catch {
    throw new InputError(`cannot read dataset ${path}: no such file`);
  }
  const ext = extname(path).toLowerCase();
  if (!DATASET_EXTENSIONS.includes(ext)) throw new InputError(`dataset ${path}: use a .csv or .tsv file with a header row, or a .jsonl file of objects`);
  try {
    const encoding = await encodingOfFile(path, options.encoding);
    const records = ext === '.jsonl' || ext === '.ndjson' ? jsonObjectLines(path, encoding) : csvRecords(path, encoding, ext === '.tsv' ? '\t' : ',');
    let index = 0;
    let idColumn: string | null = null;
    const seen = new Map<string, number>();
    for await (const { line, values } of records) {
      index += 1;
      if (index === 1) idColumn = chooseIdColumn(path, values, options.idColumn);
      const key = idColumn === null ? `row-${index}` : idOf(values[idColumn]);
      if (key === null) throw new InputError(`${path}: line ${line} has no value in its id column "${idColumn}": fill it in, or choose another with --id-column`);
      const first = seen.get(key);
      if (first !== undefined) throw new InputError(`${path}: the id "${key}" is on line ${first} and line ${line}: ids must be unique (choose another column with --id-column)`);
      seen.set(key, line);
      yield { line, key, values };
    }
  } catch (error) {
    if (error instanceof TextEncodingError) throw new InputError(`${path}: ${error.message}`);
    throw error;
  }
}

function chooseIdColumn(path: string, first: Record<string, unknown>, wanted: string | undefined): string | null {
  const columns = Object.keys(first);
  if (wanted !== undefined) {
    if (!columns.includes(wanted)) throw new InputError(`--id-column "${wanted}" is not a column of ${path} (its columns: ${columns.join(', ')})`);
    return wanted;
  }
  return columns.includes('id') ? 'id' : null;
}

/** The dataset's columns (CSV header, or the first JSONL object's keys). */
export async function datasetColumns(path: string, options: DatasetOptions = {}): Promise<string[]> {
  for await (const row of readDataset(path, options)) return Object.keys(row.values);
  throw new InputError(`dataset ${path} has no rows`);
}
