// Writing text to a stream the way every export does: in chunks of about a megabyte (a write, and an await, per
// row would dominate), waiting for 'drain' when the stream asks for it.
import { once } from 'node:events';
import type { Writable } from 'node:stream';

const CHUNK_CHARS = 1 << 20;

export async function write(out: Writable, text: string): Promise<void> {
  if (!out.write(text)) await once(out, 'drain');
}

/** Write `texts` to `out` in chunks. */
export async function writeAll(out: Writable, texts: Iterable<string>): Promise<void> {
  let chunk = '';
  for (const text of texts) {
    chunk += text;
    if (chunk.length >= CHUNK_CHARS) {
      await write(out, chunk);
      chunk = '';
    }
  }
  if (chunk) await write(out, chunk);
}

export function* map<T, U>(items: Iterable<T>, f: (item: T) => U): Generator<U> {
  for (const item of items) yield f(item);
}
