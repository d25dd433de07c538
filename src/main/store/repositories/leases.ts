import type { Db } from '../database.ts';

export interface LeaseRow {
  name: string;
  holder: string;
  pid: number;
  host: string;
  expires_at: number;
}

/**
 * One monitor per data folder: whoever holds the lease polls and submits. A lease is taken when it is free,
 * expired, or held by a dead process on this host (so a restart after a crash does not wait for the timeout).
 */
export class LeasesRepository {
  private readonly db: Db;

  constructor(db: Db) {
    this.db = db;
  }

  get(name: string): LeaseRow | null {
    return (this.db.prepare('SELECT * FROM leases WHERE name = ?').get(name) as LeaseRow | undefined) ?? null;
  }

  tryAcquire(lease: LeaseRow, now: number, holderIsDead: (row: LeaseRow) => boolean): boolean {
    return this.db.transaction(() => {
      const current = this.get(lease.name);
      const free = !current || current.holder === lease.holder || current.expires_at <= now || holderIsDead(current);
      if (!free) return false;
      this.db
        .prepare(
          `INSERT INTO leases (name, holder, pid, host, expires_at) VALUES (@name, @holder, @pid, @host, @expires_at)
           ON CONFLICT (name) DO UPDATE SET holder = excluded.holder, pid = excluded.pid, host = excluded.host,
           expires_at = excluded.expires_at`,
        )
        .run(lease);
      return true;
    }).immediate();
  }

  release(name: string, holder: string): void {
    this.db.prepare('DELETE FROM leases WHERE name = ? AND holder = ?').run(name, holder);
  }
}
