// Schema migrations: one function per version, applied in order inside a transaction; PRAGMA user_version
// records the version. A database from a newer Batchdesk is refused instead of being damaged.
import type { Database } from 'better-sqlite3';

type Migration = (db: Database) => void;

function v1_core_tables(db: Database): void {
  db.exec(`
    CREATE TABLE runs (
      id TEXT PRIMARY KEY,
      name TEXT NOT NULL,
      status TEXT NOT NULL,
      created_at INTEGER NOT NULL,
      updated_at INTEGER NOT NULL,
      finished_at INTEGER,
      scheduled_at INTEGER,
      deadline_at INTEGER,
      cost_limit_usd REAL,
      estimated_usd REAL,
      options_json TEXT NOT NULL,
      simulated INTEGER NOT NULL DEFAULT 0
    );
    CREATE INDEX runs_by_created ON runs(created_at DESC, id DESC);

    CREATE TABLE jobs (
      run_id TEXT NOT NULL REFERENCES runs(id) ON DELETE CASCADE,
      seq INTEGER NOT NULL,
      id TEXT NOT NULL,
      label TEXT NOT NULL,
      model TEXT NOT NULL,
      provider TEXT NOT NULL,
      spec_json TEXT NOT NULL,
      status TEXT NOT NULL,
      attempts INTEGER NOT NULL DEFAULT 0,
      provider_batch_id TEXT,
      estimated_input_tokens INTEGER,
      estimated_output_tokens INTEGER,
      estimated_usd REAL,
      error TEXT,
      error_category TEXT,
      updated_at INTEGER NOT NULL,
      PRIMARY KEY (run_id, seq),
      UNIQUE (run_id, id)
    );
    CREATE INDEX jobs_by_status ON jobs(run_id, status);
    CREATE INDEX jobs_by_batch ON jobs(provider_batch_id, seq);

    CREATE TABLE provider_batches (
      id TEXT PRIMARY KEY,
      run_id TEXT NOT NULL REFERENCES runs(id) ON DELETE CASCADE,
      provider TEXT NOT NULL,
      model TEXT NOT NULL,
      endpoint TEXT NOT NULL,
      status TEXT NOT NULL,
      remote_id TEXT,
      input_file_id TEXT,
      request_count INTEGER NOT NULL,
      counts_json TEXT,
      counts_live INTEGER NOT NULL DEFAULT 1,
      estimated_usd REAL,
      actual_usd REAL,
      handle_json TEXT,
      errors_json TEXT,
      created_at INTEGER NOT NULL,
      submitted_at INTEGER,
      finished_at INTEGER,
      ingested_at INTEGER,
      results_expire_at INTEGER,
      next_poll_at INTEGER,
      poll_failures INTEGER NOT NULL DEFAULT 0,
      last_error TEXT,
      is_pilot INTEGER NOT NULL DEFAULT 0
    );
    CREATE INDEX provider_batches_by_run ON provider_batches(run_id);

    CREATE TABLE results (
      id INTEGER PRIMARY KEY,
      run_id TEXT NOT NULL,
      job_seq INTEGER NOT NULL,
      provider_batch_id TEXT NOT NULL,
      outcome TEXT NOT NULL,
      text TEXT,
      parsed_json TEXT,
      citations_json TEXT,
      schema_errors_json TEXT,
      embedding_json TEXT,
      input_tokens INTEGER NOT NULL,
      output_tokens INTEGER NOT NULL,
      cached_input_tokens INTEGER NOT NULL,
      cost_usd REAL,
      error TEXT,
      error_category TEXT,
      raw TEXT,
      created_at INTEGER NOT NULL,
      UNIQUE (run_id, job_seq, provider_batch_id),
      FOREIGN KEY (run_id, job_seq) REFERENCES jobs(run_id, seq) ON DELETE CASCADE
    );

    CREATE TABLE events (
      id INTEGER PRIMARY KEY,
      run_id TEXT NOT NULL REFERENCES runs(id) ON DELETE CASCADE,
      provider_batch_id TEXT,
      at INTEGER NOT NULL,
      kind TEXT NOT NULL,
      message TEXT NOT NULL,
      data_json TEXT
    );
    CREATE INDEX events_by_run ON events(run_id, id);

    CREATE TABLE intents (
      id TEXT PRIMARY KEY,
      provider_batch_id TEXT NOT NULL REFERENCES provider_batches(id) ON DELETE CASCADE,
      kind TEXT NOT NULL,
      provider TEXT NOT NULL,
      state TEXT NOT NULL,
      created_at INTEGER NOT NULL,
      resolved_at INTEGER,
      remote_id TEXT
    );
    CREATE INDEX intents_open ON intents(state);

    CREATE TABLE settings (
      key TEXT PRIMARY KEY,
      value_json TEXT NOT NULL
    );
  `);
}

function v2_monitor_lease_and_poll_index(db: Database): void {
  db.exec(`
    CREATE TABLE leases (
      name TEXT PRIMARY KEY,
      holder TEXT NOT NULL,
      pid INTEGER NOT NULL,
      host TEXT NOT NULL,
      expires_at INTEGER NOT NULL
    );
    CREATE INDEX provider_batches_by_poll ON provider_batches(status, next_poll_at);
  `);
}

function v3_gateway_files_and_batches(db: Database): void {
  db.exec(`
    CREATE TABLE gateway_files (
      id TEXT PRIMARY KEY,
      filename TEXT NOT NULL,
      purpose TEXT NOT NULL,
      bytes INTEGER NOT NULL,
      path TEXT NOT NULL,
      created_at INTEGER NOT NULL
    );
    CREATE TABLE gateway_batches (
      id TEXT PRIMARY KEY,
      run_id TEXT REFERENCES runs(id) ON DELETE SET NULL,
      input_file_id TEXT NOT NULL,
      endpoint TEXT NOT NULL,
      completion_window TEXT NOT NULL,
      metadata_json TEXT,
      errors_json TEXT,
      created_at INTEGER NOT NULL,
      failed_at INTEGER
    );
    CREATE INDEX gateway_batches_by_created ON gateway_batches(created_at DESC, id DESC);
  `);
}

/**
 * A job's spec (its prompt, often kilobytes) moves out of the jobs row: status updates, counts and job pages then
 * touch rows of ~150 bytes instead of rewriting every spec alongside (ingesting 100,000 results did). has_schema
 * tells ingestion which specs it must read for their JSON Schema: usually none.
 */
function v4_job_specs_table(db: Database): void {
  db.exec(`
    CREATE TABLE job_specs (
      run_id TEXT NOT NULL,
      seq INTEGER NOT NULL,
      spec_json TEXT NOT NULL,
      PRIMARY KEY (run_id, seq),
      FOREIGN KEY (run_id, seq) REFERENCES jobs(run_id, seq) ON DELETE CASCADE
    );
    INSERT INTO job_specs (run_id, seq, spec_json) SELECT run_id, seq, spec_json FROM jobs;
    ALTER TABLE jobs ADD COLUMN has_schema INTEGER NOT NULL DEFAULT 0;
    UPDATE jobs SET has_schema = 1 WHERE json_extract(spec_json, '$.schema') IS NOT NULL;
    ALTER TABLE jobs DROP COLUMN spec_json;
  `);
}

/**
 * Never bill twice (issue 13): the monitor lease carries an epoch that grows with every change of holder, and each
 * intent records the epoch it was opened under, so a create is only sent while both are still ours. Each input
 * file's line count and sha256 are kept, so a file left over from before a trim is never uploaded. Remote batches
 * created too late to be bound (a frozen monitor that woke up) are kept as orphans until cancelled.
 */
function v5_fencing_input_integrity_orphans(db: Database): void {
  const hasColumn = (table: string, column: string) => db.prepare(`SELECT 1 FROM pragma_table_info(?) WHERE name = ?`).get(table, column) !== undefined;
  const addColumn = (table: string, definition: string) => {
    if (!hasColumn(table, definition.split(' ')[0]!)) db.exec(`ALTER TABLE ${table} ADD COLUMN ${definition}`);
  };
  addColumn('leases', 'epoch INTEGER NOT NULL DEFAULT 0');
  addColumn('intents', 'epoch INTEGER');
  addColumn('provider_batches', 'input_lines INTEGER');
  addColumn('provider_batches', 'input_sha256 TEXT');
  db.exec(`
    CREATE TABLE IF NOT EXISTS orphans (
      id INTEGER PRIMARY KEY,
      run_id TEXT NOT NULL REFERENCES runs(id) ON DELETE CASCADE,
      provider_batch_id TEXT NOT NULL REFERENCES provider_batches(id) ON DELETE CASCADE,
      intent_id TEXT NOT NULL,
      provider TEXT NOT NULL,
      remote_id TEXT,
      state TEXT NOT NULL,
      created_at INTEGER NOT NULL,
      check_after INTEGER NOT NULL,
      resolved_at INTEGER,
      last_error TEXT,
      UNIQUE (provider, remote_id)
    );
    CREATE INDEX IF NOT EXISTS orphans_open ON orphans(state, check_after);
    CREATE INDEX IF NOT EXISTS orphans_by_run ON orphans(run_id);
  `);
}

/**
 * Embedding vectors as float32 bytes (4 bytes a dimension) instead of JSON text (10–20 bytes a dimension). Rows
 * written before keep their embedding_json and are still read; new rows fill `embedding` only. Touches nothing but
 * the results table, so it applies whatever came before it.
 */
function v6_embedding_blobs(db: Database): void {
  db.exec(`ALTER TABLE results ADD COLUMN embedding BLOB`);
}

/**
 * While version 5 was being written, builds of the embeddings change shipped an empty placeholder as version 5 and
 * went on to 6: their data folders are at 6 without version 5's tables and columns. Version 5 applies only what is
 * missing, so running it again here completes them and changes nothing elsewhere.
 */
function v7_complete_v5_where_it_was_skipped(db: Database): void {
  v5_fencing_input_integrity_orphans(db);
}

export const MIGRATIONS: readonly Migration[] = [
  v1_core_tables,
  v2_monitor_lease_and_poll_index,
  v3_gateway_files_and_batches,
  v4_job_specs_table,
  v5_fencing_input_integrity_orphans,
  v6_embedding_blobs,
  v7_complete_v5_where_it_was_skipped,
];
export const SCHEMA_VERSION = MIGRATIONS.length;

export class FutureSchemaError extends Error {
  constructor(path: string, found: number) {
    super(
      `The database at ${path} was written by a newer Batchdesk (schema version ${found}; this version understands up to ${SCHEMA_VERSION}). ` +
        `Update Batchdesk, or point --home / BATCHDESK_HOME at another data folder.`,
    );
    this.name = 'FutureSchemaError';
  }
}

/** Apply every pending migration; `upTo` exists so tests can build the database of an older version. */
export function migrate(db: Database, path: string, upTo = SCHEMA_VERSION): void {
  const current = db.pragma('user_version', { simple: true }) as number;
  if (current > SCHEMA_VERSION) throw new FutureSchemaError(path, current);
  for (let version = current; version < upTo; version++) {
    db.transaction(() => {
      MIGRATIONS[version]!(db);
      db.pragma(`user_version = ${version + 1}`);
    })();
  }
}
