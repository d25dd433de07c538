// Issue 13 acceptance, one test per error class against the fakes (the real SDKs, a manual clock):
// - 400 on upload (Anthropic: on create, it has no upload): the batch fails with the provider's message, the run ends;
// - 401: the run is blocked with "key rejected" and the reason; the provider is asked once per retry, not once per
//   batch per pass (no retry storm), and the backoff grows;
// - 404 on poll: the batch failed as lost, its jobs with that reason, the run ends;
// - 404 on cancel: the cancel completes here.
// Connection refused through the CLI is in test/integration/cli/blocked.test.ts.
import { afterEach, describe, expect, it } from 'vitest';
import { runView } from '../../../src/main/api/run-view.ts';
import { stopRun } from '../../../src/main/engine/run-lifecycle.ts';
import type { JobSpec } from '../../../src/shared/domain.ts';
import { FAKE_PROVIDERS, fakeEngine, jobs, MODEL, settled, type FakeEngine, type FakeProvider } from './harness.ts';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;

/** The first call that carries the requests to each provider (Gemini embeddings go as an uploaded file). */
const SEND: Record<FakeProvider, { path: RegExp; what: string }> = {
  openai: { path: /^\/v1\/files$/, what: 'upload' },
  anthropic: { path: /^\/v1\/messages\/batches$/, what: 'batch' },
  gemini: { path: /^\/upload\/v1(beta)?\/files$/, what: 'upload' },
};
const POLL: Record<FakeProvider, RegExp> = {
  openai: /^\/v1\/batches\/batch_[^/]+$/,
  anthropic: /^\/v1\/messages\/batches\/msgbatch_[^/]+$/,
  gemini: /^\/v1(beta)?\/batches\/[^/:]+$/,
};
const CANCEL: Record<FakeProvider, RegExp> = {
  openai: /^\/v1\/batches\/[^/]+\/cancel$/,
  anthropic: /^\/v1\/messages\/batches\/[^/]+\/cancel$/,
  gemini: /^\/v1(beta)?\/batches\/[^/:]+:cancel$/,
};

function jobsFor(provider: FakeProvider, count: number): JobSpec[] {
  if (provider !== 'gemini') return jobs(count, MODEL[provider]);
  return Array.from({ length: count }, (_, i) => ({ id: `e${i}`, label: `e${i}`, model: 'gemini/gemini-embedding-001', endpoint: 'embeddings' as const, params: {}, input: `text number ${i}` }));
}

function errorBody(provider: FakeProvider, status: number, message: string): unknown {
  if (provider === 'gemini') return { error: { code: status, message, status: status === 401 ? 'UNAUTHENTICATED' : status === 404 ? 'NOT_FOUND' : 'INVALID_ARGUMENT' } };
  if (provider === 'anthropic') return { type: 'error', error: { type: status === 401 ? 'authentication_error' : status === 404 ? 'not_found_error' : 'invalid_request_error', message } };
  return { error: { message, type: status === 401 ? 'invalid_request_error' : 'invalid_request_error', code: status === 401 ? 'invalid_api_key' : null } };
}

let engine: FakeEngine;
afterEach(() => engine?.close());

const warnings = (e: FakeEngine, runId: string, code: string) => e.host.store.events.forRun(runId).filter((ev) => ev.kind === 'warning' && ev.data?.code === code);

describe.each(FAKE_PROVIDERS)('%s: error classes', (provider) => {
  it(`400 on the ${SEND[provider].what}: the batch fails with the provider's message and the run ends`, async () => {
    engine = await fakeEngine(provider);
    const runId = await engine.create({ jobs: jobsFor(provider, 3) });
    const message = 'Invalid file format: line 2 is not a JSON object';
    engine.fake.http.inject({ method: 'POST', path: SEND[provider].path, times: 100, fault: { kind: 'status', status: 400, body: errorBody(provider, 400, message) } });
    await engine.runUntil(() => settled(engine, runId), 10 * MINUTE);

    const view = runView(engine.host.ctx, runId);
    expect(view.status).toBe('completed');
    expect(view.jobs).toMatchObject({ total: 3, failed: 3 });
    const [batch] = view.provider_batches;
    expect(batch).toMatchObject({ status: 'failed', remote_id: null, blocked: null });
    expect(batch!.last_error).toContain(message);
    for (const job of engine.jobsOf(runId)) expect(job).toMatchObject({ status: 'failed', error_category: 'invalid_request', error: expect.stringContaining(message) });
    expect(engine.fake.http.log.filter((r) => SEND[provider].path.test(r.path)), 'refused once, never retried').toHaveLength(1);
    expect(engine.fake.batchesCreated()).toBe(0);
    expect(warnings(engine, runId, provider === 'anthropic' ? 'create_refused' : 'upload_refused')).toHaveLength(1);
    expect(engine.host.store.intents.openIntents()).toEqual([]);
  });

  it('401: the run is blocked with "key rejected", asked once per retry with a growing backoff, and goes on once the key works', async () => {
    engine = await fakeEngine(provider, {}, { settings: { maxPollIntervalMs: 10 * MINUTE } });
    const runId = await engine.create({ jobs: jobsFor(provider, 6), itemsPerBatch: 2 });
    const refusal = { method: 'POST', path: SEND[provider].path, times: 1e6, fault: { kind: 'status' as const, status: 401, body: errorBody(provider, 401, 'Incorrect API key provided.') } };
    engine.fake.http.inject(refusal);
    await engine.runUntil(() => false, HOUR, 30_000);

    const view = runView(engine.host.ctx, runId);
    expect(view.status).toBe('running');
    expect(view.blocked?.reason).toMatch(new RegExp(`key rejected by ${provider} \\(401\\): .*Incorrect API key provided`));
    expect(view.blocked!.retry_at).toBeGreaterThanOrEqual(engine.clock.now());
    expect(view.provider_batches.every((b) => b.blocked !== null && b.status === 'planned')).toBe(true);
    expect(view.jobs.pending).toBe(6);
    const attempts = engine.fake.http.log.filter((r) => SEND[provider].path.test(r.path));
    // Three batches, one hour: a storm would be a call per batch per pass (360); backing off 2 s, 4 s, … to 10 min
    // with the provider held as a whole is about 15.
    expect(attempts.length).toBeLessThanOrEqual(16);
    const gaps = attempts.slice(1).map((r, i) => r.at - attempts[i]!.at);
    expect(gaps.at(-1)!).toBeGreaterThanOrEqual(gaps[0]!);

    engine.fake.http.faults.splice(0);
    await engine.runUntil(() => settled(engine, runId), 2 * HOUR, 30_000);
    expect(runView(engine.host.ctx, runId)).toMatchObject({ status: 'completed', jobs: { succeeded: 6 }, blocked: null });
  });

  it('404 on poll: the batch failed as lost, and the run ends', async () => {
    engine = await fakeEngine(provider);
    const runId = await engine.create({ jobs: jobs(2, MODEL[provider]) });
    await engine.runUntil(() => engine.host.store.batches.forRun(runId)[0]!.remote_id !== null);
    engine.fake.http.inject({ method: 'GET', path: POLL[provider], times: 100, fault: { kind: 'status', status: 404, body: errorBody(provider, 404, 'No batch found with that id') } });
    await engine.runUntil(() => settled(engine, runId), 10 * MINUTE);

    const view = runView(engine.host.ctx, runId);
    expect(view.status).toBe('completed');
    expect(view.provider_batches[0]).toMatchObject({ status: 'failed', blocked: null });
    expect(view.provider_batches[0]!.last_error).toMatch(new RegExp(`^lost: ${provider} no longer knows batch`));
    for (const job of engine.jobsOf(runId)) expect(job.error).toMatch(/^lost: /);
    expect(view.jobs.failed).toBe(2);
    expect(warnings(engine, runId, 'batch_lost')).toHaveLength(1);
  });

  it('404 on cancel: the cancel completes here', async () => {
    engine = await fakeEngine(provider, { inProgressMs: 2 * HOUR });
    const runId = await engine.create({ jobs: jobs(2, MODEL[provider]) });
    await engine.runUntil(() => engine.host.store.batches.forRun(runId)[0]!.status === 'in_progress');
    engine.fake.http.inject({ method: 'POST', path: CANCEL[provider], times: 100, fault: { kind: 'status', status: 404, body: errorBody(provider, 404, 'No batch found with that id') } });
    stopRun(engine.host.ctx, runId, 'user');
    await engine.runUntil(() => settled(engine, runId), 10 * MINUTE);

    const view = runView(engine.host.ctx, runId);
    expect(view.status).toBe('cancelled');
    expect(view.provider_batches[0]).toMatchObject({ status: 'cancelled', blocked: null });
    expect(view.jobs.cancelled).toBe(2);
    expect(engine.fake.http.log.filter((r) => CANCEL[provider].test(r.path))).toHaveLength(1);
  });
});
