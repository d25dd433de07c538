import { expect, it } from 'vitest';
import { fakeEngine, settled } from '../scenarios/harness.ts';

it('anthropic: an ambiguous create next to a same-size batch', async () => {
  const e = await fakeEngine('anthropic');
  try {
    const runId = await e.create({ count: 4, itemsPerBatch: 2 });
    let n = 0;
    e.fake.http.inject({ method: 'POST', path: { test: (p: string) => p === '/v1/messages/batches' && ++n === 2 } as RegExp, fault: { kind: 'status-after-effect', status: 500 } });
    await e.runUntil(() => settled(e, runId), 60_000);
    console.log(e.host.store.batches.forRun(runId).map((b) => [b.remote_id, b.status]), e.fake.batchesCreated());
    console.log(e.jobsOf(runId).map((j) => [j.seq, j.status, j.error]));
  } finally {
    await e.close();
  }
});
