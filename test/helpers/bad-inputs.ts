// The bad-input corpus of issue 12: files a researcher really drops (a password-protected PDF, a download cut
// short, a PNG named .pdf, a program renamed .txt, Office files, an empty or huge file), each with the reason the
// input check must give. Every face is tested against the same list.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { tinyPdf, tinyPng } from './sample-files.ts';
import { storedZip } from './zip.ts';

export interface BadInput {
  name: string;
  bytes: Buffer;
  /** The reason every face must show. */
  reason: RegExp;
}

const ENCRYPTED_PDF = join(import.meta.dirname, '../fixtures/inputs/encrypted.pdf');

/** An Office Open XML file: a ZIP whose [Content_Types].xml names its main part, as Word and Excel write it. */
function officeFile(mainPart: string, contentType: string): Buffer {
  const types = `<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Override PartName="/${mainPart}" ContentType="${contentType}"/></Types>`;
  return storedZip([
    { name: '[Content_Types].xml', data: Buffer.from(types), mode: 0o644 },
    { name: mainPart, data: Buffer.from('<?xml version="1.0"?><root/>'), mode: 0o644 },
  ]);
}

/** A Windows program: the MZ header, a PE offset and NUL padding. */
function windowsProgram(): Buffer {
  const bytes = Buffer.alloc(4096);
  bytes.write('MZ', 0, 'latin1');
  bytes.writeUInt32LE(0x80, 0x3c);
  bytes.write('PE\0\0', 0x80, 'latin1');
  return bytes;
}

export function wordDocument(): Buffer {
  return officeFile('word/document.xml', 'application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml');
}

export function badInputs(): BadInput[] {
  const pdf = tinyPdf('A short paper about rivers');
  const png = tinyPng();
  return [
    { name: 'encrypted.pdf', bytes: readFileSync(ENCRYPTED_PDF), reason: /encrypted\.pdf is password-protected: remove the password/ },
    { name: 'truncated.pdf', bytes: pdf.subarray(0, Math.floor(pdf.length / 2)), reason: /truncated\.pdf is cut off: it ends before the PDF end marker/ },
    { name: 'garbage.pdf', bytes: Buffer.from(`%PDF-1.7\n${'garbage '.repeat(60)}\n%%EOF\n`, 'latin1'), reason: /garbage\.pdf cannot be read as a PDF/ },
    { name: 'photo.pdf', bytes: png, reason: /photo\.pdf holds an image \(image\/png\), not a PDF/ },
    { name: 'notes.txt', bytes: windowsProgram(), reason: /notes\.txt is a Windows program, not a document/ },
    { name: 'cut.png', bytes: png.subarray(0, png.length - 12), reason: /cut\.png is cut off/ },
    { name: 'empty.txt', bytes: Buffer.alloc(0), reason: /empty\.txt is empty/ },
    {
      name: 'report.docx',
      bytes: wordDocument(),
      reason: /report\.docx is a Word document: save it as PDF or plain text first/,
    },
    {
      name: 'sheet.xlsx',
      bytes: officeFile('xl/workbook.xml', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml'),
      reason: /sheet\.xlsx is an Excel workbook: export the sheet as CSV/,
    },
    { name: 'big.txt', bytes: Buffer.alloc(10 * 1024 * 1024, 'All work and no play. '), reason: /big\.txt is 10\.0 MB: larger than the 4\.0 MB a text input may be/ },
  ];
}

/** Text longer than a 128k-token context window, but within the size any text input may have. */
export function longText(): BadInput {
  return { name: 'long.txt', bytes: Buffer.alloc(900_000, 'river delta sediment '), reason: /long\.txt: about [\d,]+ input tokens, more than \S+'s context window of 128,000 tokens/ };
}

export function writeInputs(dir: string, inputs: BadInput[]): string[] {
  return inputs.map((input) => {
    const path = join(dir, input.name);
    writeFileSync(path, input.bytes);
    return path;
  });
}
