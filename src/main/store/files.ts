// Raw provider files live under the data folder; every write is atomic (temp file + rename) so a crash
// mid-download never leaves a half file that looks complete.
import { createReadStream, createWriteStream } from 'node:fs';
import { mkdir, open, rename, rm, stat } from 'node:fs/promises';
import { dirname } from 'node:path';
import { createInterface } from 'node:readline';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { randomUUID } from 'node:crypto';
import type { ReadableStream as WebReadableStream } from 'node:stream/web';

export type ByteSource = string | Uint8Array | AsyncIterable<Uint8Array | string> | Readable | ReadableStream<Uint8Array>;

/** Write `source` to `path` through a temp file in the same folder, then rename. */
export async function writeFileAtomic(path: string, source: ByteSource): Promise<void> {
  await mkdir(dirname(path), { recursive: true });
  const temp = `${path}.${randomUUID().slice(0, 8)}.partial`;
  try {
    const readable =
      typeof source === 'string' || source instanceof Uint8Array
        ? Readable.from([source])
        : source instanceof ReadableStream
          ? Readable.fromWeb(source as WebReadableStream<Uint8Array>)
          : Readable.from(source);
    await pipeline(readable, createWriteStream(temp));
    // On disk before it gets its final name: after a power cut the file is either complete or absent.
    const handle = await open(temp, 'r+');
    try {
      await handle.sync();
    } finally {
      await handle.close();
    }
    await rename(temp, path);
  } catch (error) {
    await rm(temp, { force: true });
    throw error;
  }
}

export async function fileExists(path: string): Promise<boolean> {
  try {
    return (await stat(path)).isFile();
  } catch {
    return false;
  }
}

/**
 * Read a JSONL file line by line without holding it in memory. Yields 1-based line numbers and the raw
 * text; blank lines are skipped (they carry no request or result).
 */
export async function* readLines(path: string): AsyncGenerator<{ line: number; text: string }> {
  const lines = createInterface({ input: createReadStream(path, { encoding: 'utf8' }), crlfDelay: Infinity });
  let line = 0;
  for await (const text of lines) {
    line += 1;
    if (text.trim() !== '') yield { line, text };
  }
}
