// Issue 2 and issue 13 acceptance: a cost limit is checked against the run's ceiling (every job using its max
// tokens) before anything is stored. Below it the run is refused, naming the typical figure, the ceiling and the
// ways on; with allowPartial the jobs that fit are submitted and the rest is reported as not submitted.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runView } from '../../../src/main/api/run-view.ts';
import { InputError } from '../../../src/main/core/errors.ts';
import { estimateOf } from '../../../src/main/api/commands/estimate.ts';
import { planRun } from '../../../src/main/engine/create-run.ts';
import { COST_LIMIT_REASON } from '../../../src/main/engine/cost-tracker.ts';
import { testEngine, textJobs, type TestEngine } from '../../helpers/engine.ts';

describe('cost limit', () => {
  let engine: TestEngine;
  beforeEach(() => (engine = testEngine()));
  afterEach(() => engine.close());

  async function perJob(count: number) {
    const jobs = textJobs(count);
    const plan = await planRun(engine.host.ctx, { jobs }, { requireKeys: true });
    const totals = plan.per_model[0]!;
    // textJobs are alike: each job is the model's average.
    return { jobs, typical: totals.batch_usd! / totals.jobs, ceiling: totals.batch_usd_max! / totals.jobs };
  }

  it('refuses a limit below the ceiling before anything is stored, naming both figures and the ways on', async () => {
    const { jobs, typical, ceiling } = await perJob(10);
    expect(ceiling).toBeGreaterThan(typical);
    // Above the typical cost, below the ceiling: still refused (the ceiling is what the limit guarantees).
    const limit = typical * 10 * 1.5;
    expect(limit).toBeLessThan(ceiling * 10);
    const error = await engine.create({ jobs, costLimitUsd: limit }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(InputError);
    const message = (error as Error).message;
    expect(message).toMatch(/typically \$0\.\d+, at most \$0\.\d+ if every job uses all of its max_tokens/);
    expect(message).toMatch(/raise the limit.*--pilot.*--allow-partial: \d+ of 10 jobs/);
    expect(engine.host.store.runs.list(10)).toEqual([]);
  });

  it('with allowPartial submits the jobs that fit at their ceiling and reports the rest as not submitted', async () => {
    const { jobs, ceiling } = await perJob(10);
    const limit = ceiling * 3.5;
    // The dry run says so first: what is left out, and that the figures are of the rest.
    const preview = estimateOf(await planRun(engine.host.ctx, { jobs, costLimitUsd: limit, itemsPerBatch: 4, allowPartial: true }, { requireKeys: true }));
    expect(preview.warnings).toContain('the cost limit leaves out 7 jobs of 10 (allow partial): 3 jobs would be sent, and the figures are for them');
    expect(preview.per_model[0]!.jobs).toBe(3);
    const runId = await engine.create({ jobs, costLimitUsd: limit, itemsPerBatch: 4, allowPartial: true });
    expect(runView(engine.host.ctx, runId).jobs).toMatchObject({ total: 10, pending: 3, cancelled: 7 });
    await engine.runFor(60_000, 1000, () => runView(engine.host.ctx, runId).status === 'completed');

    const view = runView(engine.host.ctx, runId);
    expect(view.status).toBe('completed');
    expect(view.jobs).toMatchObject({ total: 10, succeeded: 3, cancelled: 7 });
    const submitted = view.provider_batches.filter((b) => b.remote_id);
    expect(submitted.map((b) => b.request_count)).toEqual([3]);
    const notSent = [...engine.host.store.jobs.iterate(runId, `status = 'cancelled'`)];
    expect(notSent.map((j) => j.seq)).toEqual([3, 4, 5, 6, 7, 8, 9]);
    expect(notSent.every((j) => j.error === COST_LIMIT_REASON && j.error_category === 'cost_limit' && j.attempts === 0)).toBe(true);
    expect(view.cost_usd.actual).toBeLessThanOrEqual(limit);
  });

  it('with a pilot, accepts a limit the pilot fits under', async () => {
    const { jobs, ceiling } = await perJob(10);
    const runId = await engine.create({ jobs, costLimitUsd: ceiling * 2.5, pilot: 2 });
    expect(runView(engine.host.ctx, runId).jobs.pending).toBe(10);
    await expect(engine.create({ jobs, costLimitUsd: ceiling * 2.5, pilot: 5 })).rejects.toThrow(/below what even the pilot may cost/);
  });

  it('sends everything when the ceiling fits', async () => {
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
