// Estimates before anything is spent: tokens per job (the provider's tokenizer or count-tokens endpoint when it
// has one, else the documented approximation), cost at batch and synchronous prices, and the request's size.
import type { JobSpec, ModelConfig } from '../../shared/domain.ts';
import { costBreakdown } from '../core/cost.ts';
import { estimateRequestBytes } from '../core/planner.ts';
import type { Provider } from '../core/provider.ts';
import { approximateJobTokens, jobTextChars } from '../core/tokens.ts';
import { isTextLike } from '../inputs/attachment.ts';

/** Expected output when the job sets no max_tokens: a paragraph-length answer. */
export const DEFAULT_EXPECTED_OUTPUT_TOKENS = 256;

export interface JobEstimate {
  input_tokens: number;
  output_tokens: number;
  batch_usd: number | null;
  sync_usd: number | null;
  bytes: number;
}

/** Jobs counted exactly per model; the rest are approximated and scaled by what the sample showed. */
export const EXACT_COUNT_SAMPLE = 50;

function estimateFrom(job: JobSpec, model: ModelConfig, input_tokens: number): JobEstimate {
  const output_tokens = job.endpoint === 'embeddings' ? 0 : Math.min(job.params.max_tokens ?? DEFAULT_EXPECTED_OUTPUT_TOKENS, model.max_output_tokens);
  const cost = model.price ? costBreakdown(model.price, { input_tokens, output_tokens, cached_input_tokens: 0 }) : null;
  const binary = job.file ? !isTextLike(job.file.media_type) : false;
  return {
    input_tokens,
    output_tokens,
    batch_usd: cost?.batch_usd ?? null,
    sync_usd: cost?.sync_usd ?? null,
    bytes: estimateRequestBytes(jobTextChars(job), job.file?.size ?? 0, binary),
  };
}

async function exactTokens(job: JobSpec, model: ModelConfig, provider: Provider | null): Promise<number | null> {
  if (!provider?.estimateInputTokens) return null;
  try {
    return await provider.estimateInputTokens(job, model);
  } catch {
    return null; // the approximation stands when the tokenizer or count-tokens endpoint is unavailable
  }
}

/**
 * Estimates for many jobs. Per model, up to EXACT_COUNT_SAMPLE jobs (spread over the run) are counted with the
 * provider's tokenizer or count-tokens endpoint; every other job gets the approximation scaled by the ratio the
 * sample showed. A 100,000-job run thus costs 50 count calls per model, not 100,000.
 */
export async function estimateJobs(jobs: { spec: JobSpec; model: ModelConfig }[], providerOf: (model: ModelConfig) => Provider | null): Promise<JobEstimate[]> {
  const approx = jobs.map(({ spec }) => approximateJobTokens(spec));
  const exact = new Map<number, number>();
  const byModel = new Map<string, number[]>();
  jobs.forEach(({ model }, i) => byModel.set(model.id, [...(byModel.get(model.id) ?? []), i]));
  const ratio = new Map<string, number>();
  for (const [modelId, indexes] of byModel) {
    const step = Math.max(1, indexes.length / EXACT_COUNT_SAMPLE);
    const sample = [...new Set(Array.from({ length: Math.min(EXACT_COUNT_SAMPLE, indexes.length) }, (_, k) => indexes[Math.floor(k * step)]!))];
    let counted = 0;
    let approximated = 0;
    for (const i of sample) {
      const tokens = await exactTokens(jobs[i]!.spec, jobs[i]!.model, providerOf(jobs[i]!.model));
      if (tokens === null) continue;
      exact.set(i, tokens);
      counted += tokens;
      approximated += approx[i]!;
    }
    ratio.set(modelId, approximated > 0 ? counted / approximated : 1);
  }
  return jobs.map(({ spec, model }, i) => estimateFrom(spec, model, exact.get(i) ?? Math.round(approx[i]! * ratio.get(model.id)!)));
}
