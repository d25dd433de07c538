// Estimates before anything is spent: input tokens per job (the provider's tokenizer or count-tokens endpoint for a
// sample, the provider's documented rules for the rest, scaled by what the sample showed), output as a range (typical
// and ceiling), cost at batch and synchronous prices at the submit date (long-prompt tiers and dated prices apply),
// and the request's size.
import type { JobSpec, ModelConfig } from '../../shared/domain.ts';
import { costBreakdown } from '../core/cost.ts';
import { outputRange } from '../core/output-range.ts';
import { estimateRequestBytes } from '../core/planner.ts';
import type { Provider } from '../core/provider.ts';
import { jobTokensByRule } from '../core/token-rules/index.ts';
import { jobTextChars } from '../core/tokens.ts';
import { isTextLike } from '../inputs/attachment.ts';

export { DEFAULT_EXPECTED_OUTPUT_TOKENS } from '../core/output-range.ts';

export interface JobEstimate {
  input_tokens: number;
  /** Typical output (reasoning included). */
  output_tokens: number;
  /** Output if the job uses all of its max_tokens. */
  output_tokens_max: number;
  /** Typical cost at batch prices; null = price unknown. */
  batch_usd: number | null;
  sync_usd: number | null;
  /** Ceiling at batch prices: every output token the request allows. */
  batch_usd_max: number | null;
  bytes: number;
}

export interface EstimateOptions {
  /** When the jobs will be submitted (ms): picks the prices in force then. Absent = the newest known prices. */
  at?: number;
}

/** Jobs counted exactly per model; the rest are estimated by rule and scaled by what the sample showed. */
export const EXACT_COUNT_SAMPLE = 50;

/** One job's estimate from its input tokens: pure, so a streaming caller can run it chunk by chunk. */
export function estimateJob(job: JobSpec, model: ModelConfig, input_tokens: number, at?: number): JobEstimate {
  const output = outputRange(job, model);
  const usage = (output_tokens: number) => ({ input_tokens, output_tokens, cached_input_tokens: 0 });
  const typical = model.price ? costBreakdown(model.price, usage(output.typical), at) : null;
  const ceiling = model.price ? costBreakdown(model.price, usage(output.max), at) : null;
  const binary = job.file ? !isTextLike(job.file.media_type) : false;
  return {
    input_tokens,
    output_tokens: output.typical,
    output_tokens_max: output.max,
    batch_usd: typical?.batch_usd ?? null,
    sync_usd: typical?.sync_usd ?? null,
    batch_usd_max: ceiling?.batch_usd ?? null,
    bytes: estimateRequestBytes(jobTextChars(job), job.file?.size ?? 0, binary),
  };
}

async function exactTokens(job: JobSpec, model: ModelConfig, provider: Provider | null): Promise<number | null> {
  if (!provider?.estimateInputTokens) return null;
  try {
    return await provider.estimateInputTokens(job, model);
  } catch {
    return null; // the rule stands when the tokenizer or count-tokens endpoint is unavailable
  }
}

/** Indexes of jobs per model, in one pass. */
export function indexesByModel(jobs: readonly { model: ModelConfig }[]): Map<string, number[]> {
  const byModel = new Map<string, number[]>();
  jobs.forEach(({ model }, i) => {
    const list = byModel.get(model.id);
    if (list) list.push(i);
    else byModel.set(model.id, [i]);
  });
  return byModel;
}

/** Up to `size` indexes spread evenly over `indexes`. */
export function spreadSample(indexes: readonly number[], size = EXACT_COUNT_SAMPLE): number[] {
  const step = Math.max(1, indexes.length / size);
  return [...new Set(Array.from({ length: Math.min(size, indexes.length) }, (_, k) => indexes[Math.floor(k * step)]!))];
}

interface Sampled {
  index: number;
  spec: JobSpec;
  model: ModelConfig;
  ruleTokens: number;
}

/** What the sample showed: exact counts of the sampled jobs and, per model, the ratio exact / rule. */
export interface SampleCounts {
  /** A job's input tokens: its exact count if it was sampled, else its rule count scaled by its model's ratio. */
  tokensOf(index: number, modelId: string, ruleTokens: number): number;
}

/**
 * The jobs to count exactly, chosen as jobs stream past: per model every `stride`-th job, the stride doubling
 * (and every other pick dropped) whenever 2 × EXACT_COUNT_SAMPLE are held. So the picks stay evenly spread over
 * however many jobs come, and memory stays at most 2 × EXACT_COUNT_SAMPLE specs per model.
 */
export class ExactCountSample {
  private readonly perModel = new Map<string, { stride: number; seen: number; picked: Sampled[] }>();

  offer(index: number, spec: JobSpec, model: ModelConfig, ruleTokens: number): void {
    let state = this.perModel.get(model.id);
    if (!state) this.perModel.set(model.id, (state = { stride: 1, seen: 0, picked: [] }));
    if (state.seen % state.stride === 0) {
      state.picked.push({ index, spec, model, ruleTokens });
      if (state.picked.length >= 2 * EXACT_COUNT_SAMPLE) {
        state.picked = state.picked.filter((_, k) => k % 2 === 0);
        state.stride *= 2;
      }
    }
    state.seen += 1;
  }

  /** Count up to EXACT_COUNT_SAMPLE picks per model with the provider's tokenizer or count-tokens endpoint. */
  async count(providerOf: (model: ModelConfig) => Provider | null): Promise<SampleCounts> {
    const exact = new Map<number, number>();
    const ratio = new Map<string, number>();
    for (const [modelId, { picked }] of this.perModel) {
      let counted = 0;
      let ruled = 0;
      for (const k of spreadSample(picked.map((_, k) => k))) {
        const { index, spec, model, ruleTokens } = picked[k]!;
        const tokens = await exactTokens(spec, model, providerOf(model));
        if (tokens === null) continue;
        exact.set(index, tokens);
        counted += tokens;
        ruled += ruleTokens;
      }
      ratio.set(modelId, ruled > 0 ? counted / ruled : 1);
    }
    return { tokensOf: (index, modelId, ruleTokens) => exact.get(index) ?? Math.round(ruleTokens * (ratio.get(modelId) ?? 1)) };
  }
}

/**
 * Estimates for many jobs held in memory (retries). Per model, up to EXACT_COUNT_SAMPLE jobs (spread over the run)
 * are counted with the provider's tokenizer or count-tokens endpoint; every other job gets the rule's count scaled
 * by the ratio the sample showed. A 100,000-job run thus costs 50 count calls per model, not 100,000. Run creation
 * streams the same way through ExactCountSample (engine/create-run.ts).
 */
export async function estimateJobs(jobs: { spec: JobSpec; model: ModelConfig }[], providerOf: (model: ModelConfig) => Provider | null, options: EstimateOptions = {}): Promise<JobEstimate[]> {
  const sample = new ExactCountSample();
  const byRule = jobs.map(({ spec, model }, i) => {
    const tokens = jobTokensByRule(spec, model);
    sample.offer(i, spec, model, tokens);
    return tokens;
  });
  const counts = await sample.count(providerOf);
  return jobs.map(({ spec, model }, i) => estimateJob(spec, model, counts.tokensOf(i, model.id, byRule[i]!), options.at));
}
