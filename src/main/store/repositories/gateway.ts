// The OpenAI-compatible gateway's own objects: uploaded files and the batch objects that front Batchdesk runs.
import type { Db } from '../database.ts';

export interface GatewayFileRow {
  id: string;
  filename: string;
  purpose: string;
  bytes: number;
  path: string;
  created_at: number;
}

export interface GatewayBatchRow {
  id: string;
  run_id: string | null;
  input_file_id: string;
  endpoint: string;
  completion_window: string;
  metadata: Record<string, string> | null;
  /** Validation errors of the input file: the batch failed and no run was made. */
  errors: { code: string; message: string; line: number | null; param: string | null }[] | null;
  created_at: number;
  failed_at: number | null;
}

type RawBatch = Omit<GatewayBatchRow, 'metadata' | 'errors'> & { metadata_json: string | null; errors_json: string | null };
const batchFromRaw = ({ metadata_json, errors_json, ...rest }: RawBatch): GatewayBatchRow => ({
  ...rest,
  metadata: metadata_json ? (JSON.parse(metadata_json) as Record<string, string>) : null,
  errors: errors_json ? (JSON.parse(errors_json) as GatewayBatchRow['errors']) : null,
});

export class GatewayRepository {
  private readonly db: Db;

  constructor(db: Db) {
    this.db = db;
  }

  insertFile(file: GatewayFileRow): void {
    this.db.prepare('INSERT OR IGNORE INTO gateway_files (id, filename, purpose, bytes, path, created_at) VALUES (@id, @filename, @purpose, @bytes, @path, @created_at)').run(file);
  }

  file(id: string): GatewayFileRow | null {
    return (this.db.prepare('SELECT * FROM gateway_files WHERE id = ?').get(id) as GatewayFileRow | undefined) ?? null;
  }

  files(limit: number, after?: string, purpose?: string): GatewayFileRow[] {
    const clauses = ['1 = 1'];
    const params: unknown[] = [];
    if (purpose) {
      clauses.push('purpose = ?');
      params.push(purpose);
    }
    if (after) {
      clauses.push('(created_at, id) < (SELECT created_at, id FROM gateway_files WHERE id = ?)');
      params.push(after);
    }
    return this.db.prepare(`SELECT * FROM gateway_files WHERE ${clauses.join(' AND ')} ORDER BY created_at DESC, id DESC LIMIT ?`).all(...params, limit) as GatewayFileRow[];
  }

  deleteFile(id: string): boolean {
    return this.db.prepare('DELETE FROM gateway_files WHERE id = ?').run(id).changes === 1;
  }

  insertBatch(batch: GatewayBatchRow): void {
    this.db
      .prepare(
        `INSERT INTO gateway_batches (id, run_id, input_file_id, endpoint, completion_window, metadata_json, errors_json, created_at, failed_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      )
      .run(batch.id, batch.run_id, batch.input_file_id, batch.endpoint, batch.completion_window, batch.metadata ? JSON.stringify(batch.metadata) : null, batch.errors ? JSON.stringify(batch.errors) : null, batch.created_at, batch.failed_at);
  }

  batch(id: string): GatewayBatchRow | null {
    const raw = this.db.prepare('SELECT * FROM gateway_batches WHERE id = ?').get(id) as RawBatch | undefined;
    return raw ? batchFromRaw(raw) : null;
  }

  batchForRun(runId: string): GatewayBatchRow | null {
    const raw = this.db.prepare('SELECT * FROM gateway_batches WHERE run_id = ?').get(runId) as RawBatch | undefined;
    return raw ? batchFromRaw(raw) : null;
  }

  batches(limit: number, after?: string): GatewayBatchRow[] {
    const rows = after
      ? this.db
          .prepare('SELECT * FROM gateway_batches WHERE (created_at, id) < (SELECT created_at, id FROM gateway_batches WHERE id = ?) ORDER BY created_at DESC, id DESC LIMIT ?')
          .all(after, limit)
      : this.db.prepare('SELECT * FROM gateway_batches ORDER BY created_at DESC, id DESC LIMIT ?').all(limit);
    return (rows as RawBatch[]).map(batchFromRaw);
  }
}
