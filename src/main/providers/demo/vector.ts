// The demo embedding model's vectors: deterministic and meaningful enough to try similarity search on. Each word
// (lower-cased, letters and digits) is hashed to one dimension and a sign (feature hashing), counts are summed and
// the vector is scaled to unit length, so texts that share words point the same way. Same text, same vector.

/** FNV-1a over a string's UTF-16 code units: fast, stable across platforms. */
function fnv1a(text: string, seed: number): number {
  let hash = 0x811c9dc5 ^ seed;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return hash >>> 0;
}

export function demoVector(text: string, dimensions: number): number[] {
  const vector = new Float64Array(dimensions);
  const words = text.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? [];
  for (const word of words) {
    vector[fnv1a(word, 0) % dimensions]! += fnv1a(word, 1) & 1 ? 1 : -1;
  }
  // A text without words still gets a (hash-derived) direction rather than the zero vector.
  if (words.length === 0) for (let i = 0; i < Math.min(dimensions, 8); i++) vector[fnv1a(`${text}#${i}`, 2) % dimensions] = 1;
  const norm = Math.hypot(...vector) || 1;
  return Array.from(vector, (v) => Math.fround(v / norm));
}
