// Cancel, retry, pilot and time limit working together (each case was a real defect found in review).
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runView } from '../../../src/main/api/run-view.ts';
import { Batch } from '../../../src/main/api/batch.ts';
import type { Provider } from '../../../src/main/core/provider.ts';
import { retryRun } from '../../../src/main/engine/retry.ts';
import { stopRun } from '../../../src/main/engine/run-lifecycle.ts';
import { DEMO_MODELS } from '../../../src/main/providers/demo/models.ts';
import { testEngine, textJobs, type TestEngine } from '../../helpers/engine.ts';
import { tempDir } from '../../helpers/cli.ts';

/** Wrap the demo provider so a test can act at the moment a batch is being created. */
async function hookCreates(engine: TestEngine, onCreate: (count: number) => Promise<void> | void): Promise<{ creates: () => number }> {
  const real = await engine.host.ctx.registry.provider('demo');
  let creates = 0;
  const hooked: Provider = {
    ...real,
    async create(input, opts) {
      creates += 1;
      await onCreate(creates);
      return real.create(input, opts);
    },
  };
  engine.host.ctx.registry.register('demo', DEMO_MODELS, () => hooked);
  return { creates: () => creates };
}

const finished = (engine: TestEngine, runId: string) => () => ['completed', 'cancelled'].includes(runView(engine.host.ctx, runId).status);

describe('stopping, retrying and pilots', () => {
  let engine: TestEngine;
  beforeEach(() => (engine = testEngine()));
  afterEach(() => engine.close());

  it('a cancel that lands while a batch is being created sends nothing more', async () => {
    let runId = '';
    const hook = await hookCreates(engine, (n) => {
      if (n === 1) stopRun(engine.host.ctx, runId, 'user');
    });
    runId = await engine.create({ jobs: textJobs(3), itemsPerBatch: 1 });
    await engine.runFor(60_000, 1000, finished(engine, runId));
    expect(hook.creates()).toBe(1);
    const view = runView(engine.host.ctx, runId);
    expect(view.status).toBe('cancelled');
    expect(view.jobs.cancelled).toBe(3);
  });

  it('a batch that falls back to planned while the run is cancelling does not hold the run forever', async () => {
    let runId = '';
    await hookCreates(engine, () => {
      stopRun(engine.host.ctx, runId, 'user');
      throw Object.assign(new Error('fetch failed'), { name: 'APIConnectionError' });
    });
    runId = await engine.create({ jobs: textJobs(2) });
    await engine.runFor(120_000, 1000, finished(engine, runId));
    expect(runView(engine.host.ctx, runId).status).toBe('cancelled');
  });

  it('retrying failed pilot jobs does not release the rest of the run', async () => {
    const jobs = textJobs(10, 'demo/echo', (i) => (i === 0 ? 'this one [[fail]]s' : `item ${i}`));
    const runId = await engine.create({ jobs, pilot: 2 });
    await engine.runFor(60_000, 1000, () => runView(engine.host.ctx, runId).status === 'awaiting_release');
    expect(runView(engine.host.ctx, runId).jobs).toMatchObject({ succeeded: 1, failed: 1, pending: 8 });
    await retryRun(engine.host.ctx, runId);
    await engine.runFor(60_000, 1000, () => runView(engine.host.ctx, runId).status === 'awaiting_release');
    const view = runView(engine.host.ctx, runId);
    expect(view.status).toBe('awaiting_release');
    expect(view.jobs.pending).toBe(8);
    expect(view.provider_batches.filter((b) => !b.is_pilot).every((b) => b.remote_id === null)).toBe(true);
  });

  it('a retry after the time limit passed gets the time limit afresh instead of being cancelled at once', async () => {
    const runId = await engine.create({ jobs: textJobs(2, 'demo/echo', (i) => (i === 0 ? '[[fail]]' : 'ok')), timeLimitMs: 60_000 });
    await engine.runFor(40_000, 1000, finished(engine, runId));
    engine.clock.advance(120_000);
    const retried = await retryRun(engine.host.ctx, runId);
    expect(retried.jobs).toBe(1);
    await engine.host.monitor.tick();
    expect(runView(engine.host.ctx, runId).status).toBe('running');
    expect(runView(engine.host.ctx, runId).provider_batches.filter((b) => b.remote_id)).toHaveLength(2);
  });
});

describe('Batch.run({ dryRun: true })', () => {
  it('returns the plan and stores and sends nothing', async () => {
    const dir = tempDir();
    try {
      const batch = new Batch({ home: dir.path }).defaults({ model: 'demo/echo' }).addJob({ messages: [{ role: 'user', content: 'hi' }] });
      const plan = await batch.run({ dryRun: true });
      expect(plan.batches).toHaveLength(1);
      expect(plan.batch_usd).toBeGreaterThan(0);
      const { Store } = await import('../../../src/main/store/store.ts');
      const store = Store.open(dir.path);
      expect(store.runs.list(10)).toHaveLength(0);
      store.close();
    } finally {
      dir.cleanup();
    }
  });
});
