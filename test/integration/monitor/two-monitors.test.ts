// Issue 4 acceptance: two monitors on one data folder (two `batchdesk watch` processes): only the lease holder
// polls; when it is killed (SIGKILL) or frozen (SIGSTOP), the other takes over within the lease timeout and
// finishes the run, with no batch created twice. Each process has its own API key, so the fake's request log
// tells whose polls it got.
import type { ChildProcess } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { cleanEnv, runCli, startCli, tempDir } from '../../helpers/cli.ts';
import { startFakes, type Fakes } from '../../helpers/fakes.ts';

const LEASE_MS = 2_000;
/**
 * How late a takeover may come on a loaded 2-core machine (real processes, real time): a takeover that never
 * comes fails the test, one that comes a few seconds late because the machine is busy does not.
 */
const LOAD_SLACK_MS = 10_000;
const KEYS: [string, string] = ['sk-monitor-a', 'sk-monitor-b'];
const POLL = /^\/v1\/batches\/batch_/;

let dir: ReturnType<typeof tempDir>;
let fakes: Fakes;
const children: ChildProcess[] = [];

beforeEach(async () => {
  dir = tempDir('batchdesk-monitors-');
  // Batches stay in progress until the test lets them finish.
  fakes = await startFakes({ inProgressMs: 1e12, autoAdvanceMs: 100 });
  writeFileSync(join(dir.path, 'rows.csv'), ['id,text', ...Array.from({ length: 4 }, (_, i) => `r${i},note ${i}`)].join('\n'));
});
afterEach(async () => {
  for (const child of children.splice(0)) if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  await fakes.close();
  dir.cleanup();
});

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
async function until(check: () => boolean, timeoutMs: number): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!check() && Date.now() < end) await sleep(20);
  expect(check()).toBe(true);
}
const pollsBy = (key: string) => fakes.openai.http.log.filter((e) => e.method === 'GET' && POLL.test(e.path) && e.headers.authorization === `Bearer ${key}`).length;

function leasePid(home: string): number | null {
  const db = new Database(join(home, 'batchdesk.db'), { readonly: true });
  try {
    return (db.prepare(`SELECT pid FROM leases WHERE name = 'monitor'`).get() as { pid: number } | undefined)?.pid ?? null;
  } finally {
    db.close();
  }
}

/** The write lock of the store is held by someone (a process frozen inside a transaction holds it while frozen). */
function writeLocked(home: string): boolean {
  const db = new Database(join(home, 'batchdesk.db'), { timeout: 0 });
  try {
    db.exec('BEGIN IMMEDIATE');
    db.exec('ROLLBACK');
    return false;
  } catch {
    return true;
  } finally {
    db.close();
  }
}

/**
 * SIGSTOP `child` between two of its transactions. A process frozen inside one holds SQLite's write lock, and no
 * other process can write (take the lease) until it runs again: SQLite's rule, not the lease's. With polls every
 * 100 ms the holder is inside one now and then, so such a freeze is undone and tried again.
 */
async function freezeOutsideTransaction(child: ChildProcess, home: string): Promise<number> {
  for (let attempt = 0; attempt < 20; attempt++) {
    child.kill('SIGSTOP');
    const frozenAt = Date.now();
    await sleep(50);
    if (!writeLocked(home)) return frozenAt;
    child.kill('SIGCONT');
    await sleep(30 + attempt * 10);
  }
  throw new Error('the holder was inside a write transaction at every try');
}

async function setUp(): Promise<{ home: string; env: NodeJS.ProcessEnv; runId: string; watchers: ChildProcess[]; outputs: string[] }> {
  const home = join(dir.path, 'home');
  const env = cleanEnv({ BATCHDESK_HOME: home, BATCHDESK_POLL_INTERVAL_MS: '100', BATCHDESK_LEASE_MS: String(LEASE_MS), ...fakes.env });
  const created = await runCli(['run', '--model', 'openai/gpt-4.1-mini', '--dataset', 'rows.csv', '--template', 'Summarise {{text}}', '--json'], env, { cwd: dir.path });
  expect(created.code).toBe(0);
  const runId = (JSON.parse(created.stdout.split('\n')[0]!) as { run_id: string }).run_id;
  expect(fakes.openai.batchesCreated()).toBe(1);
  const outputs = ['', ''];
  const watchers = KEYS.map((key, i) => {
    const child = startCli(['watch', runId, '--json'], { ...env, OPENAI_API_KEY: key });
    child.stdout!.on('data', (d: Buffer) => (outputs[i] += d.toString()));
    children.push(child);
    return child;
  });
  return { home, env, runId, watchers, outputs };
}

function finishBatches(): void {
  fakes.openai.scenario = { ...fakes.openai.scenario, inProgressMs: 1_000 };
}

describe('two monitors on one data folder', () => {
  it('only the lease holder polls; after a SIGKILL the other takes over within the lease timeout', { timeout: 60_000 }, async () => {
    const { home, watchers, outputs } = await setUp();
    await until(() => pollsBy(KEYS[0]) + pollsBy(KEYS[1]) >= 15, 20_000);
    await sleep(500);
    const counts = KEYS.map(pollsBy);
    const holder = counts[0]! > 0 ? 0 : 1;
    const other = 1 - holder;
    expect(counts[holder]).toBeGreaterThanOrEqual(15);
    expect(counts[other], 'the second monitor never polls while the first holds the lease').toBe(0);
    expect(leasePid(home)).toBe(watchers[holder]!.pid);

    const killedAt = Date.now();
    watchers[holder]!.kill('SIGKILL');
    await until(() => pollsBy(KEYS[other]!) > 0, LEASE_MS + LOAD_SLACK_MS);
    expect(Date.now() - killedAt).toBeLessThan(LEASE_MS + LOAD_SLACK_MS);
    expect(leasePid(home)).toBe(watchers[other]!.pid);

    finishBatches();
    const code = await new Promise<number | null>((r) => watchers[other]!.once('close', r));
    expect(code).toBe(0);
    expect(JSON.parse(outputs[other]!.trim().split('\n').at(-1)!)).toMatchObject({ status: 'completed', jobs: { total: 4, succeeded: 4 } });
    expect(fakes.openai.batchesCreated()).toBe(1);
  });

  it('a frozen holder loses the lease when it expires, and stays out once it wakes up', { timeout: 60_000 }, async () => {
    const { home, watchers, outputs } = await setUp();
    await until(() => pollsBy(KEYS[0]) + pollsBy(KEYS[1]) >= 10, 20_000);
    const holder = pollsBy(KEYS[0]) > 0 ? 0 : 1;
    const other = 1 - holder;
    expect(pollsBy(KEYS[other]!)).toBe(0);

    const frozenAt = await freezeOutsideTransaction(watchers[holder]!, home);
    await until(() => pollsBy(KEYS[other]!) > 0, LEASE_MS + LOAD_SLACK_MS);
    const takeover = Date.now() - frozenAt;
    // Not before the frozen holder's lease ran out (its last renewal was at most a third of the lease earlier).
    expect(takeover).toBeGreaterThanOrEqual((LEASE_MS * 2) / 3 - 100);
    expect(takeover).toBeLessThan(LEASE_MS + LOAD_SLACK_MS);
    expect(leasePid(home)).toBe(watchers[other]!.pid);

    const before = pollsBy(KEYS[holder]!);
    watchers[holder]!.kill('SIGCONT');
    await sleep(1_500);
    // At most the one call it had in flight when it was frozen; then it waits as the second monitor.
    expect(pollsBy(KEYS[holder]!) - before).toBeLessThanOrEqual(1);
    expect(leasePid(home)).toBe(watchers[other]!.pid);

    finishBatches();
    const codes = await Promise.all(watchers.map((w) => new Promise<number | null>((r) => w.once('close', r))));
    expect(codes).toEqual([0, 0]);
    for (const output of outputs) expect(JSON.parse(output.trim().split('\n').at(-1)!)).toMatchObject({ status: 'completed', jobs: { succeeded: 4 } });
    expect(fakes.openai.batchesCreated()).toBe(1);
  });
});
