// Issue 15 acceptance: after a 5% pilot whose outputs are 3× the default assumption, the rest of the run is
// re-estimated from the tokens the pilot measured, with an interval, before release; that re-estimate is within
// 10% of what the rest then costs.
import { afterEach, describe, expect, it } from 'vitest';
import { runView } from '../../../src/main/api/run-view.ts';
import { fakeEngine, jobs, MODEL, settled, type FakeEngine } from './harness.ts';

let engine: FakeEngine | null = null;
afterEach(async () => {
  await engine?.close();
  engine = null;
});

describe('pilot calibration', () => {
  it('re-estimates the rest from the pilot within 10% of its final cost', async () => {
    const model = MODEL.openai;
    // No max_tokens: the estimate assumes the model's typical output; the fake bills 3× that for every answer.
    const draftJobs = jobs(200, model, (i) => `survey answer ${i}: the service was slow but the staff were kind`).map((j) => ({ ...j, params: {} }));
    engine = await fakeEngine('openai');
    const runId = await engine.create({ jobs: draftJobs, pilot: 0.05 });
    const typical = engine.jobsOf(runId)[0]!.estimated_output_tokens!;
    engine.fake.scenario.outputTokens = typical * 3;

    await engine.runUntil(() => settled(engine!, runId));
    const held = runView(engine.host.ctx, runId);
    expect(held.status).toBe('awaiting_release');
    const rest = held.pilot!.rest!;
    expect(rest.jobs).toBe(190);
    expect(rest.output_ratio).toBeCloseTo(3, 1);
    expect(rest.calibrated_usd!).toBeGreaterThan(rest.estimated_usd! * 1.5);
    expect(rest.low_usd!).toBeLessThanOrEqual(rest.calibrated_usd!);
    expect(rest.high_usd!).toBeGreaterThanOrEqual(rest.calibrated_usd!);
    const message = engine.host.store.events.forRun(runId).find((e) => e.data?.status === 'awaiting_release')!.message;
    expect(message).toMatch(/the other 190 jobs are re-estimated at \$[\d.]+ \(95% interval \$[\d.]+–\$[\d.]+\)/);

    const pilotCost = held.cost_usd.actual;
    engine.host.ctx.store.runs.update(runId, { options: { ...engine.host.store.runs.get(runId)!.options, pilotReleased: true } }, engine.clock.now());
    engine.host.store.runs.setStatus(runId, 'running', engine.clock.now());
    await engine.runUntil(() => settled(engine!, runId));
    const done = runView(engine.host.ctx, runId);
    expect(done.status).toBe('completed');
    const restCost = done.cost_usd.actual - pilotCost;
    expect(Math.abs(rest.calibrated_usd! - restCost) / restCost).toBeLessThan(0.1);
    // The estimate made before the pilot was far off: that is what the pilot is for.
    expect(Math.abs(rest.estimated_usd! - restCost) / restCost).toBeGreaterThan(0.3);
  });
});
