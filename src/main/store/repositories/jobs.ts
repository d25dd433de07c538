import type { ErrorCategory, JobCounts, JobSpec, JobStatus, JsonSchema, ProviderName } from '../../../shared/domain.ts';
import { LIVE_BATCH_STATUSES } from '../../../shared/domain.ts';
import type { Db } from '../database.ts';

const LIVE = LIVE_BATCH_STATUSES.map((s) => `'${s}'`).join(',');

export interface JobRow {
  run_id: string;
  seq: number;
  id: string;
  label: string;
  model: string;
  provider: ProviderName;
  spec: JobSpec;
  status: JobStatus;
  attempts: number;
  provider_batch_id: string | null;
  estimated_input_tokens: number | null;
  estimated_output_tokens: number | null;
  estimated_usd: number | null;
  error: string | null;
  error_category: ErrorCategory | null;
  updated_at: number;
}

type Raw = Omit<JobRow, 'spec'> & { spec_json: string; has_schema: number };
const PAGE = 500;
/** A job row with its spec: the spec lives in job_specs so that status updates touch small rows only. */
const SELECT_JOBS = 'SELECT j.*, s.spec_json FROM jobs j JOIN job_specs s ON s.run_id = j.run_id AND s.seq = j.seq';
const fromRaw = ({ spec_json, has_schema: _, ...rest }: Raw): JobRow => ({ ...rest, spec: JSON.parse(spec_json) as JobSpec });
const hasSchema = (spec: JobSpec) => (spec.schema == null ? 0 : 1);

/** A new job with its spec already serialised (run creation streams specs as JSON and never re-encodes them). */
export type NewJobRow = Omit<JobRow, 'spec'> & { spec_json: string; has_schema: boolean };

/** Rows per multi-row INSERT: one statement per 64 jobs instead of per job (16 columns: far below SQLite's 32,766 parameters). */
const INSERT_ROWS = 64;
const JOB_COLUMNS = ['run_id', 'seq', 'id', 'label', 'model', 'provider', 'status', 'attempts', 'provider_batch_id', 'estimated_input_tokens', 'estimated_output_tokens', 'estimated_usd', 'error', 'error_category', 'updated_at', 'has_schema'] as const;
const values = (columns: number, rows: number) => Array.from({ length: rows }, () => `(${Array(columns).fill('?').join(',')})`).join(',');

export interface JobFilter {
  status?: JobStatus[];
  model?: string;
  errorCategory?: string;
  search?: string;
}

export class JobsRepository {
  private readonly insertStatement;
  private readonly insertSpecStatement;
  private readonly finishStatement;
  private readonly insertManyStatement;
  private readonly insertManySpecsStatement;

  private readonly db: Db;

  constructor(db: Db) {
    this.db = db;
    this.insertStatement = db.prepare(
      `INSERT INTO jobs (run_id, seq, id, label, model, provider, status, attempts, provider_batch_id,
         estimated_input_tokens, estimated_output_tokens, estimated_usd, error, error_category, updated_at, has_schema)
       VALUES (@run_id, @seq, @id, @label, @model, @provider, @status, @attempts, @provider_batch_id,
         @estimated_input_tokens, @estimated_output_tokens, @estimated_usd, @error, @error_category, @updated_at, @has_schema)`,
    );
    this.insertSpecStatement = db.prepare('INSERT INTO job_specs (run_id, seq, spec_json) VALUES (?, ?, ?)');
    this.insertManyStatement = db.prepare(`INSERT INTO jobs (${JOB_COLUMNS.join(', ')}) VALUES ${values(JOB_COLUMNS.length, INSERT_ROWS)}`);
    this.insertManySpecsStatement = db.prepare(`INSERT INTO job_specs (run_id, seq, spec_json) VALUES ${values(3, INSERT_ROWS)}`);
    this.finishStatement = db.prepare(
      'UPDATE jobs SET status = ?, error = ?, error_category = ?, updated_at = ? WHERE run_id = ? AND seq = ?',
    );
  }

  insert(job: JobRow): void {
    const { spec, ...row } = job;
    this.insertStatement.run({ ...row, has_schema: hasSchema(spec) });
    this.insertSpecStatement.run(job.run_id, job.seq, JSON.stringify(spec));
  }

  /** Insert many new jobs (call inside a transaction): INSERT_ROWS rows per statement. */
  insertMany(rows: readonly NewJobRow[]): void {
    let start = 0;
    for (; start + INSERT_ROWS <= rows.length; start += INSERT_ROWS) {
      const chunk = rows.slice(start, start + INSERT_ROWS);
      this.insertManyStatement.run(chunk.flatMap((row) => JOB_COLUMNS.map((column) => (column === 'has_schema' ? (row.has_schema ? 1 : 0) : row[column]))));
      this.insertManySpecsStatement.run(chunk.flatMap((row) => [row.run_id, row.seq, row.spec_json]));
    }
    for (const { spec_json, has_schema, ...row } of rows.slice(start)) {
      this.insertStatement.run({ ...row, has_schema: has_schema ? 1 : 0 });
      this.insertSpecStatement.run(row.run_id, row.seq, spec_json);
    }
  }

  get(runId: string, seq: number): JobRow | null {
    const raw = this.db.prepare(`${SELECT_JOBS} WHERE j.run_id = ? AND j.seq = ?`).get(runId, seq) as Raw | undefined;
    return raw ? fromRaw(raw) : null;
  }

  byId(runId: string, id: string): JobRow | null {
    const raw = this.db.prepare(`${SELECT_JOBS} WHERE j.run_id = ? AND j.id = ?`).get(runId, id) as Raw | undefined;
    return raw ? fromRaw(raw) : null;
  }

  /**
   * A run's jobs in order, read a page at a time (keyset paging on seq). No statement stays open between pages,
   * so the connection remains free for writes while a consumer awaits (better-sqlite3 forbids writes during an
   * open iterator).
   */
  *iterate(runId: string, where = '1 = 1', ...params: unknown[]): Generator<JobRow> {
    const statement = this.db.prepare(`${SELECT_JOBS} WHERE j.run_id = ? AND j.seq > ? AND (${where}) ORDER BY j.seq LIMIT ${PAGE}`);
    for (let after = -1; ; ) {
      const rows = statement.all(runId, after, ...params) as Raw[];
      for (const raw of rows) yield fromRaw(raw);
      if (rows.length < PAGE) return;
      after = rows.at(-1)!.seq;
    }
  }

  /** A provider batch's jobs in order, a page at a time (a batch may hold 100,000 jobs). */
  *iterateBatch(providerBatchId: string): Generator<JobRow> {
    const statement = this.db.prepare(`${SELECT_JOBS} WHERE j.provider_batch_id = ? AND j.seq > ? ORDER BY j.seq LIMIT ${PAGE}`);
    for (let after = -1; ; ) {
      const rows = statement.all(providerBatchId, after) as Raw[];
      for (const raw of rows) yield fromRaw(raw);
      if (rows.length < PAGE) return;
      after = rows.at(-1)!.seq;
    }
  }

  inBatch(providerBatchId: string): JobRow[] {
    return (this.db.prepare(`${SELECT_JOBS} WHERE j.provider_batch_id = ? ORDER BY j.seq`).all(providerBatchId) as Raw[]).map(fromRaw);
  }

  /**
   * The jobs of a provider batch as result ingestion needs them: seq → the job's JSON Schema (null = none).
   * Reads only the schema out of each spec, and parses each distinct schema once.
   */
  schemasInBatch(providerBatchId: string): Map<number, JsonSchema | null> {
    const rows = this.db
      .prepare(
        // Only specs with a schema are read: the others' pages (kilobytes of prompt each) stay on disk.
        `SELECT j.seq, CASE WHEN j.has_schema THEN
           (SELECT json_extract(s.spec_json, '$.schema') FROM job_specs s WHERE s.run_id = j.run_id AND s.seq = j.seq) END AS schema
         FROM jobs j WHERE j.provider_batch_id = ?`,
      )
      .all(providerBatchId) as { seq: number; schema: string | null }[];
    const parsed = new Map<string, JsonSchema>();
    const schemas = new Map<number, JsonSchema | null>();
    for (const { seq, schema } of rows) {
      if (schema !== null && !parsed.has(schema)) parsed.set(schema, JSON.parse(schema) as JsonSchema);
      schemas.set(seq, schema === null ? null : parsed.get(schema)!);
    }
    return schemas;
  }

  page(runId: string, filter: JobFilter, limit: number, afterSeq = -1): JobRow[] {
    const clauses = ['j.run_id = @runId', 'j.seq > @afterSeq'];
    const params: Record<string, unknown> = { runId, afterSeq, limit };
    if (filter.status?.length) {
      clauses.push(`status IN (${filter.status.map((_, i) => `@s${i}`).join(',')})`);
      filter.status.forEach((s, i) => (params[`s${i}`] = s));
    }
    if (filter.model) {
      clauses.push('model = @model');
      params.model = filter.model;
    }
    if (filter.errorCategory) {
      clauses.push('error_category = @cat');
      params.cat = filter.errorCategory;
    }
    if (filter.search) {
      clauses.push(`(id LIKE @q ESCAPE '\\' OR label LIKE @q ESCAPE '\\')`);
      params.q = `%${filter.search.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    }
    const sql = `${SELECT_JOBS} WHERE ${clauses.join(' AND ')} ORDER BY j.seq LIMIT @limit`;
    return (this.db.prepare(sql).all(params) as Raw[]).map(fromRaw);
  }

  counts(runId: string): JobCounts {
    const rows = this.db.prepare('SELECT status, COUNT(*) AS n FROM jobs WHERE run_id = ? GROUP BY status').all(runId) as {
      status: JobStatus;
      n: number;
    }[];
    const counts: JobCounts = { total: 0, pending: 0, running: 0, succeeded: 0, failed: 0, expired: 0, cancelled: 0 };
    for (const { status, n } of rows) {
      counts[status] += n;
      counts.total += n;
    }
    return counts;
  }

  assignBatch(runId: string, seqs: number[], providerBatchId: string, now: number): void {
    const statement = this.db.prepare(
      `UPDATE jobs SET provider_batch_id = ?, status = 'pending', error = NULL, error_category = NULL, updated_at = ?
       WHERE run_id = ? AND seq = ?`,
    );
    for (const seq of seqs) statement.run(providerBatchId, now, runId, seq);
  }

  /** A sent batch's jobs back to pending, that send not counted as an attempt (the provider refused the batch whole). */
  unsend(providerBatchId: string, now: number): void {
    this.db
      .prepare(`UPDATE jobs SET status = 'pending', attempts = MAX(0, attempts - 1), updated_at = ? WHERE provider_batch_id = ? AND status = 'running'`)
      .run(now, providerBatchId);
  }

  /** Estimated input tokens of a provider batch's jobs. */
  estimatedInputTokens(providerBatchId: string): number {
    const row = this.db.prepare('SELECT COALESCE(SUM(estimated_input_tokens), 0) AS n FROM jobs WHERE provider_batch_id = ?').get(providerBatchId) as { n: number };
    return row.n;
  }

  /** Estimated input tokens enqueued at a provider for a model: the jobs of its live batches, across every run. */
  enqueuedInputTokens(provider: ProviderName, model: string): number {
    const row = this.db
      .prepare(
        `SELECT COALESCE(SUM(j.estimated_input_tokens), 0) AS n FROM provider_batches b JOIN jobs j ON j.provider_batch_id = b.id
         WHERE b.provider = ? AND b.model = ? AND b.status IN (${LIVE})`,
      )
      .get(provider, model) as { n: number };
    return row.n;
  }

  /** Take a job out of its provider batch (it will not be sent with it). */
  detach(runId: string, seq: number): void {
    this.db.prepare('UPDATE jobs SET provider_batch_id = NULL WHERE run_id = ? AND seq = ?').run(runId, seq);
  }

  markBatchRunning(providerBatchId: string, now: number): void {
    this.db
      .prepare(
        `UPDATE jobs SET status = 'running', attempts = attempts + 1, updated_at = ?
         WHERE provider_batch_id = ? AND status = 'pending'`,
      )
      .run(now, providerBatchId);
  }

  finish(runId: string, seq: number, status: JobStatus, error: string | null, category: ErrorCategory | null, now: number): void {
    this.finishStatement.run(status, error, category, now, runId, seq);
  }

  /** End every unfinished job of a provider batch with one status and reason. */
  finishOpen(where: { providerBatchId: string }, status: JobStatus, error: string, category: ErrorCategory, now: number): number {
    return this.db
      .prepare(`UPDATE jobs SET status = ?, error = ?, error_category = ?, updated_at = ? WHERE provider_batch_id = ? AND status IN ('pending', 'running')`)
      .run(status, error, category, now, where.providerBatchId).changes;
  }

  /** Move jobs to a retry attempt: back to pending, optionally to another model. */
  resetForRetry(runId: string, seq: number, model: string, provider: ProviderName, spec: JobSpec, estimatedUsd: number | null, now: number): void {
    this.db
      .prepare(
        `UPDATE jobs SET status = 'pending', model = ?, provider = ?, provider_batch_id = NULL, has_schema = ?,
           estimated_usd = ?, error = NULL, error_category = NULL, updated_at = ? WHERE run_id = ? AND seq = ?`,
      )
      .run(model, provider, hasSchema(spec), estimatedUsd, now, runId, seq);
    this.db.prepare('UPDATE job_specs SET spec_json = ? WHERE run_id = ? AND seq = ?').run(JSON.stringify(spec), runId, seq);
  }

  /** Per model, what is estimated for the jobs still waiting in the run's planned batches (the rest after a pilot). */
  plannedTotals(runId: string): { model: string; jobs: number; est_in: number; est_out: number; est_usd: number | null }[] {
    return this.db
      .prepare(
        `SELECT j.model, COUNT(*) AS jobs, COALESCE(SUM(j.estimated_input_tokens), 0) AS est_in,
                COALESCE(SUM(j.estimated_output_tokens), 0) AS est_out,
                CASE WHEN COUNT(j.estimated_usd) = COUNT(*) THEN SUM(j.estimated_usd) END AS est_usd
         FROM jobs j JOIN provider_batches b ON b.id = j.provider_batch_id AND b.status = 'planned' AND b.is_pilot = 0
         WHERE j.run_id = ? GROUP BY j.model ORDER BY j.model`,
      )
      .all(runId) as { model: string; jobs: number; est_in: number; est_out: number; est_usd: number | null }[];
  }

  models(runId: string): string[] {
    return (this.db.prepare('SELECT DISTINCT model FROM jobs WHERE run_id = ? ORDER BY model').all(runId) as { model: string }[]).map(
      (r) => r.model,
    );
  }

  nextSeq(runId: string): number {
    const row = this.db.prepare('SELECT MAX(seq) AS m FROM jobs WHERE run_id = ?').get(runId) as { m: number | null };
    return (row.m ?? -1) + 1;
  }
}
