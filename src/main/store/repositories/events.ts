import type { Db } from '../database.ts';

export type EventKind = 'created' | 'status' | 'progress' | 'submitted' | 'warning' | 'finished' | 'error' | 'info';

export interface EventRow {
  id: number;
  run_id: string;
  provider_batch_id: string | null;
  at: number;
  kind: EventKind;
  message: string;
  data: Record<string, unknown> | null;
}

/** The status timeline of each run. */
export class EventsRepository {
  private readonly db: Db;

  constructor(db: Db) {
    this.db = db;
  }

  add(event: Omit<EventRow, 'id'>): number {
    return Number(
      this.db
        .prepare('INSERT INTO events (run_id, provider_batch_id, at, kind, message, data_json) VALUES (?, ?, ?, ?, ?, ?)')
        .run(event.run_id, event.provider_batch_id, event.at, event.kind, event.message, event.data ? JSON.stringify(event.data) : null)
        .lastInsertRowid,
    );
  }

  forRun(runId: string, limit = 500): EventRow[] {
    const rows = this.db
      .prepare('SELECT * FROM events WHERE run_id = ? ORDER BY id DESC LIMIT ?')
      .all(runId, limit) as (Omit<EventRow, 'data'> & { data_json: string | null })[];
    return rows.reverse().map(({ data_json, ...rest }) => ({ ...rest, data: data_json ? (JSON.parse(data_json) as Record<string, unknown>) : null }));
  }

  /** Has this warning already been given for this run (and batch)? Warnings are given once. */
  hasWarning(runId: string, providerBatchId: string | null, code: string): boolean {
    return (
      this.db
        .prepare(
          `SELECT 1 FROM events WHERE run_id = ? AND provider_batch_id IS ? AND kind = 'warning'
           AND json_extract(data_json, '$.code') = ?`,
        )
        .get(runId, providerBatchId, code) !== undefined
    );
  }
}
