// Counting a long text with a BPE tokenizer in linear time without blocking the event loop. A BPE tokenizer merges
// inside each pre-tokenized piece, and one piece can be the whole text (a file of one repeated character): the
// merge cost grows with the square of its length (200 KB took 53 s). So the text is cut into chunks at whitespace,
// a run without whitespace is cut every MAX_RUN characters, and the loop yields to the event loop between slices
// of work. Each cut can shift the count by a token at most: ≤ 1 token per MAX_RUN characters of unbroken text.
import { TimeSlice } from './time-slice.ts';

/** Longest run counted in one piece; a cut inside a run costs at most one token. */
export const MAX_RUN = 256;
/** Target chunk size: large enough that per-call overhead is small, small enough to yield often. */
export const CHUNK_CHARS = 8_192;

/** The whitespace that ends a pre-tokenized piece (\s in the tokenizer's pattern), by char code. */
function isSpace(c: number): boolean {
  return c === 32 || (c >= 9 && c <= 13) || c === 0xa0 || c === 0x1680 || (c >= 0x2000 && c <= 0x200a) || c === 0x2028 || c === 0x2029 || c === 0x202f || c === 0x205f || c === 0x3000 || c === 0xfeff;
}

/**
 * The chunks `text` is counted in: a chunk ends just before whitespace (the tokenizer joins a leading space to the
 * word after it, so the space starts the next chunk), or is a MAX_RUN cut of an unbroken run.
 */
export function* textChunks(text: string): Generator<string> {
  let start = 0;
  let run = 0;
  for (let i = 0; i < text.length; i++) {
    if (isSpace(text.charCodeAt(i))) {
      run = 0;
      if (i - start >= CHUNK_CHARS) {
        yield text.slice(start, i);
        start = i;
      }
    } else if (++run > MAX_RUN) {
      yield text.slice(start, i);
      start = i;
      run = 1;
    }
  }
  if (start < text.length) yield text.slice(start);
}

/** Count `text` with `count` chunk by chunk, yielding to the event loop every SLICE_MS; aborts when `signal` does. */
export async function countInChunks(text: string, count: (chunk: string) => number, signal?: AbortSignal): Promise<number> {
  if (text.length <= MAX_RUN) return count(text);
  let total = 0;
  const slice = new TimeSlice();
  for (const chunk of textChunks(text)) {
    total += count(chunk);
    await slice.pause(signal);
  }
  return total;
}
