// Issue 4 acceptance: every way a provider batch can end, against the stateful fakes, and what each job ends as
// (status, error, error_category): expired with partial output, all failed, failed validation, cancelled with
// partial output, stuck in finalizing (with the 20 h warning, once), and results fetched before the provider
// deletes them (with a warning when downloads keep failing close to that moment).
import { describe, expect, it } from 'vitest';
import { stopRun } from '../../../src/main/engine/run-lifecycle.ts';
import type { ErrorCategory } from '../../../src/shared/domain.ts';
import { FAKE_PROVIDERS, fakeEngine, settled, type FakeEngine, type FakeProvider } from './harness.ts';

const HOUR = 3600_000;

async function withEngine(provider: FakeProvider, scenario: Parameters<typeof fakeEngine>[1], test: (e: FakeEngine) => Promise<void>): Promise<void> {
  const e = await fakeEngine(provider, scenario);
  try {
    await test(e);
  } finally {
    await e.close();
  }
}

const warnings = (e: FakeEngine, runId: string, code: string) => e.host.store.events.forRun(runId).filter((ev) => ev.kind === 'warning' && ev.data?.code === code);

describe.each(FAKE_PROVIDERS)('%s: terminal states', (provider) => {
  it('expired with partial output: the finished half succeeds, the rest ends expired', () =>
    withEngine(provider, { outcome: 'expire_partial', partialFraction: 0.5 }, async (e) => {
      const runId = await e.create({ count: 4 });
      await e.runUntil(() => settled(e, runId));
      expect(e.host.store.runs.get(runId)!.status).toBe('completed');
      const jobs = e.jobsOf(runId);
      expect(jobs.slice(0, 2).map((j) => j.status)).toEqual(['succeeded', 'succeeded']);
      for (const job of jobs.slice(2)) {
        expect(job).toMatchObject({ status: 'expired', error_category: 'expired' });
        expect(job.error).toMatch(/expire|24-hour limit/i);
      }
      expect(e.host.store.batches.forRun(runId)[0]!.status).toBe('expired');
    }));

  it('all failed: every job fails with the provider’s reason and category', () =>
    withEngine(provider, { outcome: 'fail_all' }, async (e) => {
      const runId = await e.create({ count: 3 });
      await e.runUntil(() => settled(e, runId));
      const expected: Record<FakeProvider, [ErrorCategory, RegExp]> = {
        openai: ['server', /server had an error/],
        anthropic: ['invalid_request', /invalid_request_error: fake failure/],
        gemini: ['invalid_request', /INVALID_ARGUMENT: Request contains an invalid argument/],
      };
      const [category, reason] = expected[provider];
      for (const job of e.jobsOf(runId)) {
        expect(job).toMatchObject({ status: 'failed', error_category: category });
        expect(job.error).toMatch(reason);
        expect(e.host.store.results.current(runId, job.seq)).toMatchObject({ outcome: 'failed', error_category: category });
      }
    }));

  it('failed validation: the batch’s errors are kept and every job fails with them', () =>
    withEngine(provider, { outcome: 'fail_validation' }, async (e) => {
      const runId = await e.create({ count: 3 });
      await e.runUntil(() => settled(e, runId));
      expect(e.host.store.runs.get(runId)!.status).toBe('completed');
      const reason: Record<FakeProvider, RegExp> = {
        openai: /^the provider rejected the batch: line 1: Fake validation failure/,
        anthropic: /^the provider refused the batch: .*fake validation failure/,
        gemini: /^the provider rejected the batch: Invalid batch input at line 1/,
      };
      for (const job of e.jobsOf(runId)) {
        expect(job).toMatchObject({ status: 'failed', error_category: 'invalid_request' });
        expect(job.error).toMatch(reason[provider]);
      }
      const batch = e.host.store.batches.forRun(runId)[0]!;
      expect(batch.status).toBe('failed');
      if (provider === 'openai') expect(batch.errors).toContainEqual(expect.objectContaining({ line: 1, code: 'invalid_request' }));
      expect(e.fake.batchesCreated()).toBe(provider === 'anthropic' ? 0 : 1);
    }));

  it('cancelled with partial output: finished results are kept, the rest ends cancelled', () =>
    withEngine(provider, { inProgressMs: 2 * HOUR, partialFraction: 0.5 }, async (e) => {
      const runId = await e.create({ count: 4 });
      await e.runUntil(() => e.host.store.batches.forRun(runId)[0]!.status === 'in_progress');
      e.advance(HOUR);
      stopRun(e.host.ctx, runId, 'user');
      await e.runUntil(() => settled(e, runId));
      expect(e.host.store.runs.get(runId)!.status).toBe('cancelled');
      const jobs = e.jobsOf(runId);
      expect(jobs.slice(0, 2).map((j) => j.status)).toEqual(['succeeded', 'succeeded']);
      for (const job of jobs.slice(2)) {
        expect(job).toMatchObject({ status: 'cancelled', error_category: 'cancelled' });
        expect(job.error).toMatch(/cancel/i);
      }
      expect(e.host.store.results.current(runId, 0)!.text).toBeTruthy();
      expect(e.fake.http.log.filter((r) => r.method === 'POST' && /cancel/.test(r.path))).toHaveLength(1);
    }));
});

describe('openai: stuck in finalizing', () => {
  it('keeps polling without failing anything, warns once at 20 h in flight, and ingests when it completes', () =>
    withEngine('openai', { finalizingMs: 30 * HOUR }, async (e) => {
      const runId = await e.create({ count: 3 });
      await e.runUntil(() => e.host.store.batches.forRun(runId)[0]!.status === 'finalizing', 60_000);
      await e.runUntil(() => e.clock.now() - e.host.store.batches.forRun(runId)[0]!.submitted_at! > 19 * HOUR, 40 * HOUR, 10 * 60_000);
      expect(e.jobsOf(runId).map((j) => j.status)).toEqual(['running', 'running', 'running']);
      expect(warnings(e, runId, 'long_running')).toHaveLength(0);
      await e.runUntil(() => settled(e, runId), 40 * HOUR, 10 * 60_000);
      expect(e.host.store.runs.get(runId)!.status).toBe('completed');
      expect(e.jobsOf(runId).map((j) => j.status)).toEqual(['succeeded', 'succeeded', 'succeeded']);
      const warned = warnings(e, runId, 'long_running');
      expect(warned).toHaveLength(1);
      expect(warned[0]!.message).toMatch(/running for 2\d h/);
    }));

  it('a time limit cancels a batch stuck in finalizing and keeps its results', () =>
    withEngine('openai', { finalizingMs: 30 * HOUR }, async (e) => {
      const runId = await e.create({ count: 3, timeLimitMs: 2 * HOUR });
      await e.runUntil(() => e.host.store.runs.get(runId)!.status === 'cancelling', 10 * HOUR, 10 * 60_000);
      expect(e.clock.now() - e.host.store.runs.get(runId)!.created_at).toBeLessThan(2 * HOUR + 20 * 60_000);
      expect(e.fake.http.log.filter((r) => r.method === 'POST' && /cancel$/.test(r.path))).toHaveLength(1);
      // The fake stays `cancelling` as long as it was finalizing; the monitor waits for it, cancelling once.
      await e.runUntil(() => settled(e, runId), 40 * HOUR, 10 * 60_000);
      expect(e.host.store.runs.get(runId)!.status).toBe('cancelled');
      // Everything had finished when it was cancelled in finalizing: every answer is kept.
      expect(e.jobsOf(runId).map((j) => j.status)).toEqual(['succeeded', 'succeeded', 'succeeded']);
      expect(e.fake.http.log.filter((r) => r.method === 'POST' && /cancel$/.test(r.path))).toHaveLength(1);
    }));
});

describe('results are downloaded before the provider deletes them', () => {
  it('ingests as soon as the batch ends, and warns once when downloads keep failing near the expiry', () =>
    withEngine('openai', {}, async (e) => {
      const runId = await e.create({ count: 2 });
      const download = { method: 'GET', path: /^\/v1\/files\/[^/]+\/content$/, times: 3, fault: { kind: 'status' as const, status: 500 } };
      e.fake.http.inject(download);
      await e.runUntil(() => e.host.store.batches.forRun(runId)[0]!.last_error?.startsWith('download failed') ?? false);
      const batch = e.host.store.batches.forRun(runId)[0]!;
      expect(batch.status).toBe('completed');
      expect(batch.results_expire_at! - e.clock.now()).toBeGreaterThan(20 * 24 * HOUR);
      expect(warnings(e, runId, 'results_expiring')).toHaveLength(0);

      e.advance(batch.results_expire_at! - e.clock.now() - 30 * HOUR);
      e.fake.http.inject(download);
      e.fake.http.inject(download);
      await e.runUntil(() => settled(e, runId), 10 * 60_000, 60_000);
      const warned = warnings(e, runId, 'results_expiring');
      expect(warned).toHaveLength(1);
      expect(warned[0]!.message).toMatch(/deletes the results .* in about (29|30) h/);
      const done = e.host.store.batches.forRun(runId)[0]!;
      expect(done.ingested_at).not.toBeNull();
      expect(done.ingested_at!).toBeLessThan(done.results_expire_at!);
      expect(e.jobsOf(runId).map((j) => j.status)).toEqual(['succeeded', 'succeeded']);
    }));
});
