// After a pilot, the rest of the run re-estimated from what the pilot measured (issue 15 item 5): per model, the
// ratio of billed to estimated input and output tokens over the pilot's succeeded jobs scales the estimate of every
// job still waiting; a percentile bootstrap over the pilot's jobs gives the interval. Shown before release.
import { bootstrapIntervals } from '../analysis/agreement/bootstrap.ts';
import { batchCost } from '../core/cost.ts';
import type { EngineContext } from './context.ts';

export interface RestEstimate {
  jobs: number;
  /** The estimate made when the run was created, for the same jobs. */
  estimated_usd: number | null;
  /** Re-estimated from the pilot's measured tokens per job. */
  calibrated_usd: number | null;
  low_usd: number | null;
  high_usd: number | null;
  /** Billed ÷ estimated tokens over the pilot (all models). */
  input_ratio: number | null;
  output_ratio: number | null;
}

type Sample = { model: string; est_in: number; est_out: number; input: number; output: number };
type Rest = { model: string; jobs: number; est_in: number; est_out: number };

const RESAMPLES = 1000;

/** Weighted billed/estimated ratio over samples (all models when `model` is null); null without a basis. */
function ratio(samples: Sample[], weights: ArrayLike<number>, model: string | null, pick: 'in' | 'out'): number | null {
  let billed = 0;
  let estimated = 0;
  samples.forEach((s, i) => {
    if (model !== null && s.model !== model) return;
    billed += weights[i]! * (pick === 'in' ? s.input : s.output);
    estimated += weights[i]! * (pick === 'in' ? s.est_in : s.est_out);
  });
  return estimated > 0 ? billed / estimated : null;
}

export function calibrateRest(ctx: EngineContext, runId: string): RestEstimate | null {
  const samples = ctx.store.results.pilotSamples(runId) as Sample[];
  const rest = ctx.store.jobs.plannedTotals(runId);
  if (samples.length === 0 || rest.length === 0) return null;
  const at = ctx.clock.now();
  const project = (weights: ArrayLike<number>): number | null => {
    let total = 0;
    for (const part of rest as Rest[]) {
      const price = ctx.registry.resolve(part.model).price;
      if (!price) return null;
      const rIn = ratio(samples, weights, part.model, 'in') ?? ratio(samples, weights, null, 'in') ?? 1;
      const rOut = ratio(samples, weights, part.model, 'out') ?? ratio(samples, weights, null, 'out') ?? 1;
      // One average job priced (long-prompt tiers go by the tokens of one request), times the jobs.
      const usage = { input_tokens: (part.est_in * rIn) / part.jobs, output_tokens: (part.est_out * rOut) / part.jobs, cached_input_tokens: 0 };
      total += batchCost(price, usage, at) * part.jobs;
    }
    return total;
  };
  const ones = new Float64Array(samples.length).fill(1);
  const calibrated = project(ones);
  const interval = calibrated === null ? null : bootstrapIntervals(Int32Array.from(samples.keys()), samples.length, (w) => new Map([['usd', project(w)]]), { resamples: RESAMPLES, seed: 1, level: 0.95 }).get('usd');
  const estimates = rest.map((r) => r.est_usd);
  return {
    jobs: rest.reduce((sum, r) => sum + r.jobs, 0),
    estimated_usd: estimates.some((e) => e === null) ? null : estimates.reduce<number>((sum, e) => sum + e!, 0),
    calibrated_usd: calibrated,
    low_usd: interval?.low ?? null,
    high_usd: interval?.high ?? null,
    input_ratio: ratio(samples, ones, null, 'in'),
    output_ratio: ratio(samples, ones, null, 'out'),
  };
}
