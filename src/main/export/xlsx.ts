// XLSX, streamed: the workbook is a ZIP (written by yazl) whose one sheet is generated row by row as yazl pulls
// it, so memory stays flat however large the run (exceljs's streaming writer was measured buffering every row it
// was given, see docs/export.md). Cells are inline strings, numbers and booleans; no shared-string table, which
// would have to be held in memory until the end.
import { once } from 'node:events';
import { Readable, type Writable } from 'node:stream';
import yazl from 'yazl';

/** Excel's limits: rows per sheet, characters per cell (https://support.microsoft.com/en-us/office/excel-specifications-and-limits-1672b34d-7043-467e-8e27-269d656771c3, checked 2026-12-01). */
export const XLSX_MAX_ROWS = 1_048_576;
export const XLSX_MAX_CELL_CHARS = 32_767;

const NS = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';
const REL = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';
const PKG_REL = 'http://schemas.openxmlformats.org/package/2006/relationships';
const HEAD = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n';
const CT = 'application/vnd.openxmlformats-officedocument.spreadsheetml';

const PARTS: [string, string][] = [
  [
    '[Content_Types].xml',
    `<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="${CT}.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="${CT}.worksheet+xml"/><Override PartName="/xl/styles.xml" ContentType="${CT}.styles+xml"/></Types>`,
  ],
  ['_rels/.rels', `<Relationships xmlns="${PKG_REL}"><Relationship Id="rId1" Type="${REL}/officeDocument" Target="xl/workbook.xml"/></Relationships>`],
  ['xl/workbook.xml', `<workbook xmlns="${NS}" xmlns:r="${REL}"><sheets><sheet name="results" sheetId="1" r:id="rId1"/></sheets></workbook>`],
  [
    'xl/_rels/workbook.xml.rels',
    `<Relationships xmlns="${PKG_REL}"><Relationship Id="rId1" Type="${REL}/worksheet" Target="worksheets/sheet1.xml"/><Relationship Id="rId2" Type="${REL}/styles" Target="styles.xml"/></Relationships>`,
  ],
  [
    'xl/styles.xml',
    `<styleSheet xmlns="${NS}"><fonts count="2"><font><sz val="11"/><name val="Calibri"/></font><font><b/><sz val="11"/><name val="Calibri"/></font></fonts><fills count="2"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill></fills><borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders><cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs><cellXfs count="2"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/><xf numFmtId="0" fontId="1" fillId="0" borderId="0" xfId="0" applyFont="1"/></cellXfs></styleSheet>`,
  ],
];

// Characters XML 1.0 cannot hold (control characters, lone surrogates, U+FFFE/U+FFFF): dropped.
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const NOT_XML = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;
const escapeXml = (text: string) => text.replace(NOT_XML, '').replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

export function columnName(index: number): string {
  let name = '';
  for (let n = index + 1; n > 0; n = Math.floor((n - 1) / 26)) name = String.fromCharCode(65 + ((n - 1) % 26)) + name;
  return name;
}

function fitCell(text: string): string {
  if (text.length <= XLSX_MAX_CELL_CHARS) return text;
  const note = ` … [cut at Excel's ${XLSX_MAX_CELL_CHARS.toLocaleString('en-US')}-character cell limit; the CSV or JSON export has all ${text.length.toLocaleString('en-US')}]`;
  return text.slice(0, XLSX_MAX_CELL_CHARS - note.length) + note;
}

function cell(ref: string, value: unknown, style: string): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'number' && Number.isFinite(value)) return `<c r="${ref}"${style}><v>${value}</v></c>`;
  if (typeof value === 'boolean') return `<c r="${ref}"${style} t="b"><v>${value ? 1 : 0}</v></c>`;
  const text = typeof value === 'string' ? value : JSON.stringify(value);
  return `<c r="${ref}"${style} t="inlineStr"><is><t xml:space="preserve">${escapeXml(fitCell(text))}</t></is></c>`;
}

function row(index: number, values: unknown[], style = ''): string {
  return `<row r="${index + 1}">${values.map((v, i) => cell(`${columnName(i)}${index + 1}`, v, style)).join('')}</row>`;
}

const ROWS_PER_CHUNK = 200;

function* sheetXml(header: string[], records: Iterable<unknown[]>): Generator<string> {
  // The header row is bold and stays in view while scrolling.
  yield `${HEAD}<worksheet xmlns="${NS}"><sheetViews><sheetView workbookViewId="0"><pane ySplit="1" topLeftCell="A2" activePane="bottomLeft" state="frozen"/></sheetView></sheetViews><sheetData>${row(0, header, ' s="1"')}`;
  let index = 1;
  let chunk = '';
  for (const record of records) {
    if (index >= XLSX_MAX_ROWS) throw new Error(`an XLSX sheet holds at most ${XLSX_MAX_ROWS.toLocaleString('en-US')} rows: export this run as CSV`);
    chunk += row(index++, record);
    if (index % ROWS_PER_CHUNK === 0) {
      yield chunk;
      chunk = '';
    }
  }
  yield `${chunk}</sheetData></worksheet>`;
}

/** Write one sheet (a header, then records) as an XLSX workbook to `out`. Does not end `out`. */
export async function writeXlsx(out: Writable, header: string[], records: Iterable<unknown[]>): Promise<void> {
  const zip = new yazl.ZipFile();
  for (const [name, xml] of PARTS) zip.addBuffer(Buffer.from(HEAD + xml), name);
  const sheet = Readable.from(sheetXml(header, records));
  zip.addReadStream(sheet, 'xl/worksheets/sheet1.xml');
  zip.end();
  const failed = new Promise<never>((_, reject) => sheet.once('error', reject));
  const copy = (async () => {
    for await (const chunk of zip.outputStream as AsyncIterable<Buffer>) if (!out.write(chunk)) await once(out, 'drain');
  })();
  await Promise.race([copy, failed]);
}
