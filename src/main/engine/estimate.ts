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

export async function estimateJob(job: JobSpec, model: ModelConfig, provider: Provider | null): Promise<JobEstimate> {
  let input_tokens = approximateJobTokens(job);
  if (provider?.estimateInputTokens) {
    try {
      input_tokens = await provider.estimateInputTokens(job, model);
    } catch {
      // The approximation stands when the tokenizer or count-tokens endpoint is unavailable.
    }
  }
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
