// Vectors are stored as float32 bytes (migration 6): 4 bytes a dimension, read back exactly; rows written by an older
// Batchdesk as embedding_json text are still read, after the upgrade, by the results and export repositories.
import Database from 'better-sqlite3';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openDatabase } from '../../../src/main/store/database.ts';
import { migrate } from '../../../src/main/store/migrations.ts';
import { ExportRowsRepository } from '../../../src/main/store/repositories/export-rows.ts';
import { ResultsRepository } from '../../../src/main/store/repositories/results.ts';
import { vectorFromBytes, vectorToBytes } from '../../../src/main/store/vector-bytes.ts';
import { tempDir } from '../../helpers/cli.ts';

function seed(db: Database.Database): void {
  db.prepare(`INSERT INTO runs (id, name, status, created_at, updated_at, options_json) VALUES ('r1', 'old', 'completed', 1, 1, '{}')`).run();
  db.prepare(`INSERT INTO provider_batches (id, run_id, provider, model, endpoint, status, request_count, created_at) VALUES ('pb1', 'r1', 'openai', 'openai/text-embedding-3-small', 'embeddings', 'completed', 2, 1)`).run();
  for (const seq of [0, 1]) {
    db.prepare(`INSERT INTO jobs (run_id, seq, id, label, model, provider, status, provider_batch_id, updated_at) VALUES ('r1', ?, ?, ?, 'openai/text-embedding-3-small', 'openai', 'succeeded', 'pb1', 1)`).run(seq, `j${seq}`, `j${seq}`);
    db.prepare(`INSERT INTO job_specs (run_id, seq, spec_json) VALUES ('r1', ?, '{}')`).run(seq);
  }
}

describe('embedding storage', () => {
  let dir: ReturnType<typeof tempDir>;
  beforeEach(() => (dir = tempDir()));
  afterEach(() => dir.cleanup());

  it('round-trips float32 vectors through 4 bytes a dimension', () => {
    const vector = [0.1, -0.25, 3.5e-7, 1];
    const bytes = vectorToBytes(vector);
    expect(bytes.byteLength).toBe(16);
    expect(Array.from(vectorFromBytes(bytes))).toEqual(vector.map(Math.fround));
    expect(Array.from(vectorFromBytes(new Uint8Array(Buffer.concat([Buffer.alloc(1), bytes])).subarray(1)))).toEqual(vector.map(Math.fround));
  });

  it('reads vectors written as JSON text by a database from before migration 6, and new ones as bytes', () => {
    const path = join(dir.path, 'old.db');
    const old = new Database(path);
    migrate(old, path, 4);
    seed(old);
    old.prepare(`INSERT INTO results (run_id, job_seq, provider_batch_id, outcome, embedding_json, input_tokens, output_tokens, cached_input_tokens, created_at) VALUES ('r1', 0, 'pb1', 'succeeded', '[0.5,-0.5,0.25]', 3, 0, 0, 1)`).run();
    old.close();

    const db = openDatabase(path);
    const results = new ResultsRepository(db);
    results.insert({ run_id: 'r1', job_seq: 1, provider_batch_id: 'pb1', outcome: 'succeeded', text: null, parsed: null, citations: [], schema_errors: [], embedding: [1, 2, 3], input_tokens: 3, output_tokens: 0, cached_input_tokens: 0, cost_usd: 0, error: null, error_category: null, raw: null, created_at: 2 });
    expect(Array.from(results.current('r1', 0)!.embedding!)).toEqual([0.5, -0.5, 0.25]);
    expect(Array.from(results.current('r1', 1)!.embedding!)).toEqual([1, 2, 3]);
    expect(db.prepare(`SELECT length(embedding) AS n, embedding_json FROM results WHERE job_seq = 1`).get()).toEqual({ n: 12, embedding_json: null });
    const rows = new ExportRowsRepository(db);
    expect([...rows.iterate('r1')].map((r) => Array.from(r.embedding!))).toEqual([[0.5, -0.5, 0.25], [1, 2, 3]]);
    expect(rows.vectorShape('r1')).toEqual({ rows: 2, min_dimensions: 3, max_dimensions: 3 });
    expect([...rows.vectors('r1')].map((v) => v.job_id)).toEqual(['j0', 'j1']);
    db.close();
  });
});
