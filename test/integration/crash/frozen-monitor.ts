// The frozen-monitor scenario of the crash sweep (issue 13), with real processes and a real SIGSTOP:
// - frozen-after-intent: `batchdesk run --wait` stops itself (BATCHDESK_PAUSEPOINT) right after opening a create
//   intent; `batchdesk watch` takes over once the lease has run out; the first resumes and must send nothing.
// - late-create-answer: the provider holds the first create; the test stops the first process while it waits
//   (SIGSTOP); the second takes over and creates the batch again; then the provider carries out the held create
//   and answers the stopped process, which resumes: the late remote batch must be cancelled and reported.
// The run is kept from finishing until the first process has resumed, so both monitors really overlap.
import type { ChildProcess } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { expect } from 'vitest';
import { cleanEnv, startCli, tempDir } from '../../helpers/cli.ts';
import { startFakes, type Fakes } from '../../helpers/fakes.ts';

export type RealProvider = 'openai' | 'anthropic' | 'gemini';
export type FrozenPoint = 'frozen-after-intent' | 'late-create-answer';

export const MODEL: Record<RealProvider | 'demo', string> = {
  openai: 'openai/gpt-4.1-mini',
  anthropic: 'anthropic/claude-haiku-4-5',
  gemini: 'gemini/gemini-3.8-flash',
  demo: 'demo/echo',
};

/** Where each fake takes a batch create. */
export const CREATE_PATH: Record<RealProvider, RegExp> = {
  openai: /^\/v1\/batches$/,
  anthropic: /^\/v1\/messages\/batches$/,
  gemini: /:batchGenerateContent$/,
};

const LEASE_MS = 3_000;
const JOBS = 5;
const PER_BATCH = 3;
const BATCHES = Math.ceil(JOBS / PER_BATCH);
const ANTHROPIC_RESULTS = /^\/v1\/messages\/batches\/[^/]+\/results$/;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function until(check: () => boolean, timeoutMs: number, what: string): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!check() && Date.now() < end) await sleep(50);
  expect(check(), what).toBe(true);
}

/** A process stopped by SIGSTOP (Linux: state T in /proc/PID/stat). */
function isStopped(pid: number | undefined): boolean {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2).startsWith('T');
  } catch {
    return false;
  }
}

export function readDb<T>(path: string, read: (db: Database.Database) => T): T {
  const db = new Database(path, { readonly: true, fileMustExist: true });
  try {
    return read(db);
  } finally {
    db.close();
  }
}

/** Keep every batch of the fake unfinished until `allow()`: the fakes follow different clocks of their own. */
function holdCompletion(fakes: Fakes, provider: RealProvider): { allow(): void } {
  const fake = fakes[provider];
  if (provider !== 'anthropic') {
    fake.scenario = { ...fake.scenario, inProgressMs: 1e12 };
    return { allow: () => void (fake.scenario = { ...fake.scenario, inProgressMs: 1_000 }) };
  }
  // An Anthropic batch keeps the scenario it was created under: hold its results instead.
  fake.http.inject({ method: 'GET', path: ANTHROPIC_RESULTS, times: 1e9, fault: { kind: 'status', status: 503 } });
  return { allow: () => void fake.http.faults.splice(fake.http.faults.findIndex((f) => f.path === ANTHROPIC_RESULTS), 1) };
}

export async function frozenMonitorCase(provider: RealProvider, point: FrozenPoint): Promise<void> {
  const dir = tempDir('batchdesk-frozen-');
  writeFileSync(join(dir.path, 'rows.csv'), ['id,text', ...Array.from({ length: JOBS }, (_, i) => `r${i},a short note about lake ${i}`)].join('\n'));
  const fakes = await startFakes({ autoAdvanceMs: 100 });
  const fake = fakes[provider];
  const home = join(dir.path, 'home');
  const dbPath = join(home, 'batchdesk.db');
  const env = cleanEnv({ BATCHDESK_HOME: home, BATCHDESK_POLL_INTERVAL_MS: '100', BATCHDESK_LEASE_MS: String(LEASE_MS), ...fakes.env });
  const children: ChildProcess[] = [];
  const exited = (child: ChildProcess) => new Promise<number | null>((resolve) => (child.exitCode !== null ? resolve(child.exitCode) : child.once('close', resolve)));
  try {
    const completion = holdCompletion(fakes, provider);
    let first: ChildProcess | null = null;
    let release = () => {};
    if (point === 'late-create-answer') {
      const released = new Promise<void>((resolve) => (release = resolve));
      // Stopped the moment its create arrives: it waits for the answer while frozen.
      fake.http.inject({ method: 'POST', path: CREATE_PATH[provider], fault: { kind: 'hold', release: released, onHeld: () => first?.kill('SIGSTOP') } });
    }
    const args = ['run', '--model', MODEL[provider], '--dataset', 'rows.csv', '--template', 'Summarise: {{text}}', '--max-tokens', '40', '--items-per-batch', String(PER_BATCH), '--wait', '--json'];
    first = startCli(args, { ...env, ...(point === 'frozen-after-intent' ? { BATCHDESK_PAUSEPOINT: point } : {}) }, dir.path);
    children.push(first);
    let firstErr = '';
    first.stderr!.on('data', (d: Buffer) => (firstErr += d.toString()));
    await until(() => isStopped(first.pid), 60_000, `the first monitor stops between its intent and its create (${firstErr})`);
    const runId = readDb(dbPath, (db) => (db.prepare('SELECT id FROM runs').get() as { id: string }).id);

    const second = startCli(['watch', runId, '--json'], env);
    children.push(second);
    const remoteIds = () => readDb(dbPath, (db) => (db.prepare('SELECT remote_id FROM provider_batches').all() as { remote_id: string | null }[]).map((r) => r.remote_id));
    await until(() => remoteIds().every((id) => id !== null), 60_000, 'the second monitor took over and created every batch');

    if (point === 'late-create-answer') {
      release();
      await until(() => fake.batchesCreated() === BATCHES + 1, 30_000, 'the provider carried out the held create');
    }
    first.kill('SIGCONT');
    const orphans = () => readDb(dbPath, (db) => db.prepare('SELECT remote_id, state FROM orphans WHERE remote_id IS NOT NULL').all() as { remote_id: string; state: string }[]);
    if (point === 'late-create-answer') await until(() => orphans().length === 1 && orphans()[0]!.state === 'cancelled', 60_000, 'the late remote batch was cancelled');
    else await sleep(1_500);
    completion.allow();
    expect(await Promise.all([exited(first), exited(second)])).toEqual([0, 0]);

    const db = readDb(dbPath, (d) => ({
      integrity: d.pragma('integrity_check', { simple: true }),
      results: d.prepare('SELECT COUNT(*) AS n, COUNT(DISTINCT job_seq) AS jobs FROM results').get(),
      attempts: d.prepare('SELECT MIN(attempts) AS lo, MAX(attempts) AS hi FROM jobs').get(),
      openIntents: (d.prepare(`SELECT COUNT(*) AS n FROM intents WHERE state = 'open'`).get() as { n: number }).n,
      warnings: (d.prepare(`SELECT message FROM events WHERE kind = 'warning' AND json_extract(data_json, '$.code') = 'orphan_batch'`).all() as { message: string }[]).map((r) => r.message),
    }));
    expect(db.integrity).toBe('ok');
    expect(db.results).toEqual({ n: JOBS, jobs: JOBS });
    expect(db.attempts).toEqual({ lo: 1, hi: 1 });
    expect(db.openIntents).toBe(0);
    const bound = remoteIds();
    expect(new Set(bound).size, 'one remote batch per provider batch').toBe(BATCHES);
    const late = orphans();
    expect(late).toHaveLength(point === 'late-create-answer' ? 1 : 0);
    expect(fake.batchesCreated(), 'every remote batch is either bound or a reported orphan').toBe(BATCHES + late.length);
    for (const orphan of late) {
      expect(bound).not.toContain(orphan.remote_id);
      expect(db.warnings.some((m) => m.includes(orphan.remote_id)), 'the orphan is reported on the timeline').toBe(true);
      const id = orphan.remote_id.replace(/^batches\//, '');
      expect(fake.http.log.some((r) => r.method === 'POST' && r.path.includes(id) && /cancel$/.test(r.path)), 'the orphan was cancelled at the provider').toBe(true);
    }
  } finally {
    for (const child of children) if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
    await fakes.close();
    dir.cleanup();
  }
}
