import type { BatchStatus, Endpoint, ProviderName } from '../../../shared/domain.ts';
import { LIVE_BATCH_STATUSES } from '../../../shared/domain.ts';
import type { BatchCounts, RemoteBatch } from '../../core/provider.ts';
import type { Db } from '../database.ts';

export interface ProviderBatchRow {
  id: string;
  run_id: string;
  provider: ProviderName;
  model: string;
  endpoint: Endpoint;
  status: BatchStatus;
  remote_id: string | null;
  input_file_id: string | null;
  request_count: number;
  counts: BatchCounts | null;
  counts_live: boolean;
  estimated_usd: number | null;
  actual_usd: number | null;
  handle: Record<string, unknown> | null;
  errors: RemoteBatch['errors'] | null;
  created_at: number;
  submitted_at: number | null;
  finished_at: number | null;
  ingested_at: number | null;
  results_expire_at: number | null;
  next_poll_at: number | null;
  poll_failures: number;
  /** Why the batch is held up (blocked, with next_poll_at as the retry time) or, once finished, why it ended. */
  last_error: string | null;
  is_pilot: boolean;
  /** Lines and sha256 of the input file as written; null until written, and again after a trim. */
  input_lines: number | null;
  input_sha256: string | null;
}

type Raw = Omit<ProviderBatchRow, 'counts' | 'handle' | 'errors' | 'counts_live' | 'is_pilot'> & {
  counts_json: string | null;
  handle_json: string | null;
  errors_json: string | null;
  counts_live: number;
  is_pilot: number;
};

const parse = <T,>(text: string | null): T | null => (text === null ? null : (JSON.parse(text) as T));
const fromRaw = ({ counts_json, handle_json, errors_json, counts_live, is_pilot, ...rest }: Raw): ProviderBatchRow => ({
  ...rest,
  counts: parse(counts_json),
  handle: parse(handle_json),
  errors: parse(errors_json),
  counts_live: counts_live === 1,
  is_pilot: is_pilot === 1,
});

const LIVE = LIVE_BATCH_STATUSES.map((s) => `'${s}'`).join(',');

export class ProviderBatchesRepository {
  private readonly db: Db;

  constructor(db: Db) {
    this.db = db;
  }

  insert(row: Pick<ProviderBatchRow, 'id' | 'run_id' | 'provider' | 'model' | 'endpoint' | 'request_count' | 'estimated_usd' | 'created_at' | 'is_pilot'>): void {
    this.db
      .prepare(
        `INSERT INTO provider_batches (id, run_id, provider, model, endpoint, status, request_count, estimated_usd,
           created_at, is_pilot) VALUES (?, ?, ?, ?, ?, 'planned', ?, ?, ?, ?)`,
      )
      .run(row.id, row.run_id, row.provider, row.model, row.endpoint, row.request_count, row.estimated_usd, row.created_at, row.is_pilot ? 1 : 0);
  }

  get(id: string): ProviderBatchRow | null {
    const raw = this.db.prepare('SELECT * FROM provider_batches WHERE id = ?').get(id) as Raw | undefined;
    return raw ? fromRaw(raw) : null;
  }

  forRun(runId: string): ProviderBatchRow[] {
    return (this.db.prepare('SELECT * FROM provider_batches WHERE run_id = ? ORDER BY created_at, rowid').all(runId) as Raw[]).map(fromRaw);
  }

  /** Batches the provider is working on (or we are creating), across every run. */
  live(): ProviderBatchRow[] {
    return (this.db.prepare(`SELECT * FROM provider_batches WHERE status IN (${LIVE}) ORDER BY created_at`).all() as Raw[]).map(fromRaw);
  }

  /**
   * Remote ids bound to a local provider batch of this provider, now or before: a batch sent again after the
   * provider refused it (its queue was full) no longer holds its first remote id, but that id's create intent does,
   * so a search for a later create never mistakes the refused batch for it.
   */
  remoteIds(provider: string): Set<string> {
    const rows = this.db
      .prepare(
        `SELECT remote_id FROM provider_batches WHERE provider = ? AND remote_id IS NOT NULL AND remote_id <> ''
         UNION SELECT remote_id FROM intents WHERE provider = ? AND kind = 'create' AND state = 'done' AND remote_id IS NOT NULL AND remote_id <> ''`,
      )
      .all(provider, provider) as { remote_id: string }[];
    return new Set(rows.map((r) => r.remote_id));
  }

  liveCount(runId?: string): number {
    const row = runId
      ? this.db.prepare(`SELECT COUNT(*) AS n FROM provider_batches WHERE status IN (${LIVE}) AND run_id = ?`).get(runId)
      : this.db.prepare(`SELECT COUNT(*) AS n FROM provider_batches WHERE status IN (${LIVE})`).get();
    return (row as { n: number }).n;
  }

  duePolls(now: number): ProviderBatchRow[] {
    return (
      this.db
        .prepare(
          `SELECT * FROM provider_batches WHERE status IN ('validating','in_progress','finalizing','cancelling')
           AND remote_id IS NOT NULL AND (next_poll_at IS NULL OR next_poll_at <= ?) ORDER BY next_poll_at`,
        )
        .all(now) as Raw[]
    ).map(fromRaw);
  }

  nextPollAt(): number | null {
    const row = this.db
      .prepare(
        `SELECT MIN(next_poll_at) AS t FROM provider_batches WHERE status IN ('validating','in_progress','finalizing','cancelling')`,
      )
      .get() as { t: number | null };
    return row.t;
  }

  planned(runId: string): ProviderBatchRow[] {
    return (
      this.db.prepare(`SELECT * FROM provider_batches WHERE run_id = ? AND status = 'planned' ORDER BY is_pilot DESC, created_at, rowid`).all(runId) as Raw[]
    ).map(fromRaw);
  }

  /** Finished at the provider but results not yet ingested. */
  awaitingIngest(): ProviderBatchRow[] {
    return (
      this.db
        .prepare(`SELECT * FROM provider_batches WHERE status IN ('completed','failed','expired','cancelled') AND remote_id IS NOT NULL AND ingested_at IS NULL`)
        .all() as Raw[]
    ).map(fromRaw);
  }

  setStatus(id: string, status: BatchStatus): void {
    this.db.prepare('UPDATE provider_batches SET status = ? WHERE id = ?').run(status, id);
  }

  recordSubmitted(id: string, remote: RemoteBatch, inputFileId: string | null, now: number, nextPollAt: number): void {
    this.db
      .prepare(
        `UPDATE provider_batches SET status = ?, remote_id = ?, input_file_id = ?, submitted_at = ?, next_poll_at = ?,
           counts_json = ?, counts_live = ?, handle_json = ?, poll_failures = 0, last_error = NULL WHERE id = ?`,
      )
      .run(remote.status, remote.remoteId, inputFileId, now, nextPollAt, JSON.stringify(remote.counts), remote.countsLive ? 1 : 0, JSON.stringify(remote.handle ?? null), id);
  }

  recordPoll(id: string, remote: RemoteBatch, now: number, nextPollAt: number | null): void {
    // Our own clock, not the provider's: every time on a run's timeline comes from one clock.
    const finished = ['completed', 'failed', 'expired', 'cancelled'].includes(remote.status) ? now : null;
    this.db
      .prepare(
        `UPDATE provider_batches SET status = ?, counts_json = ?, counts_live = ?, handle_json = ?, errors_json = ?,
           results_expire_at = COALESCE(?, results_expire_at), finished_at = COALESCE(finished_at, ?), next_poll_at = ?,
           poll_failures = 0, last_error = NULL WHERE id = ?`,
      )
      .run(remote.status, JSON.stringify(remote.counts), remote.countsLive ? 1 : 0, JSON.stringify(remote.handle ?? null),
        remote.errors ? JSON.stringify(remote.errors) : null, remote.resultsExpireAt ?? null, finished, nextPollAt, id);
  }

  /** Make every unfinished batch of a run due for its next check (or retry) now. */
  dueNow(runId: string, now: number): void {
    this.db
      .prepare(`UPDATE provider_batches SET next_poll_at = ? WHERE run_id = ? AND ingested_at IS NULL AND (next_poll_at IS NULL OR next_poll_at > ?)`)
      .run(now, runId, now);
  }

  recordPollFailure(id: string, message: string, nextPollAt: number): void {
    this.db
      .prepare('UPDATE provider_batches SET poll_failures = poll_failures + 1, last_error = ?, next_poll_at = ? WHERE id = ?')
      .run(message, nextPollAt, id);
  }

  markIngested(id: string, actualUsd: number | null, now: number): void {
    this.db.prepare('UPDATE provider_batches SET ingested_at = ?, actual_usd = ? WHERE id = ?').run(now, actualUsd, id);
  }

  /** A planned batch that will never be sent (cost or time limit, cancel). */
  drop(id: string, now: number): void {
    this.db.prepare(`UPDATE provider_batches SET status = 'cancelled', finished_at = ?, ingested_at = ? WHERE id = ?`).run(now, now, id);
  }

  /**
   * A sent batch the provider refused for a transient reason of its own (its enqueued-token limit): planned again,
   * unbound from the remote batch, due no sooner than `nextAt`. False when the batch is no longer bound to `remoteId`.
   */
  requeue(id: string, remoteId: string, nextAt: number, reason: string): boolean {
    // Only while the batch is still bound to the refused remote batch: a stale poll (a monitor that froze) must not
    // unbind the batch it was sent as since.
    const changed = this.db
      .prepare(
        `UPDATE provider_batches SET status = 'planned', remote_id = NULL, input_file_id = NULL, submitted_at = NULL, finished_at = NULL,
           counts_json = NULL, errors_json = NULL, handle_json = NULL, next_poll_at = ?, last_error = ? WHERE id = ? AND remote_id = ?`,
      )
      .run(nextAt, reason, id, remoteId).changes;
    return changed > 0;
  }

  /** A trim: fewer requests; the input file written before it no longer matches (it is written again). */
  shrink(id: string, requestCount: number, estimatedUsd: number | null): void {
    this.db
      .prepare('UPDATE provider_batches SET request_count = ?, estimated_usd = ?, input_lines = NULL, input_sha256 = NULL WHERE id = ?')
      .run(requestCount, estimatedUsd, id);
  }

  /** What the input file holds, as written: every upload checks the file against it. */
  recordInputFile(id: string, lines: number, sha256: string): void {
    this.db.prepare('UPDATE provider_batches SET input_lines = ?, input_sha256 = ? WHERE id = ?').run(lines, sha256, id);
  }

  /** Held up by something outside this batch (its provider is blocked): say why and when it is tried again. */
  noteBlocked(id: string, reason: string, retryAt: number): void {
    this.db.prepare('UPDATE provider_batches SET last_error = ?, next_poll_at = MAX(COALESCE(next_poll_at, 0), ?) WHERE id = ?').run(reason, retryAt, id);
  }

  /**
   * The provider refuses every call for now (key rejected, quota): every unfinished batch of it waits until
   * `until` with the reason, so one refusal is not repeated by each batch (no retry storm).
   */
  holdProvider(provider: string, reason: string, until: number): void {
    this.db
      .prepare(
        `UPDATE provider_batches SET last_error = ?, next_poll_at = MAX(COALESCE(next_poll_at, 0), ?)
         WHERE provider = ? AND finished_at IS NULL AND ingested_at IS NULL AND status <> 'submitting'`,
      )
      .run(reason, until, provider);
  }

  /** End a batch here, with its reason, when the provider cannot (refused, lost, or gone when cancelled). */
  finishLocally(id: string, status: 'failed' | 'cancelled', reason: string, now: number): void {
    this.db
      .prepare(
        `UPDATE provider_batches SET status = ?, last_error = ?, errors_json = ?, finished_at = COALESCE(finished_at, ?),
           ingested_at = ?, next_poll_at = NULL WHERE id = ?`,
      )
      .run(status, reason, JSON.stringify([{ message: reason }]), now, now, id);
  }

  /** Money committed by a run: actual cost of ingested batches + estimates of the rest that were sent. */
  committedUsd(runId: string): number {
    const row = this.db
      .prepare(
        `SELECT COALESCE(SUM(CASE WHEN ingested_at IS NOT NULL THEN COALESCE(actual_usd, 0)
                                  WHEN status <> 'planned' THEN COALESCE(estimated_usd, 0) ELSE 0 END), 0) AS usd
         FROM provider_batches WHERE run_id = ?`,
      )
      .get(runId) as { usd: number };
    return row.usd;
  }
}
