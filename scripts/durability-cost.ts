// What synchronous = FULL costs for the rows that guard remote side effects (issue 13 item 7): N create intents
// opened and settled as Store.durableTx does it, against the same with ordinary transactions (synchronous =
// NORMAL). Run: node scripts/durability-cost.ts [N]   (the data folder goes under the OS temp folder)
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Store } from '../src/main/store/store.ts';

const N = Number(process.argv[2] ?? 500);
const dir = mkdtempSync(join(tmpdir(), 'bd-durability-'));
const store = Store.open(dir);
store.runs.insert({ id: 'r', name: 'r', status: 'running', created_at: 0, updated_at: 0, finished_at: null, scheduled_at: null, deadline_at: null, cost_limit_usd: null, estimated_usd: null, options: {}, simulated: false });
store.batches.insert({ id: 'b', run_id: 'r', provider: 'openai', model: 'm', endpoint: 'chat', request_count: 1, estimated_usd: null, created_at: 0, is_pilot: false });

function measure(label: string, tx: <T>(work: () => T) => T): number {
  const started = process.hrtime.bigint();
  for (let i = 0; i < N; i++) {
    const id = `${label}-${i}`;
    tx(() => store.intents.open({ id, provider_batch_id: 'b', kind: 'create', provider: 'openai', created_at: i, epoch: 1 }));
    tx(() => store.intents.settle(id, 'abandoned', null, i));
  }
  const perTx = Number(process.hrtime.bigint() - started) / 1e6 / (2 * N);
  console.log(`${label.padEnd(6)} ${(2 * N).toString().padStart(5)} transactions: ${perTx.toFixed(3)} ms each`);
  return perTx;
}

measure('warmup', (work) => store.tx(work));
const normal = measure('NORMAL', (work) => store.tx(work));
const full = measure('FULL', (work) => store.durableTx(work));
console.log(`FULL costs ${(full - normal).toFixed(3)} ms more per guarded transaction (${(full / normal).toFixed(1)}×); a provider batch takes 2-4 of them`);
store.close();
rmSync(dir, { recursive: true, force: true });
