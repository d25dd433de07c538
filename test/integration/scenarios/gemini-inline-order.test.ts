// Issue 13 acceptance: Gemini inline results that come back without the echoed metadata (the key) are matched to
// their requests by order, which the API documents ("The responses will be in the same order as the input
// requests"), instead of failing every job with "the line has no key".
import { afterEach, describe, expect, it } from 'vitest';
import { runView } from '../../../src/main/api/run-view.ts';
import { inlineResultLines } from '../../../src/main/providers/gemini/inline.ts';
import { parseGeminiResultLine } from '../../../src/main/providers/gemini/results.ts';
import { fakeEngine, settled, type FakeEngine } from './harness.ts';

let engine: FakeEngine;
afterEach(() => engine?.close());

describe('Gemini inline results without metadata', () => {
  it('are ingested by request order: every job gets its own answer', async () => {
    engine = await fakeEngine('gemini', { echoInlineMetadata: false });
    const runId = await engine.create({ count: 4 });
    await engine.runUntil(() => settled(engine, runId));
    expect(runView(engine.host.ctx, runId)).toMatchObject({ status: 'completed', jobs: { total: 4, succeeded: 4 } });
    for (const job of engine.jobsOf(runId)) {
      const result = engine.host.store.results.current(runId, job.seq)!;
      expect(result.text).toContain(`item ${job.seq}:`);
      expect(JSON.parse(result.raw!)).not.toHaveProperty('metadata');
    }
    expect(engine.host.store.events.forRun(runId).filter((e) => e.data?.code === 'bad_result_lines')).toEqual([]);
  });

  it('are reported, not guessed, when the responses do not match the requests one to one', () => {
    const lines = inlineResultLines([{ response: { candidates: [] } }], ['k0', 'k1']);
    const parsed = parseGeminiResultLine(lines[0]!, 1);
    expect(parsed).toMatchObject({ kind: 'bad', problem: expect.stringMatching(/no key \(response 1: Gemini echoed no key, and the responses do not match the requests one to one\)/) });
    expect(JSON.parse(inlineResultLines([{ response: {} }, { response: {}, metadata: { key: 'mine' } }], ['k0', 'k1'])[1]!).key).toBe('mine');
  });
});
