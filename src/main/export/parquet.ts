// Parquet export, streamed: rows become Apache Arrow record batches (apache-arrow), which parquet-wasm (the Rust
// arrow-rs Parquet writer compiled to WebAssembly) encodes one row group at a time while the bytes flow to `out`.
// Vectors are a list<float32> column (what pandas / pyarrow read as arrays), copied from the stored float32 bytes;
// everything else keeps its type: counts as int32, cost as double, flags as bool, text and JSON values as strings.
import { Writable } from 'node:stream';
import { ReadableStream } from 'node:stream/web';
import { Bool, Field, Float32, Float64, Int32, List, makeData, RecordBatch, Schema, Struct, Table, tableToIPC, Utf8, vectorFromArray, type DataType } from 'apache-arrow';
import { VECTOR_COLUMN } from '../../shared/export-columns.ts';

/** Rows per record batch and row group: ~12 MB of 1,536-dimension vectors, so memory stays flat. */
const BATCH_ROWS = 2_000;
const INT_COLUMNS = new Set(['input_tokens', 'output_tokens', 'chunk_index', 'chunk_start', 'chunk_end', 'dimensions']);

function typeOf(column: string): DataType {
  if (column === VECTOR_COLUMN) return new List(new Field('element', new Float32(), false));
  if (INT_COLUMNS.has(column)) return new Int32();
  if (column === 'cost_usd') return new Float64();
  if (column === 'simulated') return new Bool();
  return new Utf8();
}

const text = (value: unknown): string | null => (value === null || value === undefined ? null : typeof value === 'string' ? value : JSON.stringify(value));

/** A list<float32> column from the batch's vectors (null where a job has none). */
function vectorData(type: List, vectors: (ArrayLike<number> | null)[]) {
  const offsets = new Int32Array(vectors.length + 1);
  const valid = new Uint8Array(Math.ceil(vectors.length / 8));
  let total = 0;
  vectors.forEach((v, i) => {
    if (v) valid[i >> 3]! |= 1 << (i & 7);
    total += v?.length ?? 0;
    offsets[i + 1] = total;
  });
  const values = new Float32Array(total);
  vectors.forEach((v, i) => v && values.set(v, offsets[i]!));
  const child = makeData({ type: new Float32(), length: total, data: values });
  const nullCount = vectors.filter((v) => !v).length;
  return makeData({ type, length: vectors.length, nullCount, nullBitmap: nullCount ? valid : null, valueOffsets: offsets, child });
}

function recordBatch(schema: Schema, records: Record<string, unknown>[]): RecordBatch {
  const children = schema.fields.map((field) => {
    const values = records.map((r) => r[field.name] ?? null);
    if (field.type instanceof List) return vectorData(field.type, values as (ArrayLike<number> | null)[]);
    if (field.type instanceof Utf8) return vectorFromArray(values.map(text), field.type).data[0]!;
    return vectorFromArray(values as (number | boolean | null)[], field.type).data[0]!;
  });
  return new RecordBatch(schema, makeData({ type: new Struct(schema.fields), length: records.length, nullCount: 0, children }));
}

/** Write `records` (flat export records with these columns) as one Parquet file to `out`. Does not end `out`. */
export async function writeParquet(columns: string[], records: Iterable<Record<string, unknown>>, out: Writable): Promise<void> {
  const wasm = await import('parquet-wasm/node');
  const schema = new Schema(columns.map((c) => new Field(c, typeOf(c), true)));
  async function* batches() {
    let pending: Record<string, unknown>[] = [];
    let any = false;
    const toWasm = (rows: Record<string, unknown>[]) => wasm.Table.fromIPCStream(tableToIPC(new Table(recordBatch(schema, rows)), 'stream')).recordBatches();
    for (const record of records) {
      pending.push(record);
      if (pending.length === BATCH_ROWS) {
        yield* toWasm(pending);
        pending = [];
        any = true;
      }
    }
    // An empty run still gets a file with its columns (one empty row group).
    if (pending.length || !any) yield* toWasm(pending);
  }
  const properties = new wasm.WriterPropertiesBuilder()
    .setCompression(wasm.Compression.SNAPPY)
    .setColumnCompression(`${VECTOR_COLUMN}.list.element`, wasm.Compression.UNCOMPRESSED)
    .setColumnDictionaryEnabled(`${VECTOR_COLUMN}.list.element`, false)
    .setMaxRowGroupSize(BATCH_ROWS)
    .setCreatedBy('Batchdesk (parquet-wasm)')
    .build();
  // node:stream/web's stream is the global one; the cast only bridges Node's and the DOM's typings of it.
  const source = ReadableStream.from(batches()) as unknown as globalThis.ReadableStream;
  const bytes = await wasm.transformParquetStream(source, properties);
  await bytes.pipeTo(Writable.toWeb(out), { preventClose: true });
}
