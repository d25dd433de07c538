// A stored result line keeps everything but its vector (kept once, as float32 bytes): the JSON stays valid and the
// rest of the line is unchanged, for OpenAI's and Gemini's shapes alike.
import { describe, expect, it } from 'vitest';
import { elideVector } from '../../../src/main/engine/elide-vector.ts';

const vector = Array.from({ length: 64 }, (_, i) => Math.fround(Math.sin(i)) * (i % 3 ? 1 : 1e-5));

describe('elideVector', () => {
  it('replaces the vector of an OpenAI embeddings line and keeps the rest', () => {
    const line = JSON.stringify({ id: 'r1', custom_id: 'x_1', response: { status_code: 200, body: { object: 'list', data: [{ object: 'embedding', index: 0, embedding: vector }], usage: { prompt_tokens: 5, total_tokens: 5 } } }, error: null });
    const kept = JSON.parse(elideVector(line, 64)) as { custom_id: string; response: { body: { data: { embedding: unknown }[]; usage: unknown } } };
    expect(kept.custom_id).toBe('x_1');
    expect(kept.response.body.data[0]!.embedding).toBe('64 float32 values (stored in results.embedding)');
    expect(kept.response.body.usage).toEqual({ prompt_tokens: 5, total_tokens: 5 });
  });

  it('replaces a Gemini vector and leaves shorter number lists alone', () => {
    const line = JSON.stringify({ key: 'k', response: { embedding: { values: vector }, shape: [64] }, other: [1, 2, 3] });
    const kept = JSON.parse(elideVector(line, 64)) as { response: { embedding: { values: unknown }; shape: number[] }; other: number[] };
    expect(typeof kept.response.embedding.values).toBe('string');
    expect(kept.other).toEqual([1, 2, 3]);
    expect(kept.response.shape).toEqual([64]);
    expect(elideVector(line, 8)).toBe(line);
  });
});
