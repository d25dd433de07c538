// Issue 4 acceptance: a fault (429 with Retry-After, 500, timeout, connection reset) on every call type
// (upload, create, poll, download, cancel, list for reconcile) of every provider: the run still ends with every
// job answered once, no create is duplicated, and the engine waits at least the provider's Retry-After (read on
// the engine's ManualClock, which the fake's clock follows) before it calls again. Reads are retried inside the
// SDKs as well, in real time, so a read fault is injected as often as the SDK tries (3 attempts).
import { describe, expect, it } from 'vitest';
import type { FaultKind } from '../../fakes/fake-http.ts';
import { stopRun } from '../../../src/main/engine/run-lifecycle.ts';
import type { JobSpec } from '../../../src/shared/domain.ts';
import { fakeEngine, jobs, MODEL, settled, type FakeEngine, type FakeProvider } from '../scenarios/harness.ts';

type CallType = 'upload' | 'create' | 'poll' | 'download' | 'cancel' | 'list';
type FaultName = '429' | '500' | 'timeout' | 'reset';

const SDK_ATTEMPTS = 3;
const isRead = (call: CallType) => call === 'poll' || call === 'download' || call === 'list' || call === 'cancel';

/**
 * Retry-After in seconds, read by the engine on the manual clock (far more than its first backoff of 2 s, so the
 * assertion tells the two apart). The SDKs' own retries of a read are told `retry-after-ms: 1`, so no SDK sleeps
 * in real time: the Anthropic SDK would otherwise sleep any Retry-After before each of its retries, which made
 * these tests slow and, on a loaded machine, time out.
 */
const RETRY_AFTER_S = 120;

interface Route {
  method: string;
  path: RegExp;
}

const ROUTES: Record<FakeProvider, Partial<Record<CallType, Route>>> = {
  openai: {
    upload: { method: 'POST', path: /^\/v1\/files$/ },
    create: { method: 'POST', path: /^\/v1\/batches$/ },
    poll: { method: 'GET', path: /^\/v1\/batches\/batch_[^/]+$/ },
    download: { method: 'GET', path: /^\/v1\/files\/[^/]+\/content$/ },
    cancel: { method: 'POST', path: /^\/v1\/batches\/[^/]+\/cancel$/ },
    list: { method: 'GET', path: /^\/v1\/batches$/ },
  },
  anthropic: {
    create: { method: 'POST', path: /^\/v1\/messages\/batches$/ },
    poll: { method: 'GET', path: /^\/v1\/messages\/batches\/msgbatch_[^/]+$/ },
    download: { method: 'GET', path: /^\/v1\/messages\/batches\/[^/]+\/results$/ },
    cancel: { method: 'POST', path: /^\/v1\/messages\/batches\/[^/]+\/cancel$/ },
    list: { method: 'GET', path: /^\/v1\/messages\/batches$/ },
  },
  gemini: {
    upload: { method: 'POST', path: /^\/upload\/v1(beta)?\/files$/ },
    create: { method: 'POST', path: /^\/v1(beta)?\/models\/[^/]+:(batchGenerateContent|asyncBatchEmbedContent)$/ },
    poll: { method: 'GET', path: /^\/v1(beta)?\/batches\/[^/:]+$/ },
    download: { method: 'GET', path: /^\/v1(beta)?\/files\/[^/:]+:download$/ },
    cancel: { method: 'POST', path: /^\/v1(beta)?\/batches\/[^/:]+:cancel$/ },
    list: { method: 'GET', path: /^\/v1(beta)?\/batches$/ },
  },
};

function faultOf(name: FaultName, provider: FakeProvider, retryAfter: number): FaultKind {
  if (name === 'timeout') return { kind: 'timeout' };
  if (name === 'reset') return { kind: 'reset' };
  if (name === '500') return { kind: 'status', status: 500, sdkRetryAfterMs: 1 };
  // Google sends the delay as google.rpc.RetryInfo in the body, the others as a Retry-After header.
  const body =
    provider === 'gemini'
      ? { error: { code: 429, status: 'RESOURCE_EXHAUSTED', message: 'quota exceeded', details: [{ '@type': 'type.googleapis.com/google.rpc.RetryInfo', retryDelay: `${retryAfter}s` }] } }
      : { error: { message: 'rate limited', type: 'rate_limit_error' } };
  return { kind: 'status', status: 429, retryAfterSeconds: retryAfter, sdkRetryAfterMs: 1, body };
}

/** Gemini uploads a file (and downloads a response file) for embeddings; small chat batches go inline. */
function jobsFor(provider: FakeProvider, call: CallType): JobSpec[] {
  if (provider === 'gemini' && (call === 'upload' || call === 'download')) {
    return Array.from({ length: 4 }, (_, i) => ({ id: `e${i}`, label: `e${i}`, model: 'gemini/gemini-embedding-001', endpoint: 'embeddings', params: {}, input: `text number ${i}` }));
  }
  return jobs(4, MODEL[provider]);
}

async function runWithFault(provider: FakeProvider, call: CallType, name: FaultName): Promise<void> {
  const route = ROUTES[provider][call]!;
  // A cancelled batch must still be running when the (delayed) cancel gets through.
  const e: FakeEngine = await fakeEngine(provider, call === 'cancel' ? { inProgressMs: 3600_000 } : {});
  try {
    const runId = await e.create({ jobs: jobsFor(provider, call) });
    const fault = { method: route.method, path: route.path, times: isRead(call) ? SDK_ATTEMPTS : 1, fault: faultOf(name, provider, RETRY_AFTER_S) };
    if (call === 'list') {
      // Reconcile lists only for an open intent: a create that took effect but answered 500 leaves one.
      e.fake.http.inject({ method: ROUTES[provider].create!.method, path: ROUTES[provider].create!.path, fault: { kind: 'status-after-effect', status: 500 } });
    }
    if (call === 'cancel') {
      await e.runUntil(() => e.host.store.batches.forRun(runId).some((b) => b.status === 'in_progress'), 60_000);
      e.advance(1_800_000);
      stopRun(e.host.ctx, runId, 'user');
    }
    e.fake.http.inject(fault);
    await e.runUntil(() => settled(e, runId), 900_000);

    expect(e.fake.http.faults, 'every injected fault was met').toEqual([]);
    const run = e.host.store.runs.get(runId)!;
    expect(run.status).toBe(call === 'cancel' ? 'cancelled' : 'completed');
    const all = e.jobsOf(runId);
    if (call === 'cancel') {
      expect(all.filter((j) => j.status === 'succeeded').length).toBeGreaterThan(0);
      for (const j of all.filter((x) => x.status !== 'succeeded')) expect(j).toMatchObject({ status: 'cancelled', error_category: 'cancelled' });
    } else {
      expect(all.map((j) => j.status)).toEqual(all.map(() => 'succeeded'));
    }
    expect(all.every((j) => j.attempts === 1)).toBe(true);
    const batches = e.host.store.batches.forRun(runId);
    expect(batches).toHaveLength(1);
    expect(e.fake.batchesCreated(), 'no create duplicated').toBe(1);
    expect(e.host.store.intents.openIntents()).toEqual([]);
    for (const j of all) expect(e.host.store.results.forJob(runId, j.seq)).toHaveLength(call === 'cancel' && j.status === 'cancelled' && provider === 'gemini' ? 0 : 1);

    if (name === '429') {
      const calls = e.fake.http.log.filter((entry) => entry.method === route.method && route.path.test(entry.path));
      const last429 = calls.findLastIndex((entry) => entry.status === 429);
      expect(last429).toBeGreaterThanOrEqual(0);
      const next = calls[last429 + 1];
      expect(next, `the ${call} was tried again`).toBeDefined();
      expect(next!.at - calls[last429]!.at, 'Retry-After honoured').toBeGreaterThanOrEqual(RETRY_AFTER_S * 1000);
    }
  } finally {
    await e.close();
  }
}

const FAULTS: FaultName[] = ['429', '500', 'timeout', 'reset'];
for (const provider of ['openai', 'anthropic', 'gemini'] as const) {
  describe.concurrent(`${provider}: faults on every call type`, () => {
    for (const call of Object.keys(ROUTES[provider]) as CallType[]) {
      for (const name of FAULTS) {
        it(`${call} · ${name}: completes, no duplicate create${name === '429' ? ', Retry-After honoured' : ''}`, { timeout: 60_000 }, () => runWithFault(provider, call, name));
      }
    }
  });
}

describe.each(['openai', 'anthropic', 'gemini'] as const)('%s: an ambiguous create beside a batch of the same size', (provider) => {
  it('is reconciled to its own remote batch, never to the neighbour (Anthropic batches carry no tag)', async () => {
    // The neighbour stays in progress for an hour, so its results cannot tell the two apart meanwhile.
    const e = await fakeEngine(provider, { inProgressMs: 3600_000 });
    try {
      const runId = await e.create({ count: 4, itemsPerBatch: 2 });
      // The first create goes through. The second is refused (503) and sent again later, when it takes effect but
      // answers 500: its remote batch is younger than the neighbour, which a match by age alone would pick.
      const create = ROUTES[provider].create!;
      // The request being answered is already in the log when its fault is chosen.
      const creates = () => e.fake.http.log.filter((r) => r.method === create.method && create.path.test(r.path)).length;
      const nth = (n: number) => ({ test: (path: string) => create.path.test(path) && creates() === n }) as RegExp;
      e.fake.http.inject({ method: create.method, path: nth(2), fault: { kind: 'status', status: 503 } });
      e.fake.http.inject({ method: create.method, path: nth(3), fault: { kind: 'status-after-effect', status: 500 } });
      await e.runUntil(() => e.host.store.batches.forRun(runId).every((b) => b.remote_id !== null));
      expect(e.clock.now() - e.host.store.runs.get(runId)!.created_at, 'settled at once, not after the neighbour ended').toBeLessThan(60_000);
      await e.runUntil(() => settled(e, runId), 2 * 3600_000, 60_000);
      const remoteIds = e.host.store.batches.forRun(runId).map((b) => b.remote_id);
      expect(new Set(remoteIds).size).toBe(2);
      expect(e.fake.batchesCreated()).toBe(2);
      expect(e.fake.http.faults, 'both faults were met').toEqual([]);
      expect(e.jobsOf(runId).map((j) => [j.status, j.attempts])).toEqual(Array.from({ length: 4 }, () => ['succeeded', 1]));
    } finally {
      await e.close();
    }
  });
});
