// The rows an export is made of: one per job with the result of its current attempt, read from SQLite as a
// stream (never the whole run in memory). Exports, the library's JobResults, the compare view and the gateway's
// output files all read runs this way.
import type { Citation, JobStatus } from '../../../shared/domain.ts';
import type { Db } from '../database.ts';

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
  embedding: number[] | null;
  endpoint: string;
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
  endpoint: string;
}

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
  *iterate(runId: string, options: { raw?: boolean } = {}): Generator<ExportRow> {
    const statement = this.db.prepare(
      `SELECT j.seq, j.run_id, j.id AS job_id, j.label, j.model, j.provider, j.status, j.attempts, j.error AS job_error,
              j.error_category AS job_category, r.text, r.parsed_json, r.citations_json, r.schema_errors_json,
              r.input_tokens, r.output_tokens, r.cached_input_tokens, r.cost_usd, ${options.raw === false ? 'NULL AS raw' : 'r.raw'},
              r.embedding_json,
              COALESCE(b.endpoint, (SELECT json_extract(s.spec_json, '$.endpoint') FROM job_specs s WHERE s.run_id = j.run_id AND s.seq = j.seq)) AS endpoint
       FROM jobs j LEFT JOIN results r ON r.run_id = j.run_id AND r.job_seq = j.seq AND r.provider_batch_id = j.provider_batch_id
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
    embedding: row.embedding_json === null ? null : (JSON.parse(row.embedding_json) as number[]),
    endpoint: row.endpoint,
  };
}
