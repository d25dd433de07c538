// Token counting is linear and never blocks: a 10 MB file of one repeated character (the pathological input that
// took 53 s for 200 KB) is counted in ≤ 2 s, timers still fire while it is counted, and chunking does not change the
// count of ordinary text.
import { countTokens } from 'gpt-tokenizer';
import { describe, expect, it } from 'vitest';
import { MAX_RUN, textChunks } from '../../../src/main/core/chunked-count.ts';
import { countTextTokens } from '../../../src/main/providers/openai/tokens.ts';

const count = (text: string) => countTokens(text, { disallowedSpecial: new Set() });

describe('chunked token counting', () => {
  it('counts a 10 MB single-character file in at most 2 s', async () => {
    await countTextTokens('warm up the tables');
    const text = 'a'.repeat(10 * 1024 * 1024);
    const started = performance.now();
    const tokens = await countTextTokens(text);
    const seconds = (performance.now() - started) / 1000;
    expect(seconds).toBeLessThanOrEqual(2);
    // Within one token per cut of the exact count of each MAX_RUN piece.
    expect(tokens).toBe((text.length / MAX_RUN) * count('a'.repeat(MAX_RUN)));
  }, 30_000);

  it('lets timers run while it counts', async () => {
    const text = 'b'.repeat(4 * 1024 * 1024);
    let ticks = 0;
    const timer = setInterval(() => (ticks += 1), 5);
    await countTextTokens(text);
    clearInterval(timer);
    expect(ticks).toBeGreaterThan(0);
  }, 30_000);

  it('gives ordinary prose the same count as one call, and chunks that join back to the text', async () => {
    const words = ['survey', 'answer', 'about', 'the', 'new', 'library', 'hours,', 'which', 'were', 'shorter.\n'];
    const prose = Array.from({ length: 30_000 }, (_, i) => words[(i * 7) % words.length]).join(' ');
    expect([...textChunks(prose)].join('')).toBe(prose);
    const exact = count(prose);
    const chunked = await countTextTokens(prose);
    expect(Math.abs(chunked - exact) / exact).toBeLessThan(0.005);
  });
});
