// Reading an input file back when its request line is written: text in the encoding the input check found (never
// as U+FFFD), PDFs and images as bytes for the provider to encode.
import { readFile } from 'node:fs/promises';
import type { Attachment } from '../../shared/domain.ts';
import { decodeText } from './text/encoding.ts';

export { inputKindOf, isTextLike, mediaTypeByName, SUPPORTED_EXTENSIONS } from './inspect/content-type.ts';

export async function readAttachmentText(file: Attachment): Promise<string> {
  return decodeText(await readFile(file.path), file.encoding ?? 'utf-8');
}

export async function readAttachmentBytes(file: Attachment): Promise<Buffer> {
  return readFile(file.path);
}
