// Issue 16, adaptive polling: with default settings (30 s poll interval) a batch is checked soon after it is sent
// (5 s, then doubling), so a 5 s demo batch is seen finished within 10 s of its completion, not a full interval
// later. The monitor runs its own loop on a manual clock; the test only moves time.
import { afterEach, describe, expect, it } from 'vitest';
import { EngineHost } from '../../../src/main/api/engine-host.ts';
import { runView } from '../../../src/main/api/run-view.ts';
import { ManualClock } from '../../../src/main/core/clock.ts';
import { DEFAULT_SETTINGS } from '../../../src/main/engine/context.ts';
import { createRun } from '../../../src/main/engine/create-run.ts';
import { nextPollInterval } from '../../../src/main/engine/poller.ts';
import { cleanEnv, tempDir } from '../../helpers/cli.ts';
import { textJobs } from '../../helpers/engine.ts';

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

async function settle(clock: ManualClock, host: EngineHost): Promise<void> {
  // The loop is asleep again once its pass is done: no pass running, one sleep pending (a pass that sends a batch
  // sleeps on its lease deadline meanwhile, and its file I/O takes real time).
  for (let i = 0; i < 50_000; i++) {
    await new Promise((resolve) => setImmediate(resolve));
    if (clock.pendingSleeps === 1 && !host.monitor.busy && i > 20) return;
  }
}

describe('adaptive polling', () => {
  it('checks a fresh batch at 5 s, then doubling up to the interval, then by age', () => {
    const ctx = { settings: DEFAULT_SETTINGS } as Parameters<typeof nextPollInterval>[0];
    const waits: number[] = [];
    for (let at = 0; waits.length < 6; ) {
      const wait = nextPollInterval(ctx, { submitted_at: 0 }, at);
      waits.push(wait);
      at += wait;
    }
    expect(waits).toEqual([5_000, 5_000, 10_000, 20_000, 30_000, 30_000]);
  });

  it('a 5 s demo batch is seen finished within 10 s of its completion with default settings', async () => {
    const dir = tempDir();
    const clock = new ManualClock();
    const host = new EngineHost({ home: dir.path, clock, env: cleanEnv({ BATCHDESK_DEMO_SECONDS: '5', BATCHDESK_POLL_INTERVAL_MS: '' }) });
    cleanups.push(() => dir.cleanup(), () => host.close());
    expect(host.ctx.settings.pollIntervalMs).toBe(DEFAULT_SETTINGS.pollIntervalMs);

    const { runId } = await createRun(host.ctx, { jobs: textJobs(3) });
    host.monitor.start({ keepAlive: false });
    await settle(clock, host);
    const sent = runView(host.ctx, runId).provider_batches[0]!;
    expect(sent.remote_id).not.toBeNull();
    const finishesAt = clock.now() + 5_000;

    while (runView(host.ctx, runId).status !== 'completed' && clock.now() < finishesAt + 60_000) {
      clock.advance(250);
      await settle(clock, host);
    }
    expect(runView(host.ctx, runId).status).toBe('completed');
    expect(clock.now() - finishesAt).toBeLessThanOrEqual(10_000);
  });
});
