// Embedding vectors as stored: float32, little-endian, 4 bytes a dimension (the providers compute float32, so
// nothing is lost). Rows written before migration 6 hold JSON text instead; both read back as a Float32Array.
import { endianness } from 'node:os';

const LITTLE_ENDIAN = endianness() === 'LE';

/** The vector as float32 little-endian bytes. */
export function vectorToBytes(vector: ArrayLike<number>): Buffer {
  const floats = vector instanceof Float32Array ? vector : Float32Array.from(vector as ArrayLike<number>);
  if (LITTLE_ENDIAN) return Buffer.from(floats.buffer, floats.byteOffset, floats.byteLength);
  const bytes = Buffer.alloc(floats.length * 4);
  for (let i = 0; i < floats.length; i++) bytes.writeFloatLE(floats[i]!, i * 4);
  return bytes;
}

/** Stored bytes back as floats (copied: a SQLite blob's buffer is not 4-byte aligned). */
export function vectorFromBytes(bytes: Uint8Array): Float32Array {
  const floats = new Float32Array(bytes.byteLength >>> 2);
  if (LITTLE_ENDIAN) new Uint8Array(floats.buffer).set(bytes.subarray(0, floats.length * 4));
  else for (let i = 0; i < floats.length; i++) floats[i] = Buffer.from(bytes.buffer, bytes.byteOffset).readFloatLE(i * 4);
  return floats;
}

/** A stored vector: the float32 column, else (rows from before migration 6) the JSON text one. */
export function storedVector(bytes: Uint8Array | null, json: string | null): Float32Array | null {
  if (bytes !== null) return vectorFromBytes(bytes);
  return json === null ? null : Float32Array.from(JSON.parse(json) as number[]);
}
