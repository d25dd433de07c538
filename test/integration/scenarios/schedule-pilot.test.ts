// Issue 4 acceptance (seed 001 scheduling, pilot): a run scheduled 2 minutes ahead is submitted when due and not
// before (manual clock); a pilot of 10 out of 100 jobs submits 10, reports success rate, schema-valid rate and
// the cost projected to the whole run, and submits the other 90 only after release. Demo provider, whose
// simulated lifecycle follows the engine's clock.
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { runView } from '../../../src/main/api/run-view.ts';
import { releasePilot } from '../../../src/main/engine/run-lifecycle.ts';
import type { JsonSchema } from '../../../src/shared/domain.ts';
import { testEngine, textJobs, type TestEngine } from '../../helpers/engine.ts';

let engine: TestEngine;
afterEach(async () => engine?.close());

const remoteBatches = (e: TestEngine): string[] => {
  const folder = join(e.home, 'demo-remote');
  return existsSync(folder) ? readdirSync(folder).filter((n) => !n.startsWith('.')) : [];
};
const status = (e: TestEngine, runId: string) => e.host.store.runs.get(runId)!.status;

describe('schedule', () => {
  it('submits a run scheduled 2 minutes ahead when it is due, and not before', async () => {
    engine = testEngine();
    const { host, clock } = engine;
    const due = clock.now() + 2 * 60_000;
    const runId = await engine.create({ jobs: textJobs(3), scheduledAt: due });
    expect(status(engine, runId)).toBe('scheduled');
    while (clock.now() < due) {
      await host.monitor.tick();
      expect(status(engine, runId)).toBe('scheduled');
      expect(host.store.batches.forRun(runId).map((b) => b.status)).toEqual(['planned']);
      expect(host.store.intents.forBatch(host.store.batches.forRun(runId)[0]!.id)).toEqual([]);
      expect(remoteBatches(engine)).toEqual([]);
      clock.advance(Math.min(10_000, due - clock.now() - 1) || 1);
    }
    expect(clock.now()).toBe(due);
    await host.monitor.tick();
    expect(status(engine, runId)).toBe('running');
    const batch = host.store.batches.forRun(runId)[0]!;
    expect(batch.remote_id).not.toBeNull();
    expect(batch.submitted_at).toBe(due);
    expect(remoteBatches(engine)).toEqual([batch.remote_id]);
    await engine.runFor(60_000, 1000, () => status(engine, runId) === 'completed');
    expect(runView(host.ctx, runId).jobs).toMatchObject({ total: 3, succeeded: 3 });
  });
});

describe('pilot', () => {
  const schema: JsonSchema = { type: 'object', properties: { topic: { type: 'string' } }, required: ['topic'] };

  it('submits 10 of 100, reports its figures, and sends the other 90 only after release', async () => {
    engine = testEngine();
    const { host, clock } = engine;
    // Job 10 is in the pilot sample (every tenth job) and fails.
    const jobs = textJobs(100, 'demo/echo', (i) => (i === 10 ? `item ${i} [[fail]]` : `item ${i}: a paper about rivers`)).map((j) => ({ ...j, schema }));
    const runId = await engine.create({ jobs, pilot: 10, itemsPerBatch: 50 });

    await engine.runFor(120_000, 1000, () => status(engine, runId) === 'awaiting_release');
    expect(status(engine, runId)).toBe('awaiting_release');
    const sent = host.store.batches.forRun(runId).filter((b) => b.remote_id);
    expect(sent.map((b) => [b.is_pilot, b.request_count])).toEqual([[true, 10]]);
    expect(remoteBatches(engine)).toHaveLength(1);
    const counts = host.store.jobs.counts(runId);
    expect(counts).toMatchObject({ succeeded: 9, failed: 1, pending: 90 });

    const view = runView(host.ctx, runId);
    expect(view.pilot).toMatchObject({ jobs: 10, success_rate: 0.9, schema_valid_rate: 1, released: false });
    expect(view.pilot!.cost_usd).toBeGreaterThan(0);
    expect(view.pilot!.projected_cost_usd).toBeCloseTo(view.pilot!.cost_usd * 10, 10);
    const message = host.store.events.forRun(runId).find((ev) => ev.data?.status === 'awaiting_release')!.message;
    expect(message).toMatch(/^pilot finished: 90% of 10 jobs succeeded, costing \$[\d.]+; the other 90 jobs are re-estimated at \$[\d.]+ .*; release the rest or discard it$/);

    // Waiting changes nothing: the rest is not sent without a release.
    for (let i = 0; i < 10; i++) {
      clock.advance(3600_000);
      await host.monitor.tick();
    }
    expect(status(engine, runId)).toBe('awaiting_release');
    expect(remoteBatches(engine)).toHaveLength(1);
    expect(host.store.jobs.counts(runId).pending).toBe(90);

    releasePilot(host.ctx, runId);
    await engine.runFor(120_000, 1000, () => status(engine, runId) === 'completed');
    expect(status(engine, runId)).toBe('completed');
    expect(host.store.jobs.counts(runId)).toMatchObject({ total: 100, succeeded: 99, failed: 1 });
    const all = host.store.batches.forRun(runId);
    expect(all.filter((b) => !b.is_pilot).reduce((n, b) => n + b.request_count, 0)).toBe(90);
    expect(remoteBatches(engine).sort()).toEqual(all.map((b) => b.remote_id).sort());
    expect(Math.max(...[...host.store.jobs.iterate(runId)].map((j) => j.attempts))).toBe(1);
  });
});
