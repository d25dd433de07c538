// Chunks of a long text (issue 19): each at most the token limit (counted with cl100k_base, the embedding models'
// tokenizer), consecutive chunks overlapping by about the overlap asked for, offsets that cut exactly the chunk's
// text out of the whole, cut at a paragraph or sentence end where one is near.
import { countTokens } from 'gpt-tokenizer/encoding/cl100k_base';
import { describe, expect, it } from 'vitest';
import { chunkPieces } from '../../../src/main/inputs/text/chunk.ts';
import { tokenPieces } from '../../../src/main/inputs/text/token-pieces.ts';

const paragraph = (i: number) => `Paragraph ${i}. ${'The survey respondents described delays on the morning buses, and some walked instead. '.repeat(4)}\n\n`;
const TEXT = Array.from({ length: 40 }, (_, i) => paragraph(i)).join('') + 'Ünïcødé tail: 雪が降る 🌧️ end';

describe('chunkPieces', () => {
  it('keeps every chunk within the limit, covers the text, and records exact offsets', async () => {
    const pieces = await tokenPieces(TEXT);
    expect(pieces.map((p) => p.text).join('')).toBe(TEXT);
    const chunks = chunkPieces(pieces, { maxTokens: 150, overlapTokens: 0 });
    expect(chunks.length).toBeGreaterThan(10);
    for (const chunk of chunks) {
      expect(TEXT.slice(chunk.start, chunk.end)).toBe(chunk.text);
      expect(countTokens(chunk.text, { disallowedSpecial: new Set() })).toBeLessThanOrEqual(150);
    }
    chunks.slice(1).forEach((c, i) => expect(c.start).toBe(chunks[i]!.end));
    expect(chunks[0]!.start).toBe(0);
    expect(chunks.at(-1)!.end).toBe(TEXT.length);
  });

  it('repeats about the overlap from the end of the chunk before, never more', async () => {
    const chunks = chunkPieces(await tokenPieces(TEXT), { maxTokens: 200, overlapTokens: 30 });
    chunks.slice(1).forEach((c, i) => {
      const repeated = TEXT.slice(c.start, chunks[i]!.end);
      const tokens = countTokens(repeated);
      expect(tokens).toBeGreaterThan(20);
      expect(tokens).toBeLessThanOrEqual(30);
    });
  });

  it('ends chunks at a paragraph end when one falls in the last fifth', async () => {
    const chunks = chunkPieces(await tokenPieces(TEXT), { maxTokens: 300, overlapTokens: 0 });
    const paragraphEnds = chunks.slice(0, -1).filter((c) => c.text.endsWith('\n\n')).length;
    expect(paragraphEnds).toBeGreaterThanOrEqual(chunks.length - 2);
  });

  it('gives a short text one chunk, and refuses an overlap as large as a chunk', async () => {
    const pieces = await tokenPieces('Glaciers retreat.');
    expect(chunkPieces(pieces, { maxTokens: 8191, overlapTokens: 100 })).toEqual([{ index: 0, start: 0, end: 17, text: 'Glaciers retreat.', tokens: countTokens('Glaciers retreat.') }]);
    expect(() => chunkPieces(pieces, { maxTokens: 10, overlapTokens: 10 })).toThrow(/must be smaller than a chunk/);
  });
});
