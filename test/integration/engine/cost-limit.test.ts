// Issue 2 acceptance: with a cost limit below the run's estimate, only what fits is submitted and the rest is
// reported as not submitted because of the limit.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { COST_LIMIT_REASON } from '../../../src/main/engine/cost-tracker.ts';
import { runView } from '../../../src/main/api/run-view.ts';
import { testEngine, textJobs, type TestEngine } from '../../helpers/engine.ts';

describe('cost limit', () => {
  let engine: TestEngine;
  beforeEach(() => (engine = testEngine()));
  afterEach(() => engine.close());

  it('submits only the jobs that fit and reports the rest as not submitted', async () => {
    const jobs = textJobs(10);
    const { planRun } = await import('../../../src/main/engine/create-run.ts');
    const plan = await planRun(engine.host.ctx, { jobs }, { requireKeys: true });
    const perJob = plan.per_model[0]!.batch_usd! / plan.jobs;
    const limit = perJob * 3.5;
    expect(limit).toBeLessThan(plan.estimated_usd!);

    const runId = await engine.create({ jobs, costLimitUsd: limit, itemsPerBatch: 4 });
    await engine.runFor(60_000, 1000, () => runView(engine.host.ctx, runId).status === 'completed');

    const view = runView(engine.host.ctx, runId);
    expect(view.status).toBe('completed');
    expect(view.jobs).toMatchObject({ total: 10, succeeded: 3, cancelled: 7 });
    const submitted = view.provider_batches.filter((b) => b.remote_id);
    expect(submitted).toHaveLength(1);
    expect(submitted[0]!.request_count).toBe(3);
    const notSent = [...engine.host.store.jobs.iterate(runId, `status = 'cancelled'`)];
    expect(notSent.every((j) => j.error === COST_LIMIT_REASON && j.error_category === 'cost_limit' && j.attempts === 0)).toBe(true);
    expect(view.cost_usd.actual).toBeLessThanOrEqual(limit);
    expect(engine.host.store.events.forRun(runId).some((e) => e.kind === 'warning' && /cost limit/.test(e.message))).toBe(true);
  });

  it('sends everything when the estimate fits', async () => {
    const jobs = textJobs(6);
    const runId = await engine.create({ jobs, costLimitUsd: 10, itemsPerBatch: 4 });
    await engine.runFor(60_000, 1000, () => runView(engine.host.ctx, runId).status === 'completed');
    expect(runView(engine.host.ctx, runId).jobs).toMatchObject({ succeeded: 6, cancelled: 0 });
  });

  it('refuses a cost limit over a model without a known price', async () => {
    const jobs = textJobs(1, 'openai/some-future-model');
    const other = testEngine({ OPENAI_API_KEY: 'sk-test' });
    try {
      await expect(other.create({ jobs, costLimitUsd: 1 })).rejects.toThrow(/no known price.*cost limit/);
    } finally {
      await other.close();
    }
  });
});
