// Issue 13, fencing: two monitors on one data folder, in one process, on one manual clock, against each fake.
// (1) The first is held between its intent and its create past its lease; the second takes over, settles the
//     intent and creates the batch; when the first goes on, the fence stops its create: one remote batch.
// (2) The first's create reaches the provider, which carries it out only after the client gave up at the create's
//     deadline; the second takes over and creates the batch again. The late remote batch is found by the search
//     for late creates, cancelled at the provider and reported; nothing of it is ingested.
// The SIGSTOP version with child processes is in test/integration/crash/crash-sweep.test.ts.
import { afterEach, describe, expect, it } from 'vitest';
import { EngineHost } from '../../../src/main/api/engine-host.ts';
import { runView } from '../../../src/main/api/run-view.ts';
import { ManualClock } from '../../../src/main/core/clock.ts';
import type { Provider } from '../../../src/main/core/provider.ts';
import { storeRun } from '../../../src/main/engine/create-run.ts';
import { ANTHROPIC_MODELS } from '../../../src/main/providers/anthropic/models.ts';
import { GEMINI_MODELS } from '../../../src/main/providers/gemini/models.ts';
import { OPENAI_MODELS } from '../../../src/main/providers/openai/models.ts';
import { FakeClock } from '../../fakes/fake-http.ts';
import { startAnthropicFake } from '../../fakes/anthropic-server.ts';
import { startGeminiFake } from '../../fakes/gemini-server.ts';
import { startOpenAIFake } from '../../fakes/openai-server.ts';
import type { FakeProviderServer } from '../../fakes/types.ts';
import { cleanEnv, tempDir } from '../../helpers/cli.ts';
import { FAKE_PROVIDERS, fakeEnv, jobs, MODEL, type FakeProvider } from '../scenarios/harness.ts';

/** Long enough that the lease's real-time renewal (every third of it) never fires during a test. */
const LEASE_MS = 600_000;
const START = { openai: startOpenAIFake, anthropic: startAnthropicFake, gemini: startGeminiFake };
const MODELS = { openai: OPENAI_MODELS, anthropic: ANTHROPIC_MODELS, gemini: GEMINI_MODELS };
const CREATE: Record<FakeProvider, RegExp> = {
  openai: /^\/v1\/batches$/,
  anthropic: /^\/v1\/messages\/batches$/,
  gemini: /:batchGenerateContent$/,
};
const CANCEL = /cancel$/;

interface Pair {
  first: EngineHost;
  second: EngineHost;
  fake: FakeProviderServer;
  clock: ManualClock;
  advance(ms: number): void;
  runId: string;
}

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

async function pair(provider: FakeProvider): Promise<Pair> {
  const fake = await START[provider]({ clock: new FakeClock(), scenario: { validatingMs: 1_000, inProgressMs: 4_000, finalizingMs: 1_000 } });
  const clock = new ManualClock(fake.clock.now());
  const dir = tempDir('bd-fencing-');
  const host = () => new EngineHost({ home: dir.path, clock, env: cleanEnv(fakeEnv(provider, fake)), settings: { leaseMs: LEASE_MS, pollIntervalMs: 1_000, maxPollIntervalMs: 5_000 } });
  const first = host();
  const second = host();
  cleanups.push(() => dir.cleanup(), () => fake.close(), () => first.close(), () => second.close());
  const draft = { jobs: jobs(3, MODEL[provider]) };
  const { runId } = await storeRun(first.ctx, draft, { requireKeys: true });
  const advance = (ms: number) => {
    clock.advance(ms);
    fake.clock.advance(ms);
  };
  return { first, second, fake, clock, advance, runId };
}

/** Hold the first host's creates at a gate before they reach the adapter (the process is "frozen" there). */
async function gateCreates(host: EngineHost, provider: FakeProvider): Promise<{ reached: () => boolean; open: () => void }> {
  const real = await host.ctx.registry.provider(provider);
  let reached = false;
  let open = () => {};
  const gate = new Promise<void>((resolve) => (open = resolve));
  const gated: Provider = {
    ...real,
    async create(input, opts) {
      reached = true;
      await gate;
      return real.create(input, opts);
    },
  };
  host.ctx.registry.register(provider, MODELS[provider], () => gated);
  return { reached: () => reached, open };
}

async function until(check: () => boolean, what: string): Promise<void> {
  for (let i = 0; i < 4000 && !check(); i++) await new Promise((resolve) => setTimeout(resolve, 2));
  expect(check(), what).toBe(true);
}

/** Passes of `host` with time moving, until `done`. */
async function runUntil(p: Pair, host: EngineHost, done: () => boolean, maxMs = 600_000, stepMs = 1_000): Promise<void> {
  for (let t = 0; t <= maxMs && !done(); t += stepMs) {
    await host.monitor.tick();
    if (!done()) p.advance(stepMs);
  }
  expect(done()).toBe(true);
}

function boundRemoteIds(p: Pair): (string | null)[] {
  return p.second.store.batches.forRun(p.runId).map((b) => b.remote_id);
}

function expectEveryResultOnce(p: Pair): void {
  const view = runView(p.second.ctx, p.runId);
  expect(view.status).toBe('completed');
  expect(view.jobs).toMatchObject({ total: 3, succeeded: 3 });
  for (const job of p.second.store.jobs.iterate(p.runId)) expect(p.second.store.results.forJob(p.runId, job.seq)).toHaveLength(1);
  expect(p.second.store.intents.openIntents()).toEqual([]);
  expect(p.second.store.integrityCheck()).toBe('ok');
}

describe.each(FAKE_PROVIDERS)('%s: fencing between two monitors', (provider) => {
  it('a monitor held between its intent and its create past its lease sends nothing when it goes on', async () => {
    const p = await pair(provider);
    const gate = await gateCreates(p.first, provider);
    const firstPass = p.first.monitor.tick();
    await until(gate.reached, 'the first monitor opened its intent and is about to create');
    const intent = p.first.store.intents.openIntents()[0]!;
    expect(intent.epoch).toBe(1);

    p.advance(LEASE_MS + 1_000);
    expect(await p.second.monitor.tick(), 'the second monitor takes the expired lease').toBe(true);
    expect(p.second.store.leases.get('monitor')!.epoch).toBe(2);
    expect(p.second.store.intents.get(intent.id)!.state).toBe('abandoned');
    expect(boundRemoteIds(p)[0], 'the second monitor created the batch').toBeTruthy();

    gate.open();
    expect(await firstPass, 'the first monitor stops: it no longer holds the lease').toBe(false);
    expect(p.fake.batchesCreated(), 'the fence stopped the first create').toBe(1);

    await runUntil(p, p.second, () => runView(p.second.ctx, p.runId).status === 'completed');
    expectEveryResultOnce(p);
    expect(runView(p.second.ctx, p.runId).orphans).toEqual([]);
  });

  it('a create carried out after its client gave up is found, cancelled at the provider and reported', async () => {
    const p = await pair(provider);
    let held = false;
    let release = () => {};
    const released = new Promise<void>((resolve) => (release = resolve));
    p.fake.http.inject({ method: 'POST', path: CREATE[provider], fault: { kind: 'hold', release: released, onHeld: () => (held = true) } });
    const firstPass = p.first.monitor.tick();
    await until(() => held, 'the first create reached the provider, which holds it');

    // The lease runs out: the create's deadline aborts it on the client, and the second monitor takes over.
    p.advance(LEASE_MS + 1_000);
    expect(p.second.monitor.holdLease()).toBe(true);
    expect(await firstPass).toBe(false);
    await runUntil(p, p.second, () => boundRemoteIds(p)[0] !== null);
    const bound = boundRemoteIds(p)[0]!;

    // Now the provider carries out the first create as well.
    release();
    await until(() => p.fake.batchesCreated() === 2, 'the held create took effect');
    await runUntil(p, p.second, () => runView(p.second.ctx, p.runId).status === 'completed' && runView(p.second.ctx, p.runId).orphans.every((o) => o.state === 'cancelled') && runView(p.second.ctx, p.runId).orphans.length === 1, 3 * LEASE_MS, 30_000);

    const [orphan] = runView(p.second.ctx, p.runId).orphans;
    expect(orphan).toMatchObject({ provider, state: 'cancelled' });
    expect(orphan!.remote_id).not.toBe(bound);
    expect(boundRemoteIds(p)).toEqual([bound]);
    const cancels = p.fake.http.log.filter((r) => r.method === 'POST' && CANCEL.test(r.path));
    expect(cancels.map((r) => r.path).some((path) => path.includes(orphan!.remote_id.replace(/^batches\//, ''))), 'the orphan was cancelled at the provider').toBe(true);
    const warnings = p.second.store.events.forRun(p.runId).filter((e) => e.kind === 'warning' && e.data?.code === 'orphan_batch');
    expect(warnings).toHaveLength(1);
    expect(warnings[0]!.message).toContain(orphan!.remote_id);
    expectEveryResultOnce(p);
  });
});
