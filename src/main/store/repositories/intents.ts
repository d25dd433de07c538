import type { ProviderName } from '../../../shared/domain.ts';
import type { Db } from '../database.ts';

export type IntentKind = 'upload' | 'create';
export type IntentState = 'open' | 'done' | 'abandoned';

export interface IntentRow {
  id: string;
  provider_batch_id: string;
  kind: IntentKind;
  provider: ProviderName;
  state: IntentState;
  created_at: number;
  resolved_at: number | null;
  remote_id: string | null;
  /** The monitor lease epoch the intent was opened under (null: opened before fencing existed). */
  epoch: number | null;
}

/**
 * Intents are written before any call that creates something remote (DESIGN.md §5). An open intent after a
 * crash means "this may or may not exist at the provider": it is reconciled by listing before anything new is sent.
 * An intent is settled once: `settle` changes only an open one, so a late answer never overwrites what another
 * monitor already decided.
 */
export class IntentsRepository {
  private readonly db: Db;

  constructor(db: Db) {
    this.db = db;
  }

  open(intent: Pick<IntentRow, 'id' | 'provider_batch_id' | 'kind' | 'provider' | 'created_at'> & { epoch?: number | null }): void {
    this.db
      .prepare(`INSERT INTO intents (id, provider_batch_id, kind, provider, state, created_at, epoch) VALUES (?, ?, ?, ?, 'open', ?, ?)`)
      .run(intent.id, intent.provider_batch_id, intent.kind, intent.provider, intent.created_at, intent.epoch ?? null);
  }

  get(id: string): IntentRow | null {
    return (this.db.prepare('SELECT * FROM intents WHERE id = ?').get(id) as IntentRow | undefined) ?? null;
  }

  /** Settle an open intent; false (and nothing changed) when it was already settled. */
  settle(id: string, state: Exclude<IntentState, 'open'>, remoteId: string | null, now: number): boolean {
    return this.db.prepare(`UPDATE intents SET state = ?, remote_id = ?, resolved_at = ? WHERE id = ? AND state = 'open'`).run(state, remoteId, now, id).changes === 1;
  }

  /** Change a settled intent (an upload made before a trim no longer fits its batch). */
  resolve(id: string, state: Exclude<IntentState, 'open'>, remoteId: string | null, now: number): void {
    this.db.prepare('UPDATE intents SET state = ?, remote_id = ?, resolved_at = ? WHERE id = ?').run(state, remoteId, now, id);
  }

  openIntents(): IntentRow[] {
    return this.db.prepare(`SELECT * FROM intents WHERE state = 'open' ORDER BY created_at`).all() as IntentRow[];
  }

  forBatch(providerBatchId: string): IntentRow[] {
    return this.db.prepare('SELECT * FROM intents WHERE provider_batch_id = ? ORDER BY created_at').all(providerBatchId) as IntentRow[];
  }

  /** The upload that a create of this batch can reuse. */
  doneUpload(providerBatchId: string): IntentRow | null {
    return (
      (this.db
        .prepare(`SELECT * FROM intents WHERE provider_batch_id = ? AND kind = 'upload' AND state = 'done' ORDER BY created_at DESC LIMIT 1`)
        .get(providerBatchId) as IntentRow | undefined) ?? null
    );
  }
}
