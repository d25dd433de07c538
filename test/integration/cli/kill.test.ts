// Issue 2 acceptance: SIGKILL a 200-job demo run mid-way, then `batchdesk watch RUN`: every job ends exactly
// once, nothing is submitted twice, and the database passes integrity_check.
import { readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cleanEnv, runCli, startCli, tempDir } from '../../helpers/cli.ts';

const JOBS = 200;

function submittedBatches(dbPath: string): number {
  try {
    const db = new Database(dbPath, { readonly: true, fileMustExist: true });
    try {
      return (db.prepare('SELECT COUNT(*) AS n FROM provider_batches WHERE remote_id IS NOT NULL').get() as { n: number }).n;
    } finally {
      db.close();
    }
  } catch {
    return 0;
  }
}

describe('kill and resume', () => {
  let dir: ReturnType<typeof tempDir>;
  beforeAll(() => {
    dir = tempDir();
    const rows = ['id,text', ...Array.from({ length: JOBS }, (_, i) => `r${i},document number ${i} about topic ${i % 7}`)];
    writeFileSync(join(dir.path, 'rows.csv'), rows.join('\n'));
  });
  afterAll(() => dir.cleanup());

  it('ends every job exactly once after a SIGKILL mid-run', async () => {
    const home = join(dir.path, 'home');
    const env = cleanEnv({ BATCHDESK_HOME: home, BATCHDESK_DEMO_SECONDS: '3' });
    const dbPath = join(home, 'batchdesk.db');
    const child = startCli(
      ['run', '--model', 'demo/echo', '--dataset', 'rows.csv', '--template', 'Classify: {{text}}', '--items-per-batch', '20', '--max-concurrent', '2', '--wait', '--json'],
      env,
      dir.path,
    );
    let firstLine = '';
    child.stdout!.on('data', (d: Buffer) => (firstLine ||= d.toString().split('\n')[0]!));
    const deadline = Date.now() + 20_000;
    while (submittedBatches(dbPath) < 3 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
    expect(submittedBatches(dbPath)).toBeGreaterThanOrEqual(3);
    child.kill('SIGKILL');
    await new Promise((r) => child.once('close', r));
    const { run_id } = JSON.parse(firstLine) as { run_id: string };

    const db = new Database(dbPath, { readonly: true });
    const before = db.prepare(`SELECT COUNT(*) AS n FROM jobs WHERE status IN ('pending','running')`).get() as { n: number };
    db.close();
    expect(before.n).toBeGreaterThan(0);

    const watch = await runCli(['watch', run_id, '--json'], env);
    expect(watch.code).toBe(0);
    expect(JSON.parse(watch.stdout.trim().split('\n').at(-1)!)).toMatchObject({ status: 'completed', jobs: { total: JOBS, succeeded: JOBS } });

    const check = new Database(dbPath, { readonly: true });
    expect(check.pragma('integrity_check', { simple: true })).toBe('ok');
    expect(check.prepare('SELECT COUNT(*) AS n, COUNT(DISTINCT job_seq) AS jobs FROM results').get()).toEqual({ n: JOBS, jobs: JOBS });
    expect(check.prepare('SELECT MIN(attempts) AS lo, MAX(attempts) AS hi FROM jobs').get()).toEqual({ lo: 1, hi: 1 });
    const batches = check.prepare('SELECT remote_id FROM provider_batches').all() as { remote_id: string }[];
    check.close();
    expect(batches).toHaveLength(JOBS / 20);
    // The demo provider's "remote service" keeps one folder per batch ever created: none twice.
    const remote = readdirSync(join(home, 'demo-remote')).filter((name) => !name.startsWith('.'));
    expect(remote.sort()).toEqual(batches.map((b) => b.remote_id).sort());
  });
});
