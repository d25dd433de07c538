// JobResult records (seed 004) for a run: every job with the result of its current attempt.
import type { JobResult } from '../../shared/domain.ts';
import type { EngineContext } from '../engine/context.ts';

export function jobResults(ctx: EngineContext, runId: string): JobResult[] {
  const results: JobResult[] = [];
  for (const row of ctx.store.exportRows.iterate(runId)) {
    results.push({
      job_id: row.job_id,
      label: row.input,
      model: row.model,
      provider: row.provider as JobResult['provider'],
      status: row.status,
      text: row.output,
      parsed: row.parsed,
      citations: row.citations,
      schema_errors: row.schema_errors,
      input_tokens: row.input_tokens,
      output_tokens: row.output_tokens,
      cached_input_tokens: row.cached_input_tokens,
      cost_usd: row.cost_usd,
      error: row.error,
      error_category: row.error_category as JobResult['error_category'],
      simulated: row.simulated,
    });
  }
  return results;
}
