// Data for each benchmark case, built before anything is measured.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { EngineHost } from '../src/main/api/engine-host.ts';
import { storeRun } from '../src/main/engine/create-run.ts';
import { customIdFor } from '../src/main/engine/custom-id.ts';
import { databasePath, providerBatchFolder } from '../src/main/store/data-folder.ts';
import { openDatabase } from '../src/main/store/database.ts';
import { Store } from '../src/main/store/store.ts';
import { seedRun, writeOpenAIOutput } from './data.ts';

export function setupWrite(home: string, size: number): string {
  seedRun(home, size);
  return home;
}

function markSubmitted(home: string, status: 'completed' | 'in_progress', nextPollAt: number): Store {
  const store = Store.open(home);
  const now = Date.now();
  for (const [i, batch] of store.batches.forRun(store.runs.list(1)[0]!.id).entries()) {
    store.batches.recordSubmitted(batch.id, { remoteId: `batch_bench_${i}`, status, counts: null, countsLive: true, handle: { outputFileId: `file-out-${i}` } }, null, now, nextPollAt);
    store.batches.recordPoll(batch.id, { remoteId: `batch_bench_${i}`, status, counts: null, countsLive: true, handle: { outputFileId: `file-out-${i}` } }, now, status === 'completed' ? null : nextPollAt);
  }
  return store;
}

export async function setupIngest(home: string, size: number): Promise<string> {
  seedRun(home, size);
  const store = markSubmitted(home, 'completed', 0);
  const db = openDatabase(databasePath(home));
  for (const batch of store.batches.forRun(`run_bench_${size}`)) {
    const dir = providerBatchFolder(home, batch.run_id, batch.id);
    mkdirSync(dir, { recursive: true });
    const seqs = db.prepare('SELECT MIN(seq) AS lo, COUNT(*) AS n FROM jobs WHERE provider_batch_id = ?').get(batch.id) as { lo: number; n: number };
    await writeOpenAIOutput(join(dir, `${batch.remote_id}-output.jsonl`), seqs.n, (i) => customIdFor(batch.id, seqs.lo + i));
  }
  db.close();
  store.close();
  return home;
}

export function setupResume(home: string, size: number): string {
  seedRun(home, size);
  markSubmitted(home, 'in_progress', Date.now() + 3600_000).close();
  return home;
}

/** A finished N-job run (every job succeeded) for the run detail in the browser; nothing left for the monitor. */
export function setupRunDetail(home: string, size: number): string {
  seedRun(home, size, { results: true });
  const db = openDatabase(databasePath(home));
  const now = Date.now();
  db.prepare(`UPDATE runs SET status = 'completed', finished_at = ?`).run(now);
  db.prepare(`UPDATE provider_batches SET status = 'completed', finished_at = ?, ingested_at = ?`).run(now, now);
  db.close();
  return home;
}

/** 20 live demo batches (a day-long simulated lifecycle), submitted through the engine. */
export async function setupIdle(home: string): Promise<string> {
  const host = new EngineHost({ home, env: { BATCHDESK_DEMO_SECONDS: '86400' } });
  const jobs = Array.from({ length: 20 }, (_, i) => ({ id: `j${i}`, label: `j${i}`, model: 'demo/echo', endpoint: 'chat' as const, params: {}, messages: [{ role: 'user' as const, content: `item ${i}` }] }));
  const draft = { jobs, itemsPerBatch: 1 };
  await storeRun(host.ctx, draft, { requireKeys: true });
  await host.monitor.tick();
  await host.close();
  return home;
}
