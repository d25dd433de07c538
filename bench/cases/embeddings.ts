// Issue 19's bench: 100,000 embeddings of 1,536 dimensions ingested from OpenAI batch output files, then exported
// to Parquet, each against a roofline, with peak RSS; and how much the store grows per stored dimension (float32
// bytes: about 4, where JSON text took 10–20).
// Ingest. Project: the engine's ingestBatch (OpenAI parser, cost, idempotent insert with the vector as bytes, job
// updates). Roofline: stream the lines, JSON.parse, one prepared insert per row with the vector as a Float32Array.
// Parquet. Project: export/write.ts with format parquet (the CLI's `results --format parquet`: every export column).
// Roofline: the same vectors and ids read from SQLite and encoded by the same Parquet writer, nothing else.
import { createReadStream, createWriteStream, mkdirSync, statSync } from 'node:fs';
import { once } from 'node:events';
import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { finished } from 'node:stream/promises';
import { Writable } from 'node:stream';
import { ReadableStream } from 'node:stream/web';
import { Field, FixedSizeList, Float32, makeData, RecordBatch, Table, tableToIPC, Utf8, vectorFromArray } from 'apache-arrow';
import { EngineHost } from '../../src/main/api/engine-host.ts';
import { customIdFor } from '../../src/main/engine/custom-id.ts';
import { ingestBatch } from '../../src/main/engine/ingester.ts';
import { exportRun } from '../../src/main/export/write.ts';
import { databasePath, providerBatchFolder } from '../../src/main/store/data-folder.ts';
import { openDatabase } from '../../src/main/store/database.ts';
import { Store } from '../../src/main/store/store.ts';
import { measure, type Case, type Measurement } from '../harness.ts';

export const DIMENSIONS = 1536;
const MODEL = 'openai/text-embedding-3-small';
const runOf = (size: number) => `run_embed_${size}`;

/** What the store takes on disk, all pages written back from the WAL. */
function storeBytes(home: string): number {
  const db = openDatabase(databasePath(home));
  db.pragma('wal_checkpoint(TRUNCATE)');
  const bytes = (db.pragma('page_count', { simple: true }) as number) * (db.pragma('page_size', { simple: true }) as number);
  db.close();
  return bytes;
}

/** A finished embeddings run of `size` jobs (one provider batch per 50,000) and its OpenAI output files. */
export async function setupEmbeddings(home: string, size: number): Promise<string> {
  const store = Store.open(home);
  const runId = runOf(size);
  const now = Date.now();
  const batches: { id: string; remote: string; first: number; count: number }[] = [];
  store.tx(() => {
    store.runs.insert({ id: runId, name: 'bench embeddings', status: 'running', created_at: now, updated_at: now, finished_at: null, scheduled_at: null, deadline_at: null, cost_limit_usd: null, estimated_usd: 1, options: {}, simulated: false });
    for (let first = 0; first < size; first += 50_000) {
      const id = randomUUID();
      const count = Math.min(50_000, size - first);
      batches.push({ id, remote: `batch_embed_${first}`, first, count });
      store.batches.insert({ id, run_id: runId, provider: 'openai', model: MODEL, endpoint: 'embeddings', request_count: count, estimated_usd: 1, created_at: now, is_pilot: false });
      for (let seq = first; seq < first + count; seq++) {
        const spec = { id: `doc-${seq}`, label: `doc-${seq}`, model: MODEL, endpoint: 'embeddings' as const, params: {}, input: `Document ${seq}: field notes on glacier retreat and river sediment.` };
        store.jobs.insert({ run_id: runId, seq, id: spec.id, label: spec.label, model: MODEL, provider: 'openai', spec, status: 'running', attempts: 1, provider_batch_id: id, estimated_input_tokens: 14, estimated_output_tokens: 0, estimated_usd: 1e-7, error: null, error_category: null, updated_at: now });
      }
    }
  });
  for (const batch of batches) {
    const remote = { remoteId: batch.remote, status: 'completed' as const, counts: null, countsLive: true, handle: { outputFileId: `file-out-${batch.first}` } };
    store.batches.recordSubmitted(batch.id, remote, null, now, 0);
    store.batches.recordPoll(batch.id, remote, now, null);
    const dir = providerBatchFolder(home, runId, batch.id);
    mkdirSync(dir, { recursive: true });
    await writeEmbeddingOutput(join(dir, `${batch.remote}-output.jsonl`), batch.count, (i) => customIdFor(batch.id, batch.first + i));
  }
  store.close();
  return home;
}

/** OpenAI embeddings batch output lines, floats printed as the API prints them (~20 characters each). */
async function writeEmbeddingOutput(path: string, size: number, customId: (i: number) => string): Promise<void> {
  const out = createWriteStream(path);
  for (let i = 0; i < size; i++) {
    const embedding = Array.from({ length: DIMENSIONS }, (_, k) => Math.fround(Math.sin(i * 31 + k) * 0.05));
    const body = { object: 'list', data: [{ object: 'embedding', index: 0, embedding }], model: 'text-embedding-3-small', usage: { prompt_tokens: 14, total_tokens: 14 } };
    const line = { id: `batch_req_${i}`, custom_id: customId(i), response: { status_code: 200, request_id: `req_${i}`, body }, error: null };
    if (!out.write(`${JSON.stringify(line)}\n`)) await once(out, 'drain');
  }
  out.end();
  await finished(out);
}

export function project(home: string, size: number, phase: 'ingest' | 'parquet'): Case {
  if (phase === 'parquet') return { run: async () => ({ rows: await parquetExport(home, size) }) };
  let host: EngineHost;
  let before = 0;
  let lineBytes = 0;
  return {
    async prepare() {
      before = storeBytes(home);
      const store = Store.open(home);
      for (const b of store.batches.forRun(runOf(size))) lineBytes += statSync(join(providerBatchFolder(home, b.run_id, b.id), `${b.remote_id}-output.jsonl`)).size;
      store.close();
      host = new EngineHost({ home, env: { OPENAI_API_KEY: 'sk-bench' } });
      await host.ctx.registry.provider('openai');
    },
    async run() {
      let stored = 0;
      for (const batch of host.store.batches.forRun(runOf(size))) stored += (await ingestBatch(host.ctx, batch)).stored;
      await host.close();
      // What the same results took before migration 6: the raw line kept whole, plus the vector again as JSON text.
      const json = (2 * lineBytes) / (stored * DIMENSIONS);
      return { stored, bytes_per_dimension: (storeBytes(home) - before) / (stored * DIMENSIONS), json_bytes_per_dimension: json };
    },
  };
}

async function parquetExport(home: string, size: number): Promise<number> {
  const store = Store.open(home);
  const out = createWriteStream(join(home, 'export.parquet'));
  const rows = await exportRun(store, runOf(size), out, { format: 'parquet' });
  out.end();
  await finished(out);
  store.close();
  return rows;
}

export function roofline(home: string, size: number, phase: 'ingest' | 'parquet'): Case {
  return { run: () => (phase === 'ingest' ? rooflineIngest(home, size) : rooflineExport(home, size)) };
}

async function rooflineIngest(home: string, size: number): Promise<Record<string, number>> {
  const before = storeBytes(home);
  const db = openDatabase(databasePath(home));
  db.pragma('foreign_keys = OFF');
  const insert = db.prepare(`INSERT INTO results (run_id, job_seq, provider_batch_id, outcome, embedding, input_tokens, output_tokens, cached_input_tokens, cost_usd, created_at) VALUES (?, ?, ?, 'succeeded', ?, ?, 0, 0, ?, ?)`);
  let stored = 0;
  db.exec('BEGIN');
  for (const batch of Store.open(home).batches.forRun(runOf(size))) {
    const file = join(providerBatchFolder(home, batch.run_id, batch.id), `${batch.remote_id}-output.jsonl`);
    for await (const text of createInterface({ input: createReadStream(file, 'utf8'), crlfDelay: Infinity })) {
      const line = JSON.parse(text) as { custom_id: string; response: { body: { data: { embedding: number[] }[]; usage: { prompt_tokens: number } } } };
      const vector = Float32Array.from(line.response.body.data[0]!.embedding);
      insert.run(batch.run_id, Number(line.custom_id.slice(line.custom_id.lastIndexOf('_') + 1)), batch.id, Buffer.from(vector.buffer), line.response.body.usage.prompt_tokens, 1e-7, Date.now());
      stored += 1;
    }
  }
  db.exec('COMMIT');
  db.close();
  return { stored, bytes_per_dimension: (storeBytes(home) - before) / (stored * DIMENSIONS) };
}

/**
 * The least a Parquet export of the vectors must do: read each id and stored vector, and have the same Parquet
 * writer (parquet-wasm) encode them, two columns, from Arrow batches built straight from the stored bytes.
 */
async function rooflineExport(home: string, size: number): Promise<Record<string, number>> {
  const wasm = await import('parquet-wasm/node');
  const db = openDatabase(databasePath(home));
  const statement = db.prepare(`SELECT j.id, r.embedding FROM jobs j JOIN results r ON r.run_id = j.run_id AND r.job_seq = j.seq AND r.provider_batch_id = j.provider_batch_id WHERE j.run_id = ? ORDER BY j.seq`);
  const type = new FixedSizeList(DIMENSIONS, new Field('element', new Float32(), false));
  let count = 0;
  async function* batches() {
    let ids: string[] = [];
    let vectors: Buffer[] = [];
    const batch = () => {
      const values = new Float32Array(Buffer.concat(vectors).buffer.slice(0));
      const embedding = makeData({ type, length: ids.length, child: makeData({ type: new Float32(), length: values.length, data: values }) });
      const table = new Table(new RecordBatch({ job_id: vectorFromArray(ids, new Utf8()).data[0]!, embedding }));
      ids = [];
      vectors = [];
      return wasm.Table.fromIPCStream(tableToIPC(table, 'stream')).recordBatches();
    };
    for (const row of statement.iterate(runOf(size)) as Iterable<{ id: string; embedding: Buffer }>) {
      ids.push(row.id);
      vectors.push(row.embedding);
      count += 1;
      if (ids.length === 2_000) yield* batch();
    }
    if (ids.length) yield* batch();
  }
  const properties = new wasm.WriterPropertiesBuilder().setCompression(wasm.Compression.UNCOMPRESSED).setDictionaryEnabled(false).setMaxRowGroupSize(2_000).build();
  const bytes = await wasm.transformParquetStream(ReadableStream.from(batches()) as unknown as globalThis.ReadableStream, properties);
  await bytes.pipeTo(Writable.toWeb(createWriteStream(join(home, 'roofline.parquet'))));
  db.close();
  return { rows: count, bytes: statSync(join(home, 'roofline.parquet')).size };
}

type Both = (name: string, dir: string, n: number, shown: 'ms', times?: number, fresh?: boolean) => { project: Measurement; roofline: Measurement };

/** The bench rows of this case (run.ts registers it with one line). */
export async function embeddingRows(home: string, size: number, both: Both) {
  const dir = await setupEmbeddings(home, size);
  // Ingest writes into the store: each run works on a fresh copy (the output files are ~3 GB, so once each).
  const ingest = both('embeddings-ingest', dir, size, 'ms', 1, true);
  const bytes = ingest.project.extra?.bytes_per_dimension ?? NaN;
  const before = ingest.project.extra?.json_bytes_per_dimension ?? NaN;
  const floor = ingest.roofline.extra?.bytes_per_dimension ?? NaN;
  const ratio = (m: { project: Measurement; roofline: Measurement }) => m.project.ms / m.roofline.ms;
  measure('embeddings-ingest', 'project', size, dir); // stores the results once in the original, for the export
  const parquet = both('embeddings-parquet', dir, size, 'ms');
  return [
    {
      key: 'embeddings' as const,
      name: `ingest ${size} embeddings of ${DIMENSIONS} dimensions (store +${bytes.toFixed(2)} bytes a dimension, roofline ${floor.toFixed(2)}; as JSON text before: ~${before.toFixed(0)})`,
      ...ingest,
      shown: 'ms' as const,
      target: '≤ 1.5× roofline, ≤ 300 MB; bytes a dimension within 5% of the roofline',
      met: ratio(ingest) <= 1.5 && ingest.project.rss_mb <= 300 && bytes <= floor * 1.05,
    },
    { key: 'embeddings' as const, name: `export ${size} embeddings of ${DIMENSIONS} dimensions to Parquet`, ...parquet, shown: 'ms' as const, target: '≤ 2× roofline', met: ratio(parquet) <= 2 },
  ];
}
