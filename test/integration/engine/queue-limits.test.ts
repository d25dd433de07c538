// Issue 16, queue-aware submission: OpenAI limits the input tokens an organisation may have enqueued per model, and a
// batch over the limit fails with token_limit_exceeded. A 20M-token run against a fake with a 2M limit is split to
// fit and sent batch after batch: it completes with no failed batch, and the fake never sees the limit exceeded.
// When the limit is higher than the organisation's real one, a refused batch is backpressure: sent again later, and
// no job fails.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { runView } from '../../../src/main/api/run-view.ts';
import type { RemoteBatch } from '../../../src/main/core/provider.ts';
import { requeueIfQueueFull } from '../../../src/main/engine/queue-limits.ts';
import { inspectFile } from '../../../src/main/inputs/inspect/index.ts';
import type { JobSpec } from '../../../src/shared/domain.ts';
import type { OpenAIFakeServer } from '../../fakes/openai-server.ts';
import { tempDir } from '../../helpers/cli.ts';
import { sizedJpeg } from '../../helpers/sample-files.ts';
import { fakeEngine, type FakeEngine } from '../scenarios/harness.ts';

const MODEL = 'openai/gpt-4o-mini';
const LIMIT = 2_000_000;

let engine: FakeEngine;
let files: ReturnType<typeof tempDir>;
afterEach(async () => {
  await engine.close();
  files.cleanup();
});

/** `count` jobs, each a 2048 × 2048 scan (~25,500 input tokens on gpt-4o-mini by OpenAI's image rule). */
async function scanJobs(count: number): Promise<JobSpec[]> {
  files = tempDir();
  const path = join(files.path, 'scan.jpg');
  writeFileSync(path, sizedJpeg(2048, 2048));
  const file = await inspectFile(path);
  return Array.from({ length: count }, (_, i) => ({ id: `scan-${i}`, label: `scan-${i}`, model: MODEL, endpoint: 'chat', params: { max_tokens: 50 }, file, prompt: `Transcribe page ${i}.` }));
}

function expectCompletedWithoutFailure(runId: string): void {
  const view = runView(engine.host.ctx, runId);
  expect(view.status).toBe('completed');
  expect(view.jobs.failed).toBe(0);
  expect(view.jobs.succeeded).toBe(view.jobs.total);
  expect(view.provider_batches.every((b) => b.status === 'completed')).toBe(true);
}

describe('queue-aware submission (OpenAI enqueued-token limit)', () => {
  it('a 20M-token run against a 2M limit completes with no failed batch, never exceeding the limit', async () => {
    engine = await fakeEngine('openai', { enqueuedTokenLimit: LIMIT });
    const fake = engine.fake as OpenAIFakeServer;
    const runId = await engine.create({ jobs: await scanJobs(800) });
    const estimated = [...engine.host.store.jobs.iterate(runId)].reduce((sum, j) => sum + (j.estimated_input_tokens ?? 0), 0);
    expect(estimated).toBeGreaterThan(20_000_000);
    const batches = runView(engine.host.ctx, runId).provider_batches;
    expect(batches.length).toBeGreaterThanOrEqual(11);

    await engine.runUntil(() => runView(engine.host.ctx, runId).status === 'completed', 900_000);

    expectCompletedWithoutFailure(runId);
    expect(fake.queueRejections()).toBe(0);
    expect(fake.peakEnqueuedTokens()).toBeLessThanOrEqual(LIMIT);
    expect(fake.peakEnqueuedTokens()).toBeGreaterThan(LIMIT / 2);
    expect(fake.batchesCreated()).toBe(batches.length);
  }, 120_000);

  it('a batch refused with token_limit_exceeded is sent again later, and no job fails', async () => {
    engine = await fakeEngine('openai', { enqueuedTokenLimit: LIMIT });
    const fake = engine.fake as OpenAIFakeServer;
    // Told 3.5M (the organisation's real limit is 2M): the engine sends what the fake refuses.
    const runId = await engine.create({ jobs: await scanJobs(120), itemsPerBatch: 30, maxEnqueuedTokens: 3_500_000 });

    await engine.runUntil(() => runView(engine.host.ctx, runId).status === 'completed', 600_000);

    expect(fake.queueRejections()).toBeGreaterThan(0);
    expectCompletedWithoutFailure(runId);
    const warnings = engine.host.store.events.forRun(runId).filter((e) => e.kind === 'warning' && /enqueued-token limit/.test(e.message));
    expect(warnings.length).toBe(fake.queueRejections());
    expect([...engine.host.store.jobs.iterate(runId)].every((j) => j.attempts === 1)).toBe(true);
    // Every remote batch ever created stays known (the refused ones through their create intents), so a search for
    // a later create never takes a refused batch for it.
    expect(engine.host.store.batches.remoteIds('openai').size).toBe(fake.batchesCreated());

    // A stale refusal (a monitor that froze before writing it) of a batch sent again since changes nothing.
    const [sent] = engine.host.store.batches.forRun(runId);
    const stale = { ...sent!, remote_id: 'batch_refused_long_ago' };
    const refusal = { remoteId: 'batch_refused_long_ago', status: 'failed', counts: null, countsLive: false, errors: [{ code: 'token_limit_exceeded', message: 'queue full' }] } as unknown as RemoteBatch;
    expect(requeueIfQueueFull(engine.host.ctx, stale, refusal)).toBe(true);
    expect(engine.host.store.batches.get(sent!.id)).toMatchObject({ status: 'completed', remote_id: sent!.remote_id });
    expectCompletedWithoutFailure(runId);
  }, 120_000);
});
