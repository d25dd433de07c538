// Files given as inputs: media type by extension, size and sha256 (streamed), and reading them back when a
// request line is written. Text-like files are inlined as text; PDFs and images are encoded by the provider.
import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { readFile, stat } from 'node:fs/promises';
import { basename, extname } from 'node:path';
import type { Attachment, InputKind } from '../../shared/domain.ts';

const MEDIA_TYPES: Record<string, string> = {
  '.txt': 'text/plain',
  '.md': 'text/markdown',
  '.markdown': 'text/markdown',
  '.json': 'application/json',
  '.csv': 'text/csv',
  '.tsv': 'text/tab-separated-values',
  '.html': 'text/html',
  '.xml': 'application/xml',
  '.pdf': 'application/pdf',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
};

export const SUPPORTED_EXTENSIONS = Object.keys(MEDIA_TYPES);

export function mediaTypeOf(path: string): string | null {
  return MEDIA_TYPES[extname(path).toLowerCase()] ?? null;
}

export function isTextLike(mediaType: string): boolean {
  return mediaType.startsWith('text/') || mediaType === 'application/json' || mediaType === 'application/xml';
}

export function inputKindOf(mediaType: string): InputKind {
  if (mediaType === 'application/pdf') return 'pdf';
  if (mediaType.startsWith('image/')) return 'image';
  return 'text';
}

export class InputFileError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'InputFileError';
  }
}

async function sha256Of(path: string): Promise<string> {
  const hash = createHash('sha256');
  for await (const chunk of createReadStream(path)) hash.update(chunk as Buffer);
  return hash.digest('hex');
}

/** Describe one input file, or say exactly what is wrong with it. */
export async function describeFile(path: string): Promise<Attachment> {
  let info;
  try {
    info = await stat(path);
  } catch {
    throw new InputFileError(`cannot read ${path}: no such file (check the path)`);
  }
  if (!info.isFile()) throw new InputFileError(`${path} is not a file`);
  const media_type = mediaTypeOf(path);
  if (!media_type) {
    throw new InputFileError(`${basename(path)}: unsupported file type "${extname(path) || '(none)'}"; supported: ${SUPPORTED_EXTENSIONS.join(' ')}`);
  }
  if (info.size === 0) throw new InputFileError(`${basename(path)} is empty`);
  let sha256;
  try {
    sha256 = await sha256Of(path);
  } catch (error) {
    throw new InputFileError(`cannot read ${path}: ${(error as NodeJS.ErrnoException).code ?? String(error)}`);
  }
  return { path, name: basename(path), media_type, size: info.size, sha256 };
}

export async function readAttachmentText(file: Attachment): Promise<string> {
  return readFile(file.path, 'utf8');
}

export async function readAttachmentBase64(file: Attachment): Promise<string> {
  return (await readFile(file.path)).toString('base64');
}
