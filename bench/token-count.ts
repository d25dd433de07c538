// Bench: counting a 10 MB file of one repeated character with the OpenAI estimate's tokenizer (o200k_base in
// chunks). Before issue 15 a 200 KB such file took 53 s; the bar is ≤ 2 s for 10 MB. Also reports the longest time
// the event loop was held, which is what a concurrent `serve` request would wait.
// Run: node bench/token-count.ts [MB]
import { countTextTokens } from '../src/main/providers/openai/tokens.ts';

const megabytes = Number(process.argv[2] ?? 10);
const text = 'a'.repeat(megabytes * 1024 * 1024);
await countTextTokens('warm up the tokenizer tables');

const started = performance.now();
const tokens = await countTextTokens(text);
const elapsed = performance.now() - started;

// Again with a 10 ms timer running: the longest gap between its ticks is what a concurrent request would wait.
let longestGapMs = 0;
let last = performance.now();
const probe = setInterval(() => {
  const now = performance.now();
  longestGapMs = Math.max(longestGapMs, now - last);
  last = now;
}, 10);
await countTextTokens(text);
clearInterval(probe);
console.log(`${megabytes} MB of one character: ${tokens} tokens in ${(elapsed / 1000).toFixed(2)} s; longest event-loop gap ${longestGapMs.toFixed(0)} ms`);
