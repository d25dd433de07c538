import type { RunStatus } from '../../../shared/domain.ts';
import type { RunRecipe } from '../../../shared/methods-bundle.ts';
import type { Db } from '../database.ts';

export interface RunOptions {
  itemsPerBatch?: number;
  maxConcurrent?: number;
  /** Most estimated input tokens enqueued per model (--max-enqueued-tokens); absent = the setting or the catalog's. */
  maxEnqueuedTokens?: number;
  resultsDir?: string;
  /** Size of the pilot sample, when the run starts with one. */
  pilot?: number;
  /** Released = the rest of a pilot run may be submitted. */
  pilotReleased?: boolean;
  source?: 'cli' | 'library' | 'ui' | 'gateway';
  /** Why a run was stopped, once it is cancelling. */
  stopReason?: 'user' | 'time_limit';
  /** Extra data a face keeps on its runs (e.g. the gateway's OpenAI batch object fields). */
  extra?: Record<string, unknown>;
  /** What the run was made from (template, prompt, files' SHA-256), for its methods bundle. */
  recipe?: RunRecipe;
}

export interface RunRow {
  id: string;
  name: string;
  status: RunStatus;
  created_at: number;
  updated_at: number;
  finished_at: number | null;
  scheduled_at: number | null;
  deadline_at: number | null;
  cost_limit_usd: number | null;
  estimated_usd: number | null;
  options: RunOptions;
  simulated: boolean;
}

type Raw = Omit<RunRow, 'options' | 'simulated'> & { options_json: string; simulated: number };

const fromRaw = (raw: Raw): RunRow => {
  const { options_json, simulated, ...rest } = raw;
  return { ...rest, options: JSON.parse(options_json) as RunOptions, simulated: simulated === 1 };
};

export class RunsRepository {
  private readonly db: Db;

  constructor(db: Db) {
    this.db = db;
  }

  insert(run: RunRow): void {
    this.db
      .prepare(
        `INSERT INTO runs (id, name, status, created_at, updated_at, finished_at, scheduled_at, deadline_at,
           cost_limit_usd, estimated_usd, options_json, simulated)
         VALUES (@id, @name, @status, @created_at, @updated_at, @finished_at, @scheduled_at, @deadline_at,
           @cost_limit_usd, @estimated_usd, @options_json, @simulated)`,
      )
      .run({ ...run, options_json: JSON.stringify(run.options), simulated: run.simulated ? 1 : 0 });
  }

  get(id: string): RunRow | null {
    const raw = this.db.prepare('SELECT * FROM runs WHERE id = ?').get(id) as Raw | undefined;
    return raw ? fromRaw(raw) : null;
  }

  /** Newest first; `after` is the id of the last run of the previous page. */
  list(limit: number, after?: string): RunRow[] {
    const rows = after
      ? (this.db
          .prepare(
            `SELECT * FROM runs WHERE (created_at, id) < (SELECT created_at, id FROM runs WHERE id = ?)
             ORDER BY created_at DESC, id DESC LIMIT ?`,
          )
          .all(after, limit) as Raw[])
      : (this.db.prepare('SELECT * FROM runs ORDER BY created_at DESC, id DESC LIMIT ?').all(limit) as Raw[]);
    return rows.map(fromRaw);
  }

  withStatus(statuses: readonly RunStatus[]): RunRow[] {
    const marks = statuses.map(() => '?').join(',');
    return (this.db.prepare(`SELECT * FROM runs WHERE status IN (${marks}) ORDER BY created_at`).all(...statuses) as Raw[]).map(
      fromRaw,
    );
  }

  setStatus(id: string, status: RunStatus, now: number): void {
    const finished = status === 'completed' || status === 'cancelled' ? now : null;
    this.db
      .prepare('UPDATE runs SET status = ?, updated_at = ?, finished_at = ? WHERE id = ?')
      .run(status, now, finished, id);
  }

  update(id: string, fields: Partial<Pick<RunRow, 'estimated_usd' | 'scheduled_at' | 'deadline_at' | 'cost_limit_usd' | 'options'>>, now: number): void {
    const current = this.get(id);
    if (!current) return;
    const next = { ...current, ...fields };
    this.db
      .prepare(
        `UPDATE runs SET estimated_usd = ?, scheduled_at = ?, deadline_at = ?, cost_limit_usd = ?, options_json = ?,
           updated_at = ? WHERE id = ?`,
      )
      .run(next.estimated_usd, next.scheduled_at, next.deadline_at, next.cost_limit_usd, JSON.stringify(next.options), now, id);
  }
}
