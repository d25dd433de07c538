// A dataset (CSV with a header row, or JSONL of objects): one job per row through a {{column}} template.
// Streamed, so a large dataset is never held whole; a malformed line is reported with its line number.
import { createReadStream } from 'node:fs';
import { access } from 'node:fs/promises';
import { extname } from 'node:path';
import { parse } from 'csv-parse';
import { readLines } from '../store/files.ts';
import { InputError } from '../core/errors.ts';
import { missingColumns } from './template.ts';

export interface DatasetRow {
  /** 1-based line number in the file (for CSV: the line the record starts on). */
  line: number;
  key: string;
  values: Record<string, unknown>;
}

async function* csvRows(path: string): AsyncGenerator<DatasetRow> {
  const parser = createReadStream(path).pipe(parse({ columns: true, bom: true, skip_empty_lines: true, info: true, relax_column_count: false }));
  let index = 0;
  try {
    for await (const record of parser as AsyncIterable<{ record: Record<string, string>; info: { lines: number } }>) {
      index += 1;
      yield { line: record.info.lines, key: record.record.id || record.record.key || `row-${index}`, values: record.record };
    }
  } catch (error) {
    const e = error as { lines?: number; message: string };
    throw new InputError(`${path}: malformed CSV${e.lines ? ` at line ${e.lines}` : ''}: ${e.message}`);
  }
}

async function* jsonlRows(path: string): AsyncGenerator<DatasetRow> {
  let index = 0;
  for await (const { line, text } of readLines(path)) {
    let value: unknown;
    try {
      value = JSON.parse(text);
    } catch {
      throw new InputError(`${path}: line ${line} is not valid JSON`);
    }
    if (typeof value !== 'object' || value === null || Array.isArray(value)) throw new InputError(`${path}: line ${line} is not a JSON object`);
    index += 1;
    const values = value as Record<string, unknown>;
    const key = typeof values.id === 'string' || typeof values.id === 'number' ? String(values.id) : `row-${index}`;
    yield { line, key, values };
  }
}

export async function* readDataset(path: string): AsyncGenerator<DatasetRow> {
  try {
    await access(path);
  } catch {
    throw new InputError(`cannot read dataset ${path}: no such file`);
  }
  const ext = extname(path).toLowerCase();
  if (ext === '.csv' || ext === '.tsv') yield* csvRows(path);
  else if (ext === '.jsonl' || ext === '.ndjson') yield* jsonlRows(path);
  else throw new InputError(`dataset ${path}: use a .csv (with a header row) or .jsonl file`);
}

/** Read every row, checking the template's columns against the first row. */
export async function loadDataset(path: string, template: string): Promise<DatasetRow[]> {
  const rows: DatasetRow[] = [];
  const keys = new Set<string>();
  for await (const row of readDataset(path)) {
    if (rows.length === 0) {
      const missing = missingColumns(template, Object.keys(row.values));
      if (missing.length) {
        throw new InputError(`the template names ${missing.map((c) => `"${c}"`).join(', ')}, which the dataset ${path} does not have (its columns: ${Object.keys(row.values).join(', ')})`);
      }
    }
    if (keys.has(row.key)) row.key = `${row.key}-line${row.line}`;
    keys.add(row.key);
    rows.push(row);
  }
  if (rows.length === 0) throw new InputError(`dataset ${path} has no rows`);
  return rows;
}
