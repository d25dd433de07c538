// Bench (issue 15): `batchdesk serve` answers runs.list in ≤ 100 ms while it estimates one huge input of one
// repeated character (a 10 MB requests-file prompt; a 4 MB dropped text file, the largest the input check admits).
// Runs serve as a child process, as a user does, and calls runs.list every 20 ms until the estimate answers.
// Run on a quiet machine: node bench/serve-while-counting.ts [ROUNDS]
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { quantileSorted } from 'simple-statistics';
import { HUGE_INPUTS, latenciesWhileEstimating } from '../test/helpers/serve-while-estimating.ts';

const TARGET_MS = 100;
const rounds = Number(process.argv[2] ?? 3);
let met = true;
for (const [which, make] of Object.entries(HUGE_INPUTS)) {
  const all: number[] = [];
  let estimateMs = 0;
  for (let round = 0; round < rounds; round++) {
    const folder = mkdtempSync(join(tmpdir(), 'bd-bench-serve-'));
    try {
      const { input, answer } = make(folder);
      const { latencies, estimate, failed } = await latenciesWhileEstimating(folder, input);
      if (failed !== null || !answer.test(estimate.text)) throw new Error(`${which}: unexpected answer ${failed ?? ''} ${estimate.text.slice(0, 300)}`);
      all.push(...latencies);
      estimateMs = Math.max(estimateMs, estimate.ms);
    } finally {
      rmSync(folder, { recursive: true, force: true });
    }
  }
  all.sort((a, b) => a - b);
  const longest = all.at(-1)!;
  met &&= longest <= TARGET_MS;
  console.log(
    `${which}: ${all.length} runs.list answers over ${rounds} estimates (longest estimate ${(estimateMs / 1000).toFixed(1)} s): ` +
      `median ${quantileSorted(all, 0.5).toFixed(0)} ms, 90th percentile ${quantileSorted(all, 0.9).toFixed(0)} ms, longest ${longest.toFixed(0)} ms (target ≤ ${TARGET_MS} ms: ${longest <= TARGET_MS ? 'met' : 'NOT met'})`,
  );
}
process.exitCode = met ? 0 : 1;
