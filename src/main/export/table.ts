// A table (a header, then records) written as CSV or XLSX: the long export and the wide one share it.
import type { Writable } from 'node:stream';
import { csvChunks } from './csv.ts';
import { writeAll } from './sink.ts';
import { writeXlsx } from './xlsx.ts';

export type TableFormat = 'csv' | 'xlsx';

export async function writeTable(out: Writable, format: TableFormat, header: string[], records: Iterable<unknown[]>, options: { bom?: boolean } = {}): Promise<void> {
  if (format === 'xlsx') return writeXlsx(out, header, records);
  await writeAll(out, csvChunks(header, records, options));
}
