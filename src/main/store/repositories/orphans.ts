import type { ProviderName } from '../../../shared/domain.ts';
import type { Db } from '../database.ts';

/**
 * search: a create may have landed after its intent was settled without it; look for it once `check_after` has come.
 * cancel: a remote batch nobody will poll or ingest (billed!): cancel it at the provider.
 * cancelled: cancelled at the provider (or it had already ended). none: the search found nothing.
 */
export type OrphanState = 'search' | 'cancel' | 'cancelled' | 'none';

export interface OrphanRow {
  id: number;
  run_id: string;
  provider_batch_id: string;
  intent_id: string;
  provider: ProviderName;
  remote_id: string | null;
  state: OrphanState;
  created_at: number;
  check_after: number;
  resolved_at: number | null;
  last_error: string | null;
}

export type NewOrphan = Pick<OrphanRow, 'run_id' | 'provider_batch_id' | 'intent_id' | 'provider' | 'created_at' | 'check_after'>;

/** Remote batches created too late to be bound to their provider batch, and the searches for them. */
export class OrphansRepository {
  private readonly db: Db;

  constructor(db: Db) {
    this.db = db;
  }

  /** A remote batch to cancel. False when it was already recorded. */
  addFound(orphan: NewOrphan & { remote_id: string }): boolean {
    const result = this.db
      .prepare(
        `INSERT INTO orphans (run_id, provider_batch_id, intent_id, provider, remote_id, state, created_at, check_after)
         VALUES (?, ?, ?, ?, ?, 'cancel', ?, ?) ON CONFLICT (provider, remote_id) DO NOTHING`,
      )
      .run(orphan.run_id, orphan.provider_batch_id, orphan.intent_id, orphan.provider, orphan.remote_id, orphan.created_at, orphan.check_after);
    return result.changes === 1;
  }

  /** Look, once `check_after` has come, for a create of this intent that may have landed late. */
  addSearch(orphan: NewOrphan): void {
    this.db
      .prepare(
        `INSERT INTO orphans (run_id, provider_batch_id, intent_id, provider, remote_id, state, created_at, check_after)
         VALUES (?, ?, ?, ?, NULL, 'search', ?, ?)`,
      )
      .run(orphan.run_id, orphan.provider_batch_id, orphan.intent_id, orphan.provider, orphan.created_at, orphan.check_after);
  }

  /** Searches and cancels that are due. */
  due(now: number): OrphanRow[] {
    return this.db.prepare(`SELECT * FROM orphans WHERE state IN ('search', 'cancel') AND check_after <= ? ORDER BY id`).all(now) as OrphanRow[];
  }

  /** When the next search or cancel is due (null: none is open). */
  nextDueAt(): number | null {
    return (this.db.prepare(`SELECT MIN(check_after) AS t FROM orphans WHERE state IN ('search', 'cancel')`).get() as { t: number | null }).t;
  }

  forRemote(provider: string, remoteId: string): OrphanRow | null {
    return (this.db.prepare('SELECT * FROM orphans WHERE provider = ? AND remote_id = ?').get(provider, remoteId) as OrphanRow | undefined) ?? null;
  }

  /** Orphans of a run known by remote id and not yet cancelled: the run is not over while one may be billing. */
  uncancelled(runId: string): number {
    return (this.db.prepare(`SELECT COUNT(*) AS n FROM orphans WHERE run_id = ? AND state = 'cancel'`).get(runId) as { n: number }).n;
  }

  forRun(runId: string): OrphanRow[] {
    return this.db.prepare('SELECT * FROM orphans WHERE run_id = ? AND remote_id IS NOT NULL ORDER BY id').all(runId) as OrphanRow[];
  }

  /** Remote ids of this provider's orphans: never bound to a provider batch. */
  remoteIds(provider: string): Set<string> {
    const rows = this.db.prepare('SELECT remote_id FROM orphans WHERE provider = ? AND remote_id IS NOT NULL').all(provider) as { remote_id: string }[];
    return new Set(rows.map((r) => r.remote_id));
  }

  settle(id: number, state: Exclude<OrphanState, 'search' | 'cancel'>, now: number): void {
    this.db.prepare('UPDATE orphans SET state = ?, resolved_at = ?, last_error = NULL WHERE id = ?').run(state, now, id);
  }

  /** A cancel (or search) that failed: try again at `retryAt`. */
  postpone(id: number, error: string, retryAt: number): void {
    this.db.prepare('UPDATE orphans SET last_error = ?, check_after = ? WHERE id = ?').run(error, retryAt, id);
  }
}
