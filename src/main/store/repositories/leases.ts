import type { Db } from '../database.ts';

export interface LeaseRow {
  name: string;
  holder: string;
  pid: number;
  host: string;
  expires_at: number;
  /** Grows by one every time the lease changes hands: a fencing token (a holder that lost it has an older one). */
  epoch: number;
}

export type LeaseClaim = Omit<LeaseRow, 'epoch'>;

/**
 * One monitor per data folder: whoever holds the lease polls and submits. A lease is taken when it is free,
 * expired, or held by a dead process on this host (so a restart after a crash does not wait for the timeout).
 * A released lease keeps its row (expired), so epochs never start over.
 */
export class LeasesRepository {
  private readonly db: Db;

  constructor(db: Db) {
    this.db = db;
  }

  get(name: string): LeaseRow | null {
    return (this.db.prepare('SELECT * FROM leases WHERE name = ?').get(name) as LeaseRow | undefined) ?? null;
  }

  /** Take or renew the lease. Returns its epoch, or null when another holder has it. */
  tryAcquire(lease: LeaseClaim, now: number, holderIsDead: (row: LeaseRow) => boolean): number | null {
    return this.db.transaction(() => {
      const current = this.get(lease.name);
      const mine = current?.holder === lease.holder;
      const free = !current || mine || current.expires_at <= now || holderIsDead(current);
      if (!free) return null;
      // The same holder keeps its epoch (nobody else held it in between); a new holder gets the next one.
      const epoch = mine ? current.epoch : (current?.epoch ?? 0) + 1;
      this.db
        .prepare(
          `INSERT INTO leases (name, holder, pid, host, expires_at, epoch) VALUES (@name, @holder, @pid, @host, @expires_at, @epoch)
           ON CONFLICT (name) DO UPDATE SET holder = excluded.holder, pid = excluded.pid, host = excluded.host,
           expires_at = excluded.expires_at, epoch = excluded.epoch`,
        )
        .run({ ...lease, epoch });
      return epoch;
    }).immediate();
  }

  /** Whether `holder` still holds the lease under `epoch` at `now` (the fence checked before a remote create). */
  holds(name: string, holder: string, epoch: number, now: number): boolean {
    const row = this.get(name);
    return row !== null && row.holder === holder && row.epoch === epoch && row.expires_at > now;
  }

  /** Extend a lease its holder still has under `epoch`; false when it has lost it. */
  extend(name: string, holder: string, epoch: number, expiresAt: number): boolean {
    return this.db.prepare('UPDATE leases SET expires_at = ? WHERE name = ? AND holder = ? AND epoch = ?').run(expiresAt, name, holder, epoch).changes === 1;
  }

  release(name: string, holder: string): void {
    this.db.prepare('UPDATE leases SET expires_at = 0 WHERE name = ? AND holder = ?').run(name, holder);
  }
}
