// CSV (RFC 4180, by csv-stringify), a batch of records at a time: csv-stringify's per-record stream machinery would
// dominate otherwise. Optionally led by a UTF-8 byte-order mark: without one Excel reads UTF-8 as the system's
// code page and garbles accents ("Ã©" for "é").
import { stringify } from 'csv-stringify/sync';

const CSV_BATCH = 1_000;

/**
 * A text cell that a spreadsheet would run as a formula (=HYPERLINK(…), +, -, @, or a leading tab, carriage return
 * or NUL) gets a leading apostrophe, which spreadsheets read as "this is text" (OWASP ASVS 5.0 requirement 1.2.10,
 * https://github.com/OWASP/ASVS, checked 2026-12-01). Numbers, and text that is a plain number, are written as they
 * are; JSON and JSONL are unchanged.
 */
export function neutraliseFormula(text: string): string {
  // A plain number ("-1", "+0.5": a label or a value held as text) is no formula, and stays as it is.
  if (/^[+-]?\d+(\.\d+)?$/.test(text)) return text;
  return /^[=+\-@\t\r\0]/.test(text) ? `'${text}` : text;
}

const CSV_OPTIONS = {
  cast: { boolean: (v: boolean) => (v ? 'true' : 'false'), object: (v: object) => JSON.stringify(v), string: neutraliseFormula },
};

export const UTF8_BOM = '\uFEFF';

export function* csvChunks(header: string[], records: Iterable<unknown[]>, options: { bom?: boolean } = {}): Generator<string> {
  yield (options.bom ? UTF8_BOM : '') + stringify([header], CSV_OPTIONS);
  let batch: unknown[][] = [];
  for (const record of records) {
    batch.push(record);
    if (batch.length === CSV_BATCH) {
      yield stringify(batch, CSV_OPTIONS);
      batch = [];
    }
  }
  if (batch.length) yield stringify(batch, CSV_OPTIONS);
}
