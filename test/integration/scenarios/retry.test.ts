// Issue 4 acceptance: retry sends only the failed, expired and cancelled jobs as a new provider batch (optionally
// to another model); their results merge into the same run, attempts are counted per job, and the maximum holds.
import { describe, expect, it } from 'vitest';
import { retryRun } from '../../../src/main/engine/retry.ts';
import { runView } from '../../../src/main/api/run-view.ts';
import { FAKE_PROVIDERS, fakeEngine, settled, type FakeEngine } from './harness.ts';

async function withEngine(provider: Parameters<typeof fakeEngine>[0], scenario: Parameters<typeof fakeEngine>[1], test: (e: FakeEngine) => Promise<void>, settings = {}): Promise<void> {
  const e = await fakeEngine(provider, scenario, { settings });
  try {
    await test(e);
  } finally {
    await e.close();
  }
}

function setOutcome(e: FakeEngine, outcome: 'complete' | 'fail_all' | 'expire_partial'): void {
  e.fake.scenario = { ...e.fake.scenario, outcome };
}

describe.each(FAKE_PROVIDERS)('%s: retry', (provider) => {
  it('sends only the jobs that did not succeed as a new provider batch and merges their results', () =>
    withEngine(provider, { outcome: 'expire_partial', partialFraction: 0.5 }, async (e) => {
      const runId = await e.create({ count: 4 });
      await e.runUntil(() => settled(e, runId));
      expect(e.jobsOf(runId).map((j) => j.status)).toEqual(['succeeded', 'succeeded', 'expired', 'expired']);

      setOutcome(e, 'complete');
      expect(await retryRun(e.host.ctx, runId)).toEqual({ jobs: 2, batches: 1, skipped_max_attempts: 0 });
      await e.runUntil(() => settled(e, runId));

      expect(e.host.store.runs.get(runId)!.status).toBe('completed');
      const jobs = e.jobsOf(runId);
      expect(jobs.map((j) => [j.status, j.attempts])).toEqual([['succeeded', 1], ['succeeded', 1], ['succeeded', 2], ['succeeded', 2]]);
      const batches = e.host.store.batches.forRun(runId);
      expect(batches.map((b) => b.request_count)).toEqual([4, 2]);
      expect(e.fake.batchesCreated()).toBe(2);
      // The first attempt's answer (Gemini leaves expired requests out of its results) is kept beside the new one;
      // the job shows the new one.
      for (const seq of [2, 3]) {
        expect(e.host.store.results.forJob(runId, seq).map((r) => r.outcome)).toEqual(provider === 'gemini' ? ['succeeded'] : ['expired', 'succeeded']);
        expect(e.host.store.results.current(runId, seq)).toMatchObject({ outcome: 'succeeded', provider_batch_id: batches[1]!.id });
      }
      expect(e.host.store.results.forJob(runId, 0)).toHaveLength(1);
      expect(runView(e.host.ctx, runId).jobs).toMatchObject({ total: 4, succeeded: 4, expired: 0 });
    }));
});

describe('retry limits and model choice', () => {
  it('counts attempts and refuses once every failed job reached the maximum', () =>
    withEngine(
      'openai',
      { outcome: 'fail_all' },
      async (e) => {
        const runId = await e.create({ count: 2 });
        await e.runUntil(() => settled(e, runId));
        expect(e.jobsOf(runId).map((j) => [j.status, j.attempts])).toEqual([['failed', 1], ['failed', 1]]);
        await retryRun(e.host.ctx, runId);
        await e.runUntil(() => settled(e, runId));
        expect(e.jobsOf(runId).map((j) => [j.status, j.attempts])).toEqual([['failed', 2], ['failed', 2]]);
        await expect(retryRun(e.host.ctx, runId)).rejects.toThrow(/already had 2 attempts/);
        expect(e.fake.batchesCreated()).toBe(2);
        expect(e.host.store.batches.forRun(runId).filter((b) => b.status === 'planned')).toHaveLength(0);
      },
      { maxAttempts: 2 },
    ));

  it('sends the retry to another model when asked', () =>
    withEngine('openai', { outcome: 'fail_all' }, async (e) => {
      const runId = await e.create({ count: 2 });
      await e.runUntil(() => settled(e, runId));
      setOutcome(e, 'complete');
      await retryRun(e.host.ctx, runId, { model: 'openai/gpt-4.1' });
      await e.runUntil(() => settled(e, runId));
      expect(e.jobsOf(runId).map((j) => [j.status, j.model, j.attempts])).toEqual([
        ['succeeded', 'openai/gpt-4.1', 2],
        ['succeeded', 'openai/gpt-4.1', 2],
      ]);
      const batches = e.host.store.batches.forRun(runId);
      expect(batches.map((b) => b.model)).toEqual(['openai/gpt-4.1-mini', 'openai/gpt-4.1']);
      const uploads = e.fake.receivedBodies().filter((b) => b.includes('"custom_id"'));
      expect(uploads.at(-1)).toContain('"model":"gpt-4.1"');
    }));
});
