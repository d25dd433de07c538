// POST /api/upload: a file dropped in the browser, sent as the raw body with its name in X-File-Name
// (URI-encoded). It is stored under <data>/uploads/<uuid>/<name>, so the run reads it like any local file.
import { randomUUID } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { mkdir, rm } from 'node:fs/promises';
import type { IncomingMessage } from 'node:http';
import { join } from 'node:path';
import { Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { tooLarge as refusal } from './http-io.ts';

/** A safe file name: no folders, no control characters, no leading dots, at most 200 characters. */
export function safeFileName(header: string | string[] | undefined): string {
  let name: string;
  try {
    name = decodeURIComponent(Array.isArray(header) ? (header[0] ?? '') : (header ?? ''));
  } catch {
    name = '';
  }
  const cleaned = [...(name.split(/[\\/]/).pop() ?? '')]
    .map((c) => (c.charCodeAt(0) < 0x20 || c.charCodeAt(0) === 0x7f || '<>:"|?*'.includes(c) ? '_' : c))
    .join('')
    .replace(/^[.\s]+/, '')
    .trim()
    .slice(-200);
  return cleaned || 'upload';
}

export async function storeUpload(req: IncomingMessage, dataFolder: string, limit: number): Promise<string> {
  const tooLarge = () => refusal(limit, 'the file');
  if (Number(req.headers['content-length'] ?? 0) > limit) throw tooLarge();
  const folder = join(dataFolder, 'uploads', randomUUID());
  const path = join(folder, safeFileName(req.headers['x-file-name']));
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
    await rm(folder, { recursive: true, force: true });
    throw error;
  }
  return path;
}
