// Deterministic embedding vectors for the fake providers: `dimensions` floats derived from the text by SHA-256 in
// counter mode, scaled to unit length like the real models' vectors. Tests recompute them to match results by id.
import { createHash } from 'node:crypto';

/** What a model returns when the request names no length (the catalog's figures). */
export const DEFAULT_DIMENSIONS: Record<string, number> = { 'text-embedding-3-small': 1536, 'text-embedding-3-large': 3072, 'gemini-embedding-001': 3072 };

export function fakeVector(text: string, dimensions: number): number[] {
  const values: number[] = [];
  for (let block = 0; values.length < dimensions; block++) {
    const digest = createHash('sha256').update(`${block}\u0000${text}`).digest();
    for (let i = 0; i + 1 < digest.length && values.length < dimensions; i += 2) values.push(digest.readUInt16BE(i) / 32768 - 1);
  }
  const norm = Math.hypot(...values) || 1;
  return values.map((v) => Math.fround(v / norm));
}
