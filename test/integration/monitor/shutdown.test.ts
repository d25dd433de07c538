// Issue 4 acceptance: SIGTERM / SIGINT to `batchdesk run --wait` or `batchdesk watch` stops submitting, leaves
// the remote batches running, releases the monitor lease, closes a database that passes integrity_check, and
// the next start picks everything up and finishes with no batch created twice.
import type { ChildProcess } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { cleanEnv, runCli, startCli, tempDir } from '../../helpers/cli.ts';
import { startFakes, type Fakes } from '../../helpers/fakes.ts';

let dir: ReturnType<typeof tempDir>;
let fakes: Fakes;
let home: string;
let env: NodeJS.ProcessEnv;
const children: ChildProcess[] = [];

beforeEach(async () => {
  dir = tempDir('batchdesk-shutdown-');
  fakes = await startFakes({ inProgressMs: 1e12, autoAdvanceMs: 100 });
  home = join(dir.path, 'home');
  env = cleanEnv({ BATCHDESK_HOME: home, BATCHDESK_POLL_INTERVAL_MS: '100', ...fakes.env });
  writeFileSync(join(dir.path, 'rows.csv'), ['id,text', ...Array.from({ length: 6 }, (_, i) => `r${i},note ${i}`)].join('\n'));
});
afterEach(async () => {
  for (const child of children.splice(0)) if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  await fakes.close();
  dir.cleanup();
});

function readDb<T>(read: (db: Database.Database) => T): T {
  const db = new Database(join(home, 'batchdesk.db'), { readonly: true });
  try {
    return read(db);
  } finally {
    db.close();
  }
}
const submitted = () => {
  try {
    return readDb((db) => (db.prepare('SELECT COUNT(*) AS n FROM provider_batches WHERE remote_id IS NOT NULL').get() as { n: number }).n);
  } catch {
    return 0; // not created yet
  }
};

async function until(check: () => boolean, timeoutMs: number): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!check() && Date.now() < end) await new Promise((r) => setTimeout(r, 25));
  expect(check()).toBe(true);
}

function closed(child: ChildProcess): Promise<{ code: number | null; signal: NodeJS.Signals | null; stderr: string; stdout: string }> {
  let stderr = '';
  let stdout = '';
  child.stderr!.on('data', (d: Buffer) => (stderr += d.toString()));
  child.stdout!.on('data', (d: Buffer) => (stdout += d.toString()));
  return new Promise((resolve) => child.once('close', (code, signal) => resolve({ code, signal, stderr, stdout })));
}

/** After a clean stop: lease released, nothing half-done, a sound database, and the remote batches untouched. */
function expectCleanStop(batchesSent: number): void {
  const state = readDb((db) => ({
    integrity: db.pragma('integrity_check', { simple: true }),
    leases: (db.prepare('SELECT COUNT(*) AS n FROM leases WHERE expires_at > 0').get() as { n: number }).n,
    openIntents: (db.prepare(`SELECT COUNT(*) AS n FROM intents WHERE state = 'open'`).get() as { n: number }).n,
    running: (db.prepare(`SELECT COUNT(*) AS n FROM jobs WHERE status = 'running'`).get() as { n: number }).n,
  }));
  expect(state).toEqual({ integrity: 'ok', leases: 0, openIntents: 0, running: batchesSent * 2 });
  expect(fakes.openai.batchesCreated()).toBe(batchesSent);
  expect(fakes.openai.http.log.filter((e) => /cancel/.test(e.path))).toHaveLength(0);
}

async function resumeAndFinish(runId: string): Promise<void> {
  fakes.openai.scenario = { ...fakes.openai.scenario, inProgressMs: 1_000, autoAdvanceMs: 1_000 };
  const watch = await runCli(['watch', runId, '--json'], env);
  expect(watch.code).toBe(0);
  expect(JSON.parse(watch.stdout.trim().split('\n').at(-1)!)).toMatchObject({ status: 'completed', jobs: { total: 6, succeeded: 6 } });
  expect(fakes.openai.batchesCreated()).toBe(3);
  expect(readDb((db) => db.pragma('integrity_check', { simple: true }))).toBe('ok');
}

const RUN = ['run', '--model', 'openai/gpt-4.1-mini', '--dataset', 'rows.csv', '--template', 'Summarise {{text}}', '--items-per-batch', '2', '--max-concurrent', '1', '--json'];

describe('graceful shutdown', () => {
  for (const signal of ['SIGTERM', 'SIGINT'] as const) {
    it(`run --wait stops on ${signal}: nothing more is submitted, the database closes cleanly, the next start continues`, { timeout: 60_000 }, async () => {
      const child = startCli([...RUN, '--wait'], env, dir.path);
      children.push(child);
      const done = closed(child);
      await until(() => submitted() === 1 && fakes.openai.http.log.some((e) => /^\/v1\/batches\/batch_/.test(e.path)), 20_000);
      const stoppedAt = Date.now();
      child.kill(signal);
      const result = await done;
      expect(Date.now() - stoppedAt).toBeLessThan(5_000);
      expect(result.signal).toBeNull();
      expect(result.code).toBe(1);
      expect(result.stderr).toMatch(/stopped watching; provider batches keep running\. Resume with: batchdesk watch run_/);
      expectCleanStop(1);
      await resumeAndFinish((JSON.parse(result.stdout.split('\n')[0]!) as { run_id: string }).run_id);
    });
  }

  it('watch stops on SIGINT and on SIGTERM (with or without a run id) and the next watch finishes the run', { timeout: 60_000 }, async () => {
    const created = await runCli(RUN, env, { cwd: dir.path });
    const runId = (JSON.parse(created.stdout.split('\n')[0]!) as { run_id: string }).run_id;
    for (const [args, signal] of [[['watch', runId], 'SIGINT'], [['watch'], 'SIGTERM']] as const) {
      const child = startCli([...args], env);
      children.push(child);
      const done = closed(child);
      const polls = fakes.openai.http.log.length;
      await until(() => fakes.openai.http.log.length > polls + 3, 20_000);
      child.kill(signal);
      const result = await done;
      expect(result.signal).toBeNull();
      expect(result.code).toBe(1);
      expectCleanStop(1);
    }
    await resumeAndFinish(runId);
  });
});
