// One better-sqlite3 connection per process: WAL (readers never block the monitor's writes), foreign keys,
// a busy timeout so the app, the CLI and the server can share the data folder.
//
// A database from a newer Batchdesk is refused before anything writes to it: its schema version is read through a
// read-only connection first (switching to WAL, or a checkpoint on close, would already change the file).
import Database from 'better-sqlite3';
import { existsSync, mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { FutureSchemaError, migrate, SCHEMA_VERSION } from './migrations.ts';

export type Db = Database.Database;

export interface OpenOptions {
  /** Path to better-sqlite3's native addon, for hosts that ship their own build (the packaged app). */
  nativeBinding?: string;
  readonly?: boolean;
}

function connect(path: string, options: OpenOptions, readonly: boolean): Db {
  return new Database(path, {
    ...(options.nativeBinding ? { nativeBinding: options.nativeBinding } : {}),
    readonly,
    ...(readonly ? { fileMustExist: true } : {}),
  });
}

/** Throws FutureSchemaError for a database written by a newer Batchdesk, reading it without writing a byte. */
function refuseFutureSchema(path: string, options: OpenOptions): void {
  if (path === ':memory:' || !existsSync(path)) return;
  const probe = connect(path, options, true);
  try {
    const version = probe.pragma('user_version', { simple: true }) as number;
    if (version > SCHEMA_VERSION) throw new FutureSchemaError(path, version);
  } finally {
    probe.close();
  }
}

export function openDatabase(path: string, options: OpenOptions = {}): Db {
  if (path !== ':memory:') mkdirSync(dirname(path), { recursive: true });
  refuseFutureSchema(path, options);
  const db = connect(path, options, options.readonly ?? false);
  db.pragma('journal_mode = WAL');
  db.pragma('foreign_keys = ON');
  db.pragma('busy_timeout = 10000');
  // NORMAL for most writes (a power cut may lose the last few commits, never corrupt); the rows that guard remote
  // side effects are committed with FULL (Store.durableTx).
  db.pragma('synchronous = NORMAL');
  try {
    migrate(db, path);
  } catch (error) {
    db.close();
    throw error;
  }
  return db;
}
