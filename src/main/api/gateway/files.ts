// /v1/files of the gateway: uploads are streamed to <data>/gateway/files/ (never held whole in memory); output
// and error files of a gateway batch are generated from the run's results when they are read.
import { randomUUID } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { rm, stat } from 'node:fs/promises';
import { join } from 'node:path';
import type { Readable } from 'node:stream';
import { writeFileAtomic } from '../../store/files.ts';
import type { GatewayFileRow } from '../../store/repositories/gateway.ts';
import type { EngineHost } from '../engine-host.ts';
import { invalid, notFound } from './openai-error.ts';

export function fileObject(file: Pick<GatewayFileRow, 'id' | 'filename' | 'purpose' | 'bytes' | 'created_at'>) {
  return {
    id: file.id,
    object: 'file' as const,
    bytes: file.bytes,
    created_at: Math.floor(file.created_at / 1000),
    expires_at: null,
    filename: file.filename,
    purpose: file.purpose,
    status: 'processed' as const,
    status_details: null,
  };
}

export interface WrittenUpload {
  id: string;
  filename: string;
  path: string;
}

/** Stream an upload's bytes to the data folder (multipart may send the file before its purpose). */
export async function writeUpload(host: EngineHost, filename: string, content: Readable): Promise<WrittenUpload> {
  const id = `file-${randomUUID().replace(/-/g, '')}`;
  const path = join(host.dataFolder, 'gateway', 'files', `${id}.jsonl`);
  await writeFileAtomic(path, content);
  return { id, filename: filename || 'upload.jsonl', path };
}

/** Keep a written upload as a file object, or drop it when its purpose is not one the gateway serves. */
export async function registerUpload(host: EngineHost, written: WrittenUpload, purpose: string | null): Promise<ReturnType<typeof fileObject>> {
  if (purpose !== 'batch') {
    await rm(written.path, { force: true });
    throw invalid(purpose === null ? "'purpose' is required" : `purpose "${purpose}" is not supported by this gateway: use "batch"`, 'purpose');
  }
  const row: GatewayFileRow = { ...written, purpose, bytes: (await stat(written.path)).size, created_at: host.ctx.clock.now() };
  host.store.gateway.insertFile(row);
  return fileObject(row);
}

export function retrieveFile(host: EngineHost, id: string): ReturnType<typeof fileObject> {
  const stored = host.store.gateway.file(id);
  if (stored) return fileObject(stored);
  throw notFound(`No such File object: ${id}`);
}

export function listFiles(host: EngineHost, query: { limit: number; after?: string; purpose?: string }) {
  const rows = host.store.gateway.files(query.limit + 1, query.after, query.purpose);
  const data = rows.slice(0, query.limit).map(fileObject);
  return { object: 'list' as const, data, first_id: data[0]?.id ?? null, last_id: data.at(-1)?.id ?? null, has_more: rows.length > query.limit };
}

export async function deleteFile(host: EngineHost, id: string) {
  const stored = host.store.gateway.file(id);
  if (!stored) throw notFound(`No such File object: ${id}`);
  host.store.gateway.deleteFile(id);
  await rm(stored.path, { force: true });
  return { id, object: 'file' as const, deleted: true };
}

/** The bytes of a file: an uploaded input file, or a finished batch's output or error file. */
export function fileContent(host: EngineHost, id: string): Readable {
  const stored = host.store.gateway.file(id);
  if (!stored) throw notFound(`No such File object: ${id}`);
  return createReadStream(stored.path);
}
