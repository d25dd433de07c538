import type { Citation, ErrorCategory } from '../../../shared/domain.ts';
import type { ResultOutcome } from '../../core/provider.ts';
import type { Db } from '../database.ts';
import { storedVector, vectorToBytes } from '../vector-bytes.ts';

export interface ResultRow {
  run_id: string;
  job_seq: number;
  provider_batch_id: string;
  outcome: ResultOutcome;
  text: string | null;
  parsed: unknown;
  citations: Citation[];
  schema_errors: string[];
  /** Embeddings jobs: the vector (read back as a Float32Array). */
  embedding: ArrayLike<number> | null;
  input_tokens: number;
  output_tokens: number;
  cached_input_tokens: number;
  cost_usd: number | null;
  error: string | null;
  error_category: ErrorCategory | null;
  raw: string | null;
  created_at: number;
}

export type RawResult = Omit<ResultRow, 'parsed' | 'citations' | 'schema_errors' | 'embedding'> & {
  parsed_json: string | null;
  citations_json: string | null;
  schema_errors_json: string | null;
  embedding_json: string | null;
  embedding: Uint8Array | null;
};

export const resultFromRaw = ({ parsed_json, citations_json, schema_errors_json, embedding_json, embedding, ...rest }: RawResult): ResultRow => ({
  ...rest,
  parsed: parsed_json === null ? null : JSON.parse(parsed_json),
  citations: citations_json === null ? [] : (JSON.parse(citations_json) as Citation[]),
  schema_errors: schema_errors_json === null ? [] : (JSON.parse(schema_errors_json) as string[]),
  embedding: storedVector(embedding, embedding_json),
});

export class ResultsRepository {
  private readonly insertStatement;

  private readonly db: Db;

  constructor(db: Db) {
    this.db = db;
    // Idempotent ingest: a result for the same job and provider batch is stored once, whatever the replays.
    // Positional parameters: binding 17 named ones from an object costs more than the insert itself.
    this.insertStatement = db.prepare(
      `INSERT INTO results (run_id, job_seq, provider_batch_id, outcome, text, parsed_json, citations_json,
         schema_errors_json, embedding, input_tokens, output_tokens, cached_input_tokens, cost_usd, error,
         error_category, raw, created_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
       ON CONFLICT (run_id, job_seq, provider_batch_id) DO NOTHING`,
    );
  }

  /** Returns false when this result was already stored. */
  insert(row: ResultRow): boolean {
    const { parsed, citations, schema_errors, embedding } = row;
    return (
      this.insertStatement.run(
        row.run_id,
        row.job_seq,
        row.provider_batch_id,
        row.outcome,
        row.text,
        parsed === undefined || parsed === null ? null : JSON.stringify(parsed),
        citations.length ? JSON.stringify(citations) : null,
        schema_errors.length ? JSON.stringify(schema_errors) : null,
        embedding ? vectorToBytes(embedding) : null,
        row.input_tokens,
        row.output_tokens,
        row.cached_input_tokens,
        row.cost_usd,
        row.error,
        row.error_category,
        row.raw,
        row.created_at,
      ).changes === 1
    );
  }

  /** The result of the job's current attempt (its current provider batch). */
  current(runId: string, seq: number): ResultRow | null {
    const raw = this.db
      .prepare(
        `SELECT r.* FROM results r JOIN jobs j ON j.run_id = r.run_id AND j.seq = r.job_seq
         WHERE r.run_id = ? AND r.job_seq = ? AND r.provider_batch_id = j.provider_batch_id`,
      )
      .get(runId, seq) as RawResult | undefined;
    return raw ? resultFromRaw(raw) : null;
  }

  forJob(runId: string, seq: number): ResultRow[] {
    return (this.db.prepare('SELECT * FROM results WHERE run_id = ? AND job_seq = ? ORDER BY id').all(runId, seq) as RawResult[]).map(resultFromRaw);
  }

  countForBatch(providerBatchId: string): number {
    return (this.db.prepare('SELECT COUNT(*) AS n FROM results WHERE provider_batch_id = ?').get(providerBatchId) as { n: number }).n;
  }

  /** How a batch's stored results ended for their jobs: an answer that fails the schema check counts as failed. */
  outcomesForBatch(providerBatchId: string): { succeeded: number; failed: number; expired: number; cancelled: number; total: number } {
    return this.db
      .prepare(
        `SELECT COALESCE(SUM(outcome = 'succeeded' AND schema_errors_json IS NULL), 0) AS succeeded,
                COALESCE(SUM(outcome = 'failed' OR (outcome = 'succeeded' AND schema_errors_json IS NOT NULL)), 0) AS failed,
                COALESCE(SUM(outcome = 'expired'), 0) AS expired, COALESCE(SUM(outcome = 'cancelled'), 0) AS cancelled, COUNT(*) AS total
         FROM results WHERE provider_batch_id = ?`,
      )
      .get(providerBatchId) as { succeeded: number; failed: number; expired: number; cancelled: number; total: number };
  }

  costForBatch(providerBatchId: string): number | null {
    const row = this.db
      .prepare('SELECT SUM(cost_usd) AS usd, COUNT(*) AS n, COUNT(cost_usd) AS priced FROM results WHERE provider_batch_id = ?')
      .get(providerBatchId) as { usd: number | null; n: number; priced: number };
    return row.n > 0 && row.priced < row.n ? null : (row.usd ?? 0);
  }

  /** Outcomes of a run's pilot batches: what the release decision is made from. */
  pilotTotals(runId: string): { total: number; succeeded: number; schema_valid: number; structured: number; cost: number } {
    const row = this.db
      .prepare(
        `SELECT COUNT(*) AS total,
                COALESCE(SUM(CASE WHEN j.status = 'succeeded' THEN 1 ELSE 0 END), 0) AS succeeded,
                COALESCE(SUM(CASE WHEN r.schema_errors_json IS NULL AND r.parsed_json IS NOT NULL THEN 1 ELSE 0 END), 0) AS schema_valid,
                COALESCE(SUM(CASE WHEN r.parsed_json IS NOT NULL OR r.schema_errors_json IS NOT NULL THEN 1 ELSE 0 END), 0) AS structured,
                COALESCE(SUM(r.cost_usd), 0) AS cost
         FROM jobs j JOIN provider_batches b ON b.id = j.provider_batch_id AND b.is_pilot = 1
         LEFT JOIN results r ON r.run_id = j.run_id AND r.job_seq = j.seq AND r.provider_batch_id = b.id
         WHERE j.run_id = ?`,
      )
      .get(runId) as { total: number; succeeded: number; schema_valid: number; structured: number; cost: number };
    return row;
  }

  /** Per succeeded pilot job: its model, the tokens estimated for it and the tokens it was billed. */
  pilotSamples(runId: string): { model: string; est_in: number; est_out: number; input: number; output: number }[] {
    return this.db
      .prepare(
        `SELECT j.model, COALESCE(j.estimated_input_tokens, 0) AS est_in, COALESCE(j.estimated_output_tokens, 0) AS est_out,
                r.input_tokens AS input, r.output_tokens AS output
         FROM jobs j JOIN provider_batches b ON b.id = j.provider_batch_id AND b.is_pilot = 1
         JOIN results r ON r.run_id = j.run_id AND r.job_seq = j.seq AND r.provider_batch_id = b.id
         WHERE j.run_id = ? AND r.outcome = 'succeeded'`,
      )
      .all(runId) as { model: string; est_in: number; est_out: number; input: number; output: number }[];
  }

  actualUsd(runId: string): number {
    return (this.db.prepare('SELECT COALESCE(SUM(cost_usd), 0) AS usd FROM results WHERE run_id = ?').get(runId) as { usd: number }).usd;
  }
}
