// Output tokens of one job as a range: what a typical answer on this model takes (reasoning included, from the
// catalog's expected_output) and the ceiling the request allows (the job's max_tokens, else what Batchdesk sends as
// max_tokens, else the model's max output). The UI and CLI show "typically $a, at most $b"; a cost limit checks b.
import type { JobSpec, ModelConfig } from '../../shared/domain.ts';

/** Expected output when the catalog says nothing about the model: a paragraph-length answer. */
export const DEFAULT_EXPECTED_OUTPUT_TOKENS = 256;

export interface OutputRange {
  typical: number;
  max: number;
}

export function outputRange(job: Pick<JobSpec, 'endpoint' | 'params'>, model: Pick<ModelConfig, 'max_output_tokens' | 'default_max_tokens' | 'expected_output'>): OutputRange {
  if (job.endpoint === 'embeddings') return { typical: 0, max: 0 };
  const max = Math.min(job.params.max_tokens ?? model.default_max_tokens ?? model.max_output_tokens, model.max_output_tokens);
  const typical = Math.min(model.expected_output?.typical_tokens ?? DEFAULT_EXPECTED_OUTPUT_TOKENS, max);
  return { typical, max };
}
