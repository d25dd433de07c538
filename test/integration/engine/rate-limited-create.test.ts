// Issue 16: a create answered 429 (rate limited) on any provider waits for its Retry-After before the batch is sent
// again, then goes out once; no job fails for it. The engine's and the fake's clocks move together (ManualClock).
import { afterEach, describe, expect, it } from 'vitest';
import { runView } from '../../../src/main/api/run-view.ts';
import { FAKE_PROVIDERS, fakeEngine, type FakeEngine } from '../scenarios/harness.ts';

const CREATE: Record<(typeof FAKE_PROVIDERS)[number], RegExp> = {
  openai: /^\/v1\/batches$/,
  anthropic: /^\/v1\/messages\/batches$/,
  gemini: /:batchGenerateContent$/,
};
const RETRY_AFTER_S = 120;
/** Google's APIs send no Retry-After header: a 429 says how long to wait in a google.rpc.RetryInfo in its body. */
const GEMINI_429 = { error: { code: 429, message: 'Resource has been exhausted (e.g. check quota).', status: 'RESOURCE_EXHAUSTED', details: [{ '@type': 'type.googleapis.com/google.rpc.RetryInfo', retryDelay: `${RETRY_AFTER_S}s` }] } };

let engine: FakeEngine;
afterEach(() => engine.close());

describe.each(FAKE_PROVIDERS)('%s: a rate-limited create', (provider) => {
  it(`waits ${RETRY_AFTER_S} s (Retry-After) before sending again, then the run completes`, async () => {
    engine = await fakeEngine(provider);
    engine.fake.http.inject({ method: 'POST', path: CREATE[provider], fault: provider === 'gemini' ? { kind: 'status', status: 429, body: GEMINI_429 } : { kind: 'status', status: 429, retryAfterSeconds: RETRY_AFTER_S } });
    const creates = () => engine.fake.http.log.filter((r) => r.method === 'POST' && CREATE[provider].test(r.path));
    const runId = await engine.create({ count: 3 });

    await engine.host.monitor.tick();
    expect(creates().map((r) => r.status)).toEqual([429]);
    await engine.runUntil(() => creates().length > 1, (RETRY_AFTER_S - 2) * 1000);
    expect(creates()).toHaveLength(1);

    await engine.runUntil(() => runView(engine.host.ctx, runId).status === 'completed', 120_000);
    expect(creates().map((r) => r.status)).toEqual([429, 200]);
    expect(engine.fake.batchesCreated()).toBe(1);
    expect(runView(engine.host.ctx, runId).jobs).toMatchObject({ total: 3, succeeded: 3, failed: 0 });
  });
});
