// The rows an export is made of: one per job with the result of its current attempt, read from SQLite as a
// stream (never the whole run in memory). Exports, the library's JobResults, the compare view and the gateway's
// output files all read runs this way.
import type { Chunk, Citation, JobStatus } from '../../../shared/domain.ts';
import type { Db } from '../database.ts';
import { storedVector } from '../vector-bytes.ts';

export interface ExportRow {
  run_id: string;
  job_id: string;
  input: string;
  model: string;
  provider: string;
  status: JobStatus;
  output: string | null;
  parsed: unknown;
  citations: Citation[];
  schema_errors: string[];
  input_tokens: number;
  output_tokens: number;
  cached_input_tokens: number;
  cost_usd: number | null;
  error: string | null;
  error_category: string | null;
  attempts: number;
  simulated: boolean;
  raw: string | null;
  /** Embeddings jobs only. */
  embedding: Float32Array | null;
  endpoint: string;
  /** Embeddings of a file chunk: its source and span; read only when asked (`chunks: true`). */
  chunk: Chunk | null;
}

/** One vector of a run, in job order: what the NumPy and Parquet exports stream. */
export interface VectorRow {
  seq: number;
  job_id: string;
  vector: Float32Array;
}

export interface IterateOptions {
  /** false: leave the raw provider lines unread (null). */
  raw?: boolean;
  /** true: read each job's chunk (source file and span) out of its spec. */
  chunks?: boolean;
}

const PAGE = 2_000;

interface RawRow {
  seq: number;
  run_id: string;
  job_id: string;
  label: string;
  model: string;
  provider: string;
  status: JobStatus;
  attempts: number;
  job_error: string | null;
  job_category: string | null;
  text: string | null;
  parsed_json: string | null;
  citations_json: string | null;
  schema_errors_json: string | null;
  input_tokens: number | null;
  output_tokens: number | null;
  cached_input_tokens: number | null;
  cost_usd: number | null;
  raw: string | null;
  embedding_json: string | null;
  embedding: Uint8Array | null;
  endpoint: string;
  chunk_json: string | null;
}

const CURRENT_RESULT = 'LEFT JOIN results r ON r.run_id = j.run_id AND r.job_seq = j.seq AND r.provider_batch_id = j.provider_batch_id';
/** Dimensions of a stored vector, whichever column holds it. */
const DIMENSIONS = 'CASE WHEN r.embedding IS NOT NULL THEN length(r.embedding) / 4 ELSE json_array_length(r.embedding_json) END';

export class ExportRowsRepository {
  private readonly db: Db;

  constructor(db: Db) {
    this.db = db;
  }

  /**
   * A run's rows in job order. `raw: false` leaves the raw provider lines unread (null): they are as large as the
   * rest of the row together. The endpoint comes from the job's provider batch; only a job never planned into one
   * has it read out of its spec.
   */
  *iterate(runId: string, options: IterateOptions = {}): Generator<ExportRow> {
    const chunk = options.chunks ? `(SELECT json_extract(s.spec_json, '$.chunk') FROM job_specs s WHERE s.run_id = j.run_id AND s.seq = j.seq)` : 'NULL';
    const statement = this.db.prepare(
      `SELECT j.seq, j.run_id, j.id AS job_id, j.label, j.model, j.provider, j.status, j.attempts, j.error AS job_error,
              j.error_category AS job_category, r.text, r.parsed_json, r.citations_json, r.schema_errors_json,
              r.input_tokens, r.output_tokens, r.cached_input_tokens, r.cost_usd, ${options.raw === false ? 'NULL AS raw' : 'r.raw'},
              r.embedding_json, r.embedding, ${chunk} AS chunk_json,
              COALESCE(b.endpoint, (SELECT json_extract(s.spec_json, '$.endpoint') FROM job_specs s WHERE s.run_id = j.run_id AND s.seq = j.seq)) AS endpoint
       FROM jobs j ${CURRENT_RESULT}
         LEFT JOIN provider_batches b ON b.id = j.provider_batch_id
       WHERE j.run_id = ? AND j.seq > ? ORDER BY j.seq LIMIT ${PAGE}`,
    );
    // Paged, not iterate(): no statement stays open while the consumer awaits, so the monitor can keep writing.
    for (let after = -1; ; ) {
      const page = statement.all(runId, after) as RawRow[];
      for (const row of page) yield toExportRow(row);
      if (page.length < PAGE) return;
      after = page.at(-1)!.seq;
    }
  }

  /** Per model: its jobs, how many succeeded, and the tokens and cost of their current results (cost null if any is unpriced). */
  modelTotals(runId: string): { model: string; jobs: number; succeeded: number; input_tokens: number; output_tokens: number; cost_usd: number | null }[] {
    const rows = this.db
      .prepare(
        `SELECT j.model, COUNT(*) AS jobs, COALESCE(SUM(j.status = 'succeeded'), 0) AS succeeded, COALESCE(SUM(r.input_tokens), 0) AS input_tokens,
                COALESCE(SUM(r.output_tokens), 0) AS output_tokens, COALESCE(SUM(r.cost_usd), 0) AS usd, COUNT(r.id) AS answered, COUNT(r.cost_usd) AS priced
         FROM jobs j LEFT JOIN results r ON r.run_id = j.run_id AND r.job_seq = j.seq AND r.provider_batch_id = j.provider_batch_id
         WHERE j.run_id = ? GROUP BY j.model ORDER BY MIN(j.seq)`,
      )
      .all(runId) as { model: string; jobs: number; succeeded: number; input_tokens: number; output_tokens: number; usd: number; answered: number; priced: number }[];
    return rows.map(({ usd, answered, priced, ...rest }) => ({ ...rest, cost_usd: priced < answered ? null : usd }));
  }

  /** Whether the run has embeddings jobs (its provider batches say so). */
  hasEmbeddings(runId: string): boolean {
    return this.db.prepare(`SELECT 1 FROM provider_batches WHERE run_id = ? AND endpoint = 'embeddings' LIMIT 1`).get(runId) !== undefined;
  }

  /** How many of the run's current results hold a vector, and the smallest and largest number of dimensions. */
  vectorShape(runId: string): { rows: number; min_dimensions: number | null; max_dimensions: number | null } {
    return this.db
      .prepare(
        `SELECT COUNT(*) AS rows, MIN(${DIMENSIONS}) AS min_dimensions, MAX(${DIMENSIONS}) AS max_dimensions
         FROM jobs j ${CURRENT_RESULT} WHERE j.run_id = ? AND (r.embedding IS NOT NULL OR r.embedding_json IS NOT NULL)`,
      )
      .get(runId) as { rows: number; min_dimensions: number | null; max_dimensions: number | null };
  }

  /** A job id of the run that holds a line break (the npy ids file cannot carry it), or null. */
  idWithLineBreak(runId: string): string | null {
    const row = this.db.prepare(`SELECT id FROM jobs WHERE run_id = ? AND (instr(id, char(10)) > 0 OR instr(id, char(13)) > 0) LIMIT 1`).get(runId) as { id: string } | undefined;
    return row?.id ?? null;
  }

  /** The run's vectors in job order (jobs without one are skipped), paged like iterate(). */
  *vectors(runId: string): Generator<VectorRow> {
    const statement = this.db.prepare(
      `SELECT j.seq, j.id AS job_id, r.embedding, r.embedding_json FROM jobs j ${CURRENT_RESULT}
       WHERE j.run_id = ? AND j.seq > ? AND (r.embedding IS NOT NULL OR r.embedding_json IS NOT NULL) ORDER BY j.seq LIMIT ${PAGE}`,
    );
    for (let after = -1; ; ) {
      const page = statement.all(runId, after) as { seq: number; job_id: string; embedding: Uint8Array | null; embedding_json: string | null }[];
      for (const row of page) yield { seq: row.seq, job_id: row.job_id, vector: storedVector(row.embedding, row.embedding_json)! };
      if (page.length < PAGE) return;
      after = page.at(-1)!.seq;
    }
  }

  /** Top-level field names of the run's structured-output schemas, in schema order. */
  structuredFields(runId: string): string[] {
    const schemas = this.db
      .prepare(`SELECT DISTINCT json_extract(spec_json, '$.schema') AS schema FROM job_specs WHERE run_id = ? AND json_extract(spec_json, '$.schema') IS NOT NULL`)
      .all(runId) as { schema: string }[];
    const fields: string[] = [];
    for (const { schema } of schemas) {
      const properties = (JSON.parse(schema) as { properties?: Record<string, unknown> }).properties ?? {};
      for (const key of Object.keys(properties)) if (!fields.includes(key)) fields.push(key);
    }
    return fields;
  }
}

function toExportRow(row: RawRow): ExportRow {
  return {
    run_id: row.run_id,
    job_id: row.job_id,
    input: row.label,
    model: row.model,
    provider: row.provider,
    status: row.status,
    output: row.text,
    parsed: row.parsed_json === null ? null : JSON.parse(row.parsed_json),
    citations: row.citations_json === null ? [] : (JSON.parse(row.citations_json) as Citation[]),
    schema_errors: row.schema_errors_json === null ? [] : (JSON.parse(row.schema_errors_json) as string[]),
    input_tokens: row.input_tokens ?? 0,
    output_tokens: row.output_tokens ?? 0,
    cached_input_tokens: row.cached_input_tokens ?? 0,
    cost_usd: row.cost_usd,
    error: row.job_error,
    error_category: row.job_category,
    attempts: row.attempts,
    simulated: row.provider === 'demo',
    raw: row.raw,
    embedding: storedVector(row.embedding, row.embedding_json),
    endpoint: row.endpoint,
    chunk: row.chunk_json === null ? null : (JSON.parse(row.chunk_json) as Chunk),
  };
}
