// SHA-256 of a file, streamed (a dataset may be larger than memory) or of a text: how a methods bundle names
// every input so a reader can check it is the same one.
import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import type { FileRef } from '../../shared/methods-bundle.ts';

export function textSha256(text: string | Buffer): string {
  return createHash('sha256').update(text).digest('hex');
}

export async function fileSha256(path: string): Promise<string> {
  const hash = createHash('sha256');
  for await (const chunk of createReadStream(path)) hash.update(chunk as Buffer);
  return hash.digest('hex');
}

/** The file as a bundle records it: its absolute path, SHA-256 and size. */
export async function fileRef(path: string): Promise<FileRef> {
  const [sha256, info] = await Promise.all([fileSha256(path), stat(path)]);
  return { path, sha256, bytes: info.size };
}
