// POST /api/upload: a file dropped in the browser, sent as the raw body with its name in X-File-Name (URI-encoded;
// a path inside a dropped folder keeps its folders, "docs/x/notes.txt"). It is stored under
// <data>/uploads/<group>/<path>, the files of one drop sharing a group (X-Upload-Group), so the run reads it like any
// local file and labels it by its path in the folder that was dropped.
import { randomUUID } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { mkdir, rm } from 'node:fs/promises';
import type { IncomingMessage } from 'node:http';
import { dirname, join } from 'node:path';
import { Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { tooLarge as refusal } from './http-io.ts';

/** One safe path segment: no control characters, no leading dots, at most 200 characters. */
function safeSegment(segment: string): string {
  return [...segment]
    .map((c) => (c.charCodeAt(0) < 0x20 || c.charCodeAt(0) === 0x7f || '<>:"|?*'.includes(c) ? '_' : c))
    .join('')
    .replace(/^[.\s]+/, '')
    .trim()
    .slice(-200);
}

function headerText(header: string | string[] | undefined): string {
  try {
    return decodeURIComponent(Array.isArray(header) ? (header[0] ?? '') : (header ?? ''));
  } catch {
    return '';
  }
}

/** A safe file name: the last segment of the header's path, cleaned. */
export function safeFileName(header: string | string[] | undefined): string {
  return safeSegment(headerText(header).split(/[\\/]/).pop() ?? '') || 'upload';
}

/** A safe relative path (at most 20 folders deep): every segment cleaned, `.`, `..` and empty ones dropped. */
export function safeRelativePath(header: string | string[] | undefined): string {
  const segments = headerText(header).split(/[\\/]/).map(safeSegment).filter((s) => s !== '' && s !== '.' && s !== '..');
  return segments.length ? join(...segments.slice(-21)) : 'upload';
}

/** A drop's group id from the client, or a fresh one: only a UUID is taken as a folder name. */
function groupOf(header: string | string[] | undefined): string {
  const value = Array.isArray(header) ? header[0] : header;
  return value && /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(value) ? value.toLowerCase() : randomUUID();
}

export async function storeUpload(req: IncomingMessage, dataFolder: string, limit: number): Promise<string> {
  const tooLarge = () => refusal(limit, 'the file');
  if (Number(req.headers['content-length'] ?? 0) > limit) throw tooLarge();
  const group = join(dataFolder, 'uploads', groupOf(req.headers['x-upload-group']));
  const path = join(group, safeRelativePath(req.headers['x-file-name']));
  const folder = dirname(path);
  await mkdir(folder, { recursive: true });
  let size = 0;
  const counter = new Transform({
    transform(chunk: Buffer, _encoding, callback) {
      size += chunk.length;
      callback(size > limit ? tooLarge() : null, chunk);
    },
  });
  try {
    await pipeline(req, counter, createWriteStream(path));
  } catch (error) {
    await rm(path, { force: true });
    throw error;
  }
  return path;
}
