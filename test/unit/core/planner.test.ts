// Splitting a run into provider batches by provider, model, endpoint, the API's request and byte limits, and
// itemsPerBatch (issue 3 acceptance: 120,000 Anthropic jobs → 2; 60,000 OpenAI jobs → 2; > 200 MB → by size).
import { describe, expect, it } from 'vitest';
import { planBatches, type PlanItem } from '../../../src/main/core/planner.ts';
import { createAnthropicProvider } from '../../../src/main/providers/anthropic/index.ts';
import { createOpenAIProvider } from '../../../src/main/providers/openai/index.ts';
import type { ProviderName } from '../../../src/shared/domain.ts';

const limits = {
  anthropic: createAnthropicProvider({ apiKey: 'sk-ant-test' }).limits,
  openai: createOpenAIProvider({ apiKey: 'sk-test' }).limits,
};
const limitsOf = (p: ProviderName) => limits[p as 'openai' | 'anthropic'];

function items(count: number, provider: ProviderName, model: string, bytes = 300): PlanItem[] {
  return Array.from({ length: count }, (_, seq) => ({ seq, provider, model, endpoint: 'chat', bytes, estimated_usd: 0.001 }));
}

describe('planBatches', () => {
  it('splits 120,000 small Anthropic jobs into 2 provider batches', () => {
    const plan = planBatches(items(120_000, 'anthropic', 'anthropic/claude-haiku-4-5'), limitsOf);
    expect(plan.map((b) => b.seqs.length)).toEqual([100_000, 20_000]);
  });

  it('splits 60,000 OpenAI jobs into 2 provider batches', () => {
    const plan = planBatches(items(60_000, 'openai', 'openai/gpt-4.1-mini'), limitsOf);
    expect(plan.map((b) => b.seqs.length)).toEqual([50_000, 10_000]);
  });

  it('splits a set over 200 MB by size', () => {
    const perJob = 1024 * 1024; // 1 MB request lines (e.g. PDFs)
    const plan = planBatches(items(450, 'openai', 'openai/gpt-4.1-mini', perJob), limitsOf);
    expect(plan.length).toBe(3);
    for (const batch of plan) expect(batch.bytes).toBeLessThanOrEqual(200 * 1024 * 1024);
    expect(plan.reduce((n, b) => n + b.seqs.length, 0)).toBe(450);
  });

  it('keeps providers, models and endpoints apart and honours itemsPerBatch', () => {
    const mixed: PlanItem[] = [
      ...items(5, 'openai', 'openai/a'),
      ...items(5, 'openai', 'openai/b').map((i) => ({ ...i, seq: i.seq + 5 })),
      ...items(5, 'anthropic', 'anthropic/c').map((i) => ({ ...i, seq: i.seq + 10 })),
      ...items(2, 'openai', 'openai/a').map((i) => ({ ...i, seq: i.seq + 15, endpoint: 'embeddings' as const })),
    ];
    const plan = planBatches(mixed, limitsOf, 3);
    expect(plan.map((b) => `${b.model}:${b.endpoint}:${b.seqs.length}`)).toEqual([
      'openai/a:chat:3', 'openai/a:chat:2', 'openai/b:chat:3', 'openai/b:chat:2', 'anthropic/c:chat:3', 'anthropic/c:chat:2', 'openai/a:embeddings:2',
    ]);
  });

  it('marks a batch estimate unknown when any job has no price', () => {
    const plan = planBatches([{ seq: 0, provider: 'openai', model: 'm', endpoint: 'chat', bytes: 1, estimated_usd: null }, { seq: 1, provider: 'openai', model: 'm', endpoint: 'chat', bytes: 1, estimated_usd: 1 }], limitsOf);
    expect(plan[0]!.estimated_usd).toBeNull();
  });
});
