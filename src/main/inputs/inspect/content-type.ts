// What a file is by its content (magic bytes, through file-type), against what its name says. Batchdesk sends
// PDFs, PNG/JPEG/GIF/WebP images and text; everything else is refused with a sentence saying what it is and what
// to do instead.
import { fileTypeFromBuffer } from 'file-type';
import type { InputKind } from '../../../shared/domain.ts';

export const IMAGE_TYPES = ['image/png', 'image/jpeg', 'image/gif', 'image/webp'] as const;

/** Media types by extension: what the name claims (text files have no magic bytes to read). */
const BY_EXTENSION: Record<string, string> = {
  '.txt': 'text/plain',
  '.md': 'text/markdown',
  '.markdown': 'text/markdown',
  '.json': 'application/json',
  '.csv': 'text/csv',
  '.tsv': 'text/tab-separated-values',
  '.html': 'text/html',
  '.htm': 'text/html',
  '.xml': 'application/xml',
  '.pdf': 'application/pdf',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
};

/** Named so a researcher knows what they dropped, and what to convert it to. */
const DESCRIBED: Record<string, string> = {
  docx: 'a Word document: save it as PDF or plain text first',
  doc: 'a Word document: save it as PDF or plain text first',
  xlsx: 'an Excel workbook: export the sheet as CSV and use it as a dataset',
  xls: 'an Excel workbook: export the sheet as CSV and use it as a dataset',
  pptx: 'a PowerPoint file: save it as PDF first',
  odt: 'an OpenDocument text: save it as PDF or plain text first',
  zip: 'a ZIP archive: unpack it and add the files inside',
  exe: 'a Windows program, not a document',
  elf: 'a program, not a document',
};

export const SUPPORTED_EXTENSIONS = Object.keys(BY_EXTENSION);

export function mediaTypeByName(name: string): string | null {
  const dot = name.lastIndexOf('.');
  return dot < 0 ? null : (BY_EXTENSION[name.slice(dot).toLowerCase()] ?? null);
}

export function isTextLike(mediaType: string): boolean {
  return mediaType.startsWith('text/') || mediaType === 'application/json' || mediaType === 'application/xml';
}

export function inputKindOf(mediaType: string): InputKind {
  if (mediaType === 'application/pdf') return 'pdf';
  if (mediaType.startsWith('image/')) return 'image';
  return 'text';
}

export const KIND_NAMES: Record<InputKind, string> = { pdf: 'a PDF', image: 'an image', text: 'text' };

export type ContentVerdict = { mediaType: string } | { problem: string };

/**
 * The media type to send the file as, or why it cannot be sent. Content decides; a name that claims another kind
 * (a PNG named .pdf) is refused so a mix-up is noticed, while another type of the same kind (a PNG named .jpg) is
 * sent as what it really is.
 */
export async function contentType(name: string, head: Uint8Array): Promise<ContentVerdict> {
  const claimed = mediaTypeByName(name);
  const found = await fileTypeFromBuffer(head);
  if (!found) {
    if (claimed && !isTextLike(claimed)) {
      return { problem: `${name} does not start like ${KIND_NAMES[inputKindOf(claimed)]} (${claimed}) should: the file is damaged or not what its name says` };
    }
    return { mediaType: claimed ?? 'text/plain' };
  }
  const sendable = found.mime === 'application/pdf' || (IMAGE_TYPES as readonly string[]).includes(found.mime);
  if (!sendable) {
    const what = DESCRIBED[found.ext] ?? `a ${found.ext.toUpperCase()} file (${found.mime}), which Batchdesk cannot send`;
    return { problem: `${name} is ${what} (read from its content)` };
  }
  if (claimed && inputKindOf(claimed) !== inputKindOf(found.mime)) {
    return { problem: `${name} holds ${KIND_NAMES[inputKindOf(found.mime)]} (${found.mime}), not ${KIND_NAMES[inputKindOf(claimed)]}: rename it to .${found.ext} if that is the file you meant` };
  }
  return { mediaType: found.mime };
}
