// Counting a long text with a BPE tokenizer in linear time without blocking the event loop. A BPE tokenizer merges
// inside each pre-tokenized piece, and one piece can be the whole text (a file of one repeated character): the
// merge cost grows with the square of its length (200 KB took 53 s). So the text is cut into chunks at whitespace,
// a run without whitespace is cut every MAX_RUN characters, and the loop yields to the event loop between slices
// of work. Each cut can shift the count by a token at most: ≤ 1 token per MAX_RUN characters of unbroken text.

/** Longest run counted in one piece; a cut inside a run costs at most one token. */
export const MAX_RUN = 256;
/** Target chunk size: large enough that per-call overhead is small, small enough to yield often. */
export const CHUNK_CHARS = 8_192;
/** Yield to the event loop after this much counting time (ms). */
export const SLICE_MS = 10;

/** The chunks `text` is counted in: every chunk ends at whitespace, or is a MAX_RUN cut of an unbroken run. */
export function* textChunks(text: string): Generator<string> {
  let start = 0;
  while (start < text.length) {
    let end = Math.min(text.length, start + CHUNK_CHARS);
    if (end < text.length) {
      // Prefer to end just after whitespace near the target size.
      let cut = end;
      while (cut > start && !/\s/.test(text[cut - 1]!)) cut -= 1;
      if (cut > start) end = cut;
    }
    const chunk = text.slice(start, end);
    yield* splitRuns(chunk);
    start = end;
  }
}

/** Cut runs of non-whitespace longer than MAX_RUN into MAX_RUN pieces. */
function* splitRuns(chunk: string): Generator<string> {
  if (chunk.length <= MAX_RUN) {
    yield chunk;
    return;
  }
  let piece = 0;
  let run = 0;
  for (let i = 0; i < chunk.length; i++) {
    if (/\s/.test(chunk[i]!)) run = 0;
    else if (++run > MAX_RUN) {
      yield chunk.slice(piece, i);
      piece = i;
      run = 1;
    }
  }
  yield chunk.slice(piece);
}

const yieldToLoop = () => new Promise<void>((resolve) => setImmediate(resolve));

/** Count `text` with `count` chunk by chunk, yielding to the event loop every SLICE_MS; aborts when `signal` does. */
export async function countInChunks(text: string, count: (chunk: string) => number, signal?: AbortSignal): Promise<number> {
  if (text.length <= MAX_RUN) return count(text);
  let total = 0;
  let sliceStart = performance.now();
  for (const chunk of textChunks(text)) {
    total += count(chunk);
    if (performance.now() - sliceStart > SLICE_MS) {
      await yieldToLoop();
      signal?.throwIfAborted();
      sliceStart = performance.now();
    }
  }
  return total;
}
