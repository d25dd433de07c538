// A run's vectors as a NumPy .npy file (format version 1.0: https://numpy.org/doc/stable/reference/generated/numpy.lib.format.html):
// one little-endian float32 matrix, a row per job that has a vector, in job order; and the ids file that goes with
// it (npy_ids): the job id of each row, one a line, in the same order. Streamed: the shape is counted in SQL first,
// then each stored vector's bytes are copied as they are.
import { once } from 'node:events';
import type { Writable } from 'node:stream';
import type { Store } from '../store/store.ts';
import { vectorToBytes } from '../store/vector-bytes.ts';

const MAGIC = Buffer.from([0x93, 0x4e, 0x55, 0x4d, 0x50, 0x59]); // \x93NUMPY
const CHUNK_BYTES = 1 << 20;

export class VectorExportError extends Error {}

/** Rows and dimensions of the run's matrix; a run without vectors, or with vectors of several lengths, is refused. */
export function npyShape(store: Store, runId: string): { rows: number; dimensions: number } {
  const shape = store.exportRows.vectorShape(runId);
  if (shape.rows === 0 || shape.max_dimensions === null) throw new VectorExportError(`run ${runId} has no vectors yet: an npy export needs embeddings jobs that succeeded`);
  if (shape.min_dimensions !== shape.max_dimensions) {
    throw new VectorExportError(`run ${runId} holds vectors of ${shape.min_dimensions} and ${shape.max_dimensions} dimensions, which one matrix cannot hold: export it as parquet or jsonl`);
  }
  const broken = store.exportRows.idWithLineBreak(runId);
  if (broken !== null) throw new VectorExportError(`job id ${JSON.stringify(broken)} holds a line break, which the ids file (one id a line) cannot hold: export as parquet or jsonl`);
  return { rows: shape.rows, dimensions: shape.max_dimensions };
}

/** The .npy header for a C-order float32 matrix: magic, version 1.0, length, then the dict padded to 64 bytes. */
export function npyHeader(rows: number, dimensions: number): Buffer {
  const dict = `{'descr': '<f4', 'fortran_order': False, 'shape': (${rows}, ${dimensions}), }`;
  const unpadded = MAGIC.length + 2 + 2 + dict.length + 1;
  const header = dict + ' '.repeat((64 - (unpadded % 64)) % 64) + '\n';
  const length = Buffer.alloc(2);
  length.writeUInt16LE(header.length);
  return Buffer.concat([MAGIC, Buffer.from([1, 0]), length, Buffer.from(header, 'latin1')]);
}

async function write(out: Writable, bytes: Buffer | string): Promise<void> {
  if (!out.write(bytes)) await once(out, 'drain');
}

/** Write the matrix; returns its number of rows. Does not end `out`. */
export async function writeNpy(store: Store, runId: string, out: Writable): Promise<number> {
  const { rows, dimensions } = npyShape(store, runId);
  await write(out, npyHeader(rows, dimensions));
  let pending: Buffer[] = [];
  let size = 0;
  let written = 0;
  for (const { vector } of store.exportRows.vectors(runId)) {
    pending.push(vectorToBytes(vector));
    size += vector.length * 4;
    written += 1;
    if (size >= CHUNK_BYTES) {
      await write(out, Buffer.concat(pending, size));
      pending = [];
      size = 0;
    }
  }
  if (size) await write(out, Buffer.concat(pending, size));
  // A result stored while the export ran would break the header's promise: say so rather than hand over a bad file.
  if (written !== rows) throw new VectorExportError(`run ${runId} changed during the export (${written} vectors, header says ${rows}): export it again`);
  return written;
}

/** Write the ids file of the matrix: one job id a line, in the matrix's row order. */
export async function writeNpyIds(store: Store, runId: string, out: Writable): Promise<number> {
  npyShape(store, runId);
  let chunk = '';
  let count = 0;
  for (const { job_id } of store.exportRows.vectors(runId)) {
    chunk += `${job_id}\n`;
    count += 1;
    if (chunk.length >= CHUNK_BYTES) {
      await write(out, chunk);
      chunk = '';
    }
  }
  if (chunk) await write(out, chunk);
  return count;
}
