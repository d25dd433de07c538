// The one input check every face goes through (issue 12): a file is read and judged by its content before
// anything is stored or sent. Returns the Attachment a job carries (with the facts estimates need) or throws an
// InputFileError whose message names the file and says what to do.
import { createHash } from 'node:crypto';
import { open, readFile, stat } from 'node:fs/promises';
import { basename } from 'node:path';
import type { Attachment } from '../../../shared/domain.ts';
import { decodeText, detectEncoding, TextEncodingError } from '../text/encoding.ts';
import { contentType, inputKindOf } from './content-type.ts';
import { ImageProblem, readImage } from './image.ts';
import { MAX_BINARY_BYTES, MAX_TEXT_BYTES, megabytes } from './limits.ts';
import { PdfProblem, readPdf } from './pdf.ts';

export class InputFileError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'InputFileError';
  }
}

export interface InspectOptions {
  /** Decode text files with this encoding instead of detecting it. */
  encoding?: string;
  /** The name shown in messages (default: the file's base name). */
  name?: string;
}

async function head(path: string, bytes = 4100): Promise<Uint8Array> {
  const handle = await open(path, 'r');
  try {
    const buffer = Buffer.alloc(bytes);
    const { bytesRead } = await handle.read(buffer, 0, bytes, 0);
    return buffer.subarray(0, bytesRead);
  } finally {
    await handle.close();
  }
}

function textFacts(name: string, bytes: Buffer, options: InspectOptions): Pick<Attachment, 'encoding' | 'text_chars'> {
  try {
    const encoding = options.encoding ?? detectEncoding(bytes, true);
    const text = decodeText(bytes, encoding);
    if (text.includes('\u0000')) throw new InputFileError(`${name} contains NUL bytes: it is a binary file, not text`);
    return { encoding, text_chars: text.length };
  } catch (error) {
    if (error instanceof TextEncodingError) throw new InputFileError(`${name}: ${error.message}`);
    throw error;
  }
}

export async function inspectFile(path: string, options: InspectOptions = {}): Promise<Attachment> {
  const name = options.name ?? basename(path);
  let info;
  try {
    info = await stat(path);
  } catch {
    throw new InputFileError(`cannot read ${path}: no such file (check the path)`);
  }
  if (!info.isFile()) throw new InputFileError(`${path} is not a file`);
  if (info.size === 0) throw new InputFileError(`${name} is empty`);
  const verdict = await contentType(name, await head(path));
  if ('problem' in verdict) throw new InputFileError(verdict.problem);
  const kind = inputKindOf(verdict.mediaType);
  const limit = kind === 'text' ? MAX_TEXT_BYTES : MAX_BINARY_BYTES;
  if (info.size > limit) {
    const why = kind === 'text' ? 'over a million tokens, more than any model takes' : 'more than any provider takes in one request';
    throw new InputFileError(`${name} is ${megabytes(info.size)}: larger than the ${megabytes(limit)} a ${kind === 'text' ? 'text' : kind.toUpperCase()} input may be (${why})`);
  }
  let bytes: Buffer;
  try {
    bytes = await readFile(path);
  } catch (error) {
    throw new InputFileError(`cannot read ${path}: ${(error as NodeJS.ErrnoException).code ?? String(error)}`);
  }
  const base: Attachment = { path, name, media_type: verdict.mediaType, size: info.size, sha256: createHash('sha256').update(bytes).digest('hex') };
  try {
    if (kind === 'pdf') return { ...base, ...(await readPdf(name, bytes)) };
    if (kind === 'image') return { ...base, ...readImage(name, verdict.mediaType, bytes) };
  } catch (error) {
    if (error instanceof PdfProblem || error instanceof ImageProblem) throw new InputFileError(error.message);
    throw error;
  }
  return { ...base, ...textFacts(name, bytes, options) };
}
