// Issue 2 acceptance: a database made by the previous migration opens and upgrades; one from a future version is
// refused with a clear message and left untouched.
import Database from 'better-sqlite3';
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openDatabase } from '../../../src/main/store/database.ts';
import { migrate, SCHEMA_VERSION } from '../../../src/main/store/migrations.ts';
import { JobsRepository } from '../../../src/main/store/repositories/jobs.ts';
import { tempDir } from '../../helpers/cli.ts';

const spec = {
  id: 'paper-1',
  label: 'paper-1.pdf',
  model: 'gpt-4.1-mini',
  endpoint: 'chat',
  messages: [{ role: 'user', content: 'Summarise.' }],
  schema: { type: 'object', properties: { title: { type: 'string' } } },
};

describe('migrations', () => {
  let dir: ReturnType<typeof tempDir>;
  beforeEach(() => (dir = tempDir()));
  afterEach(() => dir.cleanup());

  it('upgrades a database made by the previous migration, keeping its rows', () => {
    const path = join(dir.path, 'old.db');
    const old = new Database(path);
    migrate(old, path, SCHEMA_VERSION - 1);
    old.prepare(`INSERT INTO runs (id, name, status, created_at, updated_at, options_json) VALUES ('r1', 'old run', 'completed', 1, 1, '{}')`).run();
    expect(old.pragma('user_version', { simple: true })).toBe(SCHEMA_VERSION - 1);
    old.close();

    const db = openDatabase(path);
    expect(db.pragma('user_version', { simple: true })).toBe(SCHEMA_VERSION);
    expect(db.prepare('SELECT name FROM runs').get()).toEqual({ name: 'old run' });
    expect(db.prepare(`SELECT name FROM sqlite_master WHERE name = 'leases'`).get()).toEqual({ name: 'leases' });
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(db.pragma('foreign_keys', { simple: true })).toBe(1);
    db.close();
  });

  it('completes a version-6 database whose version 5 was the empty placeholder of the embeddings builds', () => {
    const path = join(dir.path, 'placeholder.db');
    const old = new Database(path);
    migrate(old, path, 4);
    old.exec('ALTER TABLE results ADD COLUMN embedding BLOB');
    old.pragma('user_version = 6');
    old.prepare(`INSERT INTO runs (id, name, status, created_at, updated_at, options_json) VALUES ('r1', 'embedded run', 'completed', 1, 1, '{}')`).run();
    old.close();

    const db = openDatabase(path);
    expect(db.pragma('user_version', { simple: true })).toBe(SCHEMA_VERSION);
    const columns = (table: string) => (db.prepare(`SELECT name FROM pragma_table_info(?)`).all(table) as { name: string }[]).map((c) => c.name);
    expect(columns('leases')).toContain('epoch');
    expect(columns('intents')).toContain('epoch');
    expect(columns('provider_batches')).toEqual(expect.arrayContaining(['input_lines', 'input_sha256']));
    expect(columns('results')).toContain('embedding');
    expect(db.prepare(`SELECT name FROM sqlite_master WHERE name = 'orphans'`).get()).toEqual({ name: 'orphans' });
    expect(db.prepare('SELECT name FROM runs').get()).toEqual({ name: 'embedded run' });
    db.close();
  });

  it('moves each job spec out of the jobs row (version 3 → 4), schema flag included', () => {
    const path = join(dir.path, 'v3.db');
    const old = new Database(path);
    migrate(old, path, 3);
    old.prepare(`INSERT INTO runs (id, name, status, created_at, updated_at, options_json) VALUES ('r1', 'old run', 'completed', 1, 1, '{}')`).run();
    const insert = old.prepare(
      `INSERT INTO jobs (run_id, seq, id, label, model, provider, spec_json, status, provider_batch_id, updated_at)
       VALUES ('r1', ?, ?, ?, 'gpt-4.1-mini', 'openai', ?, 'succeeded', 'pb1', 1)`,
    );
    insert.run(0, spec.id, spec.label, JSON.stringify(spec));
    const { schema: _, ...plain } = { ...spec, id: 'paper-2', label: 'paper-2.pdf' };
    insert.run(1, plain.id, plain.label, JSON.stringify(plain));
    old.close();

    const db = openDatabase(path);
    const jobs = new JobsRepository(db);
    expect(jobs.byId('r1', 'paper-1')).toMatchObject({ seq: 0, status: 'succeeded', spec });
    expect(jobs.byId('r1', 'paper-2')!.spec).toEqual(plain);
    expect(jobs.schemasInBatch('pb1')).toEqual(new Map([[0, spec.schema], [1, null]]));
    expect(db.prepare(`SELECT COUNT(*) AS n FROM pragma_table_info('jobs') WHERE name = 'spec_json'`).get()).toEqual({ n: 0 });
    db.close();
  });

  it('refuses a database from a newer Batchdesk and leaves it unchanged', () => {
    const path = join(dir.path, 'future.db');
    const future = new Database(path);
    future.pragma(`user_version = ${SCHEMA_VERSION + 3}`);
    future.exec('CREATE TABLE mystery (x)');
    future.close();
    expect(() => openDatabase(path)).toThrow(new RegExp(`written by a newer Batchdesk \\(schema version ${SCHEMA_VERSION + 3}`));
    const after = new Database(path);
    expect(after.pragma('user_version', { simple: true })).toBe(SCHEMA_VERSION + 3);
    expect(after.prepare(`SELECT COUNT(*) AS n FROM sqlite_master WHERE name = 'runs'`).get()).toEqual({ n: 0 });
    after.close();
  });

  it.each(['delete', 'wal'])('refuses a future database (journal mode %s) before writing a byte of it', (mode) => {
    const path = join(dir.path, `future-${mode}.db`);
    const future = new Database(path);
    future.pragma(`journal_mode = ${mode}`);
    future.exec('CREATE TABLE mystery (x); INSERT INTO mystery VALUES (1)');
    future.pragma(`user_version = ${SCHEMA_VERSION + 1}`);
    future.close();
    const digest = () => createHash('sha256').update(readFileSync(path)).digest('hex');
    const before = digest();
    expect(() => openDatabase(path)).toThrow(/written by a newer Batchdesk/);
    expect(() => openDatabase(path)).toThrow(/written by a newer Batchdesk/);
    expect(digest()).toBe(before);
  });
});
