// Which enqueued-token limit is in force for a model: the run's own (--max-enqueued-tokens), else the user's Settings
// entry for the model, else the catalog's default (OpenAI's Tier 1 batch queue limit), else none. Batches are
// planned and admitted to 90% of it.
import { afterEach, describe, expect, it } from 'vitest';
import { EngineHost } from '../../../src/main/api/engine-host.ts';
import { enqueuedTokenLimit, MAX_ENQUEUED_TOKENS_SETTING, QUEUE_HEADROOM, tokenBudget } from '../../../src/main/engine/queue-limits.ts';
import { cleanEnv, tempDir } from '../../helpers/cli.ts';

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

function host(): EngineHost {
  const dir = tempDir();
  const h = new EngineHost({ home: dir.path, env: cleanEnv() });
  cleanups.push(() => dir.cleanup(), () => h.close());
  return h;
}

describe('enqueued-token limits', () => {
  it('takes the run, then Settings, then the catalog', () => {
    const h = host();
    const mini = h.ctx.registry.resolve('openai/gpt-4o-mini');
    const other = h.ctx.registry.resolve('openai/gpt-4.1');
    expect(enqueuedTokenLimit(h.ctx, mini)).toBe(2_000_000);
    expect(enqueuedTokenLimit(h.ctx, other)).toBeNull();
    h.store.settings.set(MAX_ENQUEUED_TOKENS_SETTING, { 'openai/gpt-4o-mini': 20_000_000, 'openai/gpt-4.1': 900_000 });
    expect(enqueuedTokenLimit(h.ctx, mini)).toBe(20_000_000);
    expect(enqueuedTokenLimit(h.ctx, other)).toBe(900_000);
    expect(enqueuedTokenLimit(h.ctx, mini, 5_000)).toBe(5_000);
  });

  it('plans batches to 90% of the limit, and has no budget without one', () => {
    expect(tokenBudget(2_000_000)).toBe(2_000_000 * QUEUE_HEADROOM);
    expect(tokenBudget(null)).toBeNull();
  });
});
