// Prices with structure: a 300K-token prompt on gpt-5.4 is billed at the upper tier (2× input, 1.5× output) in the
// estimate and in the actual cost; Haiku 5.5 above 100K is 5× on every token; Gemini 4 Argon doubles on 2026-12-01;
// cache writes are billed at their own rate. Expected figures are worked out from the catalog's published rates.
import { describe, expect, it } from 'vitest';
import { batchCost, syncCost } from '../../../src/main/core/cost.ts';
import { outputRange } from '../../../src/main/core/output-range.ts';
import { estimateJob, indexesByModel } from '../../../src/main/engine/estimate.ts';
import { snapshotTable } from '../../../src/main/providers/catalog/snapshot.ts';
import type { JobSpec, ModelConfig } from '../../../src/shared/domain.ts';

const model = (id: string) => snapshotTable().models.find((m) => m.id === id)! as ModelConfig;
const job = (params: JobSpec['params'] = {}): JobSpec => ({ id: 'j', label: 'j', model: 'x', endpoint: 'chat', params, messages: [{ role: 'user', content: 'hi' }] });

describe('long-prompt tiers', () => {
  const gpt54 = model('openai/gpt-5.4');

  it('prices a 300K-token prompt on gpt-5.4 at the upper tier in the actual cost', () => {
    const usage = { input_tokens: 300_000, output_tokens: 2_000, cached_input_tokens: 0 };
    // Upper tier: $5 input, $22.50 output per 1M at list; batch is half.
    expect(syncCost(gpt54.price!, usage)).toBeCloseTo(0.3 * 5 + 0.002 * 22.5, 10);
    expect(batchCost(gpt54.price!, usage)).toBeCloseTo((0.3 * 5 + 0.002 * 22.5) / 2, 10);
    // At the threshold itself the base rates apply.
    expect(syncCost(gpt54.price!, { ...usage, input_tokens: 272_000 })).toBeCloseTo(0.272 * 2.5 + 0.002 * 15, 10);
  });

  it('prices a 300K-token prompt on gpt-5.4 at the upper tier in the estimate', () => {
    const estimate = estimateJob(job({ max_tokens: 1_000 }), gpt54, 300_000);
    const typical = outputRange(job({ max_tokens: 1_000 }), gpt54).typical;
    expect(estimate.batch_usd).toBeCloseTo((0.3 * 5 + (typical / 1e6) * 22.5) / 2, 10);
    expect(estimate.batch_usd_max).toBeCloseTo((0.3 * 5 + 0.001 * 22.5) / 2, 10);
    const below = estimateJob(job({ max_tokens: 1_000 }), gpt54, 200_000);
    expect(below.batch_usd).toBeCloseTo((0.2 * 2.5 + (typical / 1e6) * 15) / 2, 10);
  });

  it('bills Haiku 5.5 prompts over 100K tokens at 5× on every token, cache reads included', () => {
    const haiku = model('anthropic/claude-haiku-5-5');
    const usage = { input_tokens: 150_000, output_tokens: 1_000, cached_input_tokens: 50_000 };
    expect(syncCost(haiku.price!, usage)).toBeCloseTo(0.1 * 0.5 + 0.05 * 0.05 + 0.001 * 2.5, 10);
  });
});

describe('dated prices and cache writes', () => {
  it('doubles Gemini 4 Argon from 2026-12-01', () => {
    const argon = model('gemini/gemini-4-argon');
    const usage = { input_tokens: 1_000_000, output_tokens: 100_000, cached_input_tokens: 0 };
    expect(syncCost(argon.price!, usage, Date.parse('2026-11-30T23:59:59Z'))).toBeCloseTo(2 + 1, 10);
    expect(syncCost(argon.price!, usage, Date.parse('2026-12-01T00:00:00Z'))).toBeCloseTo(4 + 2, 10);
    expect(estimateJob(job(), argon, 1_000_000, Date.parse('2026-11-01T00:00:00Z')).sync_usd).toBeLessThan(estimateJob(job(), argon, 1_000_000, Date.parse('2026-12-02T00:00:00Z')).sync_usd!);
  });

  it('bills cache writes at 1.25× input, not at 1×', () => {
    const sonnet = model('anthropic/claude-sonnet-5-5');
    const usage = { input_tokens: 100_000, output_tokens: 0, cached_input_tokens: 0, cache_write_input_tokens: 100_000 };
    expect(syncCost(sonnet.price!, usage)).toBeCloseTo(0.1 * 2 * 1.25, 10);
  });

  it('keeps the cache-read price in force before a dated cut', () => {
    const sonnet = model('anthropic/claude-sonnet-5-5');
    const usage = { input_tokens: 1_000_000, output_tokens: 0, cached_input_tokens: 1_000_000 };
    expect(syncCost(sonnet.price!, usage, Date.parse('2026-10-06T12:00:00Z'))).toBeCloseTo(0.2, 10);
    expect(syncCost(sonnet.price!, usage, Date.parse('2026-10-07T00:00:00Z'))).toBeCloseTo(0.1, 10);
  });
});

describe('output range and grouping', () => {
  it('gives a typical output with reasoning and a ceiling at max_tokens or the request default', () => {
    expect(outputRange(job(), model('openai/gpt-5.4'))).toEqual({ typical: 1_280, max: 128_000 });
    expect(outputRange(job({ max_tokens: 500 }), model('openai/gpt-5.4'))).toEqual({ typical: 500, max: 500 });
    // Anthropic requests carry max_tokens 4,096 when the job sets none: that is the ceiling.
    expect(outputRange(job(), model('anthropic/claude-opus-5-5'))).toEqual({ typical: 768, max: 4_096 });
    expect(outputRange({ endpoint: 'embeddings', params: {} }, model('openai/text-embedding-3-small'))).toEqual({ typical: 0, max: 0 });
  });

  it('groups 200,000 jobs per model in linear time', () => {
    const a = model('openai/gpt-5.4');
    const b = model('openai/gpt-6-luna');
    const jobs = Array.from({ length: 200_000 }, (_, i) => ({ model: i % 3 === 0 ? b : a }));
    const started = performance.now();
    const groups = indexesByModel(jobs);
    expect(performance.now() - started).toBeLessThan(500);
    expect(groups.get(b.id)!.length).toBe(66_667);
    expect(groups.get(a.id)![1]).toBe(2);
  });
});
