// A PDF opened with pdf.js (Mozilla's maintained parser): its page count, the characters of its extractable text
// (estimates count page text), its first page's size, and the refusals a provider would give later and bill for:
// password-protected, damaged, or cut off before its end marker.
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';

export interface PdfFacts {
  pages: number;
  text_chars: number;
  width: number;
  height: number;
}

/** The spec puts %%EOF at the end; readers look for it in the last 1,024 bytes. */
const EOF_WINDOW = 1024;

function endsProperly(bytes: Uint8Array): boolean {
  const tail = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).subarray(Math.max(0, bytes.byteLength - EOF_WINDOW));
  return tail.includes('%%EOF', 0, 'latin1');
}

export class PdfProblem extends Error {}

export async function readPdf(name: string, bytes: Uint8Array): Promise<PdfFacts> {
  if (!endsProperly(bytes)) throw new PdfProblem(`${name} is cut off: it ends before the PDF end marker (%%EOF), so it was not copied or downloaded completely`);
  // pdf.js takes ownership of the buffer it is given: hand it a copy so the caller's bytes stay readable.
  const task = getDocument({ data: new Uint8Array(bytes), verbosity: 0, disableFontFace: true, stopAtErrors: true });
  try {
    const doc = await task.promise;
    const { info } = (await doc.getMetadata()) as { info: { EncryptFilterName?: string | null } };
    if (info.EncryptFilterName) throw new PdfProblem(`${name} is encrypted: remove the password or protection (e.g. print it to a new PDF) and add it again`);
    if (doc.numPages < 1) throw new PdfProblem(`${name} has no pages`);
    let textChars = 0;
    let width = 0;
    let height = 0;
    for (let number = 1; number <= doc.numPages; number++) {
      const page = await doc.getPage(number);
      if (number === 1) [, , width, height] = page.view as [number, number, number, number];
      const content = await page.getTextContent();
      for (const item of content.items) if ('str' in item) textChars += item.str.length;
      page.cleanup();
    }
    return { pages: doc.numPages, text_chars: textChars, width: Math.abs(width) || 612, height: Math.abs(height) || 792 };
  } catch (error) {
    if (error instanceof PdfProblem) throw error;
    if ((error as Error).name === 'PasswordException') throw new PdfProblem(`${name} is password-protected: remove the password (e.g. print it to a new PDF) and add it again`);
    throw new PdfProblem(`${name} cannot be read as a PDF: ${(error as Error).message || 'damaged file'}`);
  } finally {
    await task.destroy();
  }
}
