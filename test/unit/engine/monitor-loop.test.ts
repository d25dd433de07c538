// Issue 12, monitor hygiene: the monitor's sleeps (driven by a manual clock) leave no listener behind on its stop
// signal, and a poke that arrives while a pass runs gives exactly one more pass: nothing it asked for is missed.
import { getEventListeners } from 'node:events';
import { afterEach, describe, expect, it } from 'vitest';
import { ManualClock } from '../../../src/main/core/clock.ts';
import { createContext } from '../../../src/main/engine/context.ts';
import { Monitor } from '../../../src/main/engine/monitor.ts';
import { ProviderRegistry } from '../../../src/main/providers/registry.ts';
import { Store } from '../../../src/main/store/store.ts';
import { tempDir } from '../../helpers/cli.ts';

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

function monitorOn(clock: ManualClock): { monitor: Monitor; store: Store; registry: ProviderRegistry } {
  const dir = tempDir('bd-monitor-');
  const store = Store.open(dir.path);
  const registry = new ProviderRegistry();
  const ctx = createContext({ store, registry, clock, settings: { pollIntervalMs: 1000, maxPollIntervalMs: 5000, leaseMs: 30_000, maxConcurrentCalls: 2, longRunningWarnMs: 1e9, maxAttempts: 3, ingestChunkSize: 500 } });
  const monitor = new Monitor(ctx);
  cleanups.push(() => dir.cleanup(), () => store.close(), () => monitor.stop());
  return { monitor, store, registry };
}

async function until(check: () => boolean, what: string): Promise<void> {
  for (let i = 0; i < 2000 && !check(); i++) await new Promise((resolve) => setImmediate(resolve));
  expect(check(), what).toBe(true);
}

describe('monitor loop', () => {
  it('1,000 sleeps leave no accumulated abort listeners', async () => {
    const clock = new ManualClock();
    const { monitor } = monitorOn(clock);
    monitor.start({ keepAlive: false });
    for (let i = 1; i <= 1000; i++) {
      await until(() => clock.pendingSleeps === 1, `sleep ${i} begins`);
      clock.advance(1000);
      await until(() => monitor.passCount >= i + 1, `pass ${i + 1} runs`);
    }
    expect(monitor.passCount).toBeGreaterThanOrEqual(1001);
    expect(getEventListeners(monitor.stopSignal, 'abort').length).toBeLessThanOrEqual(1);
  });

  it('a poke during a pass gives exactly one more pass; a poke while asleep wakes it', async () => {
    const clock = new ManualClock();
    const { monitor, store, registry } = monitorOn(clock);
    // One live batch whose status check the test holds: while it is held, a pass is in progress.
    let release = () => {};
    let polls = 0;
    registry.register('demo', [], () => ({
      name: 'demo',
      limits: { maxRequests: 10, maxBytes: 1e6 },
      simulated: true,
      validateJob: () => [],
      requestLine: async () => ({}),
      create: async () => { throw new Error('not used'); },
      findBatch: async () => null,
      cancel: async () => { throw new Error('not used'); },
      download: async () => [],
      parseResults: async function* () {},
      poll: async (remoteId) => {
        polls += 1;
        if (polls === 2) await new Promise<void>((resolve) => (release = resolve));
        return { remoteId, status: 'in_progress', counts: null, countsLive: true };
      },
    }));
    const now = clock.now();
    store.runs.insert({ id: 'r1', name: 'r1', status: 'running', created_at: now, updated_at: now, finished_at: null, scheduled_at: null, deadline_at: null, cost_limit_usd: null, estimated_usd: null, options: {}, simulated: true });
    store.batches.insert({ id: 'b1', run_id: 'r1', provider: 'demo', model: 'demo/echo', endpoint: 'chat', request_count: 0, estimated_usd: null, created_at: now, is_pilot: false });
    store.batches.recordSubmitted('b1', { remoteId: 'remote-1', status: 'in_progress', counts: null, countsLive: true }, null, now, now);

    monitor.start({ keepAlive: false });
    await until(() => monitor.passCount === 1 && clock.pendingSleeps === 1, 'first pass done, asleep');

    // Asleep: a poke wakes it; this pass polls again (the poll is due) and is held there.
    clock.advance(5000);
    await until(() => polls === 2, 'second pass is polling');
    // During the pass: three pokes → exactly one more pass after it, then asleep.
    monitor.poke();
    monitor.poke();
    monitor.poke();
    release();
    await until(() => monitor.passCount === 3 && clock.pendingSleeps === 1, 'one more pass, then asleep');
    for (let i = 0; i < 100; i++) await new Promise((resolve) => setImmediate(resolve));
    expect(monitor.passCount).toBe(3);
  });
});
