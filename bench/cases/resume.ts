// Case 4: open a store holding N jobs and resume the monitor (one full pass: reconcile, dispatch, polls due,
// ingest, run statuses); and job counts by status for an N-job run. Roofline: open the database and run the
// bare GROUP BY.
import Database from 'better-sqlite3';
import { join } from 'node:path';
import { EngineHost } from '../../src/main/api/engine-host.ts';
import type { Case } from '../harness.ts';

export function project(home: string, size: number, what: 'resume' | 'counts'): Case {
  return { run: () => projectResume(home, size, what) };
}

async function projectResume(home: string, size: number, what: 'resume' | 'counts'): Promise<Record<string, number>> {
  if (what === 'counts') {
    const host = new EngineHost({ home, env: { OPENAI_API_KEY: 'sk-bench' } });
    const start = performance.now();
    const counts = host.store.jobs.counts(`run_bench_${size}`);
    const ms = performance.now() - start;
    await host.close();
    return { total: counts.total, counts_ms: ms };
  }
  const host = new EngineHost({ home, env: { OPENAI_API_KEY: 'sk-bench' } });
  await host.monitor.tick();
  await host.close();
  return {};
}

export function roofline(home: string, size: number, what: 'resume' | 'counts'): Case {
  return { run: () => rooflineResume(home, size, what) };
}

async function rooflineResume(home: string, size: number, what: 'resume' | 'counts'): Promise<Record<string, number>> {
  const db = new Database(join(home, 'batchdesk.db'));
  const start = performance.now();
  const rows = db.prepare('SELECT status, COUNT(*) AS n FROM jobs WHERE run_id = ? GROUP BY status').all(`run_bench_${size}`) as { n: number }[];
  const ms = performance.now() - start;
  db.close();
  return what === 'counts' ? { total: rows.reduce((a, r) => a + r.n, 0), counts_ms: ms } : {};
}
