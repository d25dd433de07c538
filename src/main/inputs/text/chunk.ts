// A long text cut into chunks of at most `maxTokens` tokens, each repeating the last `overlapTokens` tokens of the
// one before (about: whole pieces are repeated, never more than asked), with its character offsets in the text. Cuts fall on tokenizer pieces (never inside a word), and where
// the last fifth of a chunk holds the end of a paragraph, line or sentence, the chunk ends there instead.
import type { TokenPiece } from './token-pieces.ts';

export interface TextChunk {
  index: number;
  /** Offsets in the text (UTF-16 code units), end exclusive. */
  start: number;
  end: number;
  text: string;
  tokens: number;
}

export interface ChunkOptions {
  maxTokens: number;
  overlapTokens: number;
}

const PARAGRAPH = /\n\s*\n\s*$/;
const LINE = /\n\s*$/;
const SENTENCE = /[.!?…。！？]["'”’)\]]*\s*$/;

/** The best place to end a chunk of pieces[from..to): a natural boundary in its last fifth, else `to`. */
function naturalEnd(pieces: TokenPiece[], from: number, to: number): number {
  const floor = from + Math.ceil((to - from) * 0.8);
  for (const boundary of [PARAGRAPH, LINE, SENTENCE]) {
    for (let end = to; end > floor; end--) if (boundary.test(pieces[end - 1]!.text)) return end;
  }
  return to;
}

export function chunkPieces(pieces: TokenPiece[], options: ChunkOptions): TextChunk[] {
  const { maxTokens, overlapTokens } = options;
  if (overlapTokens >= maxTokens) throw new RangeError(`the overlap (${overlapTokens} tokens) must be smaller than a chunk (${maxTokens} tokens)`);
  const offsets = [0];
  for (const piece of pieces) offsets.push(offsets.at(-1)! + piece.text.length);
  const chunks: TextChunk[] = [];
  let from = 0;
  while (from < pieces.length) {
    let to = from;
    let tokens = 0;
    // A single piece over the limit (a very long run of one character) still goes alone: its tokens are counted.
    while (to < pieces.length && (to === from || tokens + pieces[to]!.tokens <= maxTokens)) tokens += pieces[to++]!.tokens;
    if (to < pieces.length) to = naturalEnd(pieces, from, to);
    const slice = pieces.slice(from, to);
    chunks.push({ index: chunks.length, start: offsets[from]!, end: offsets[to]!, text: slice.map((p) => p.text).join(''), tokens: slice.reduce((a, p) => a + p.tokens, 0) });
    if (to >= pieces.length) break;
    // Step back over whole pieces until the overlap is covered, but always move forward.
    let next = to;
    for (let repeated = 0; next > from + 1 && repeated + pieces[next - 1]!.tokens <= overlapTokens; ) repeated += pieces[--next]!.tokens;
    from = next;
  }
  return chunks;
}
