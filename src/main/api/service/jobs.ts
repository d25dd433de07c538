// A run's jobs: the filtered, paged table and one job in full (its request as sent, raw result, every attempt).
import { NotFoundError } from '../../core/errors.ts';
import { customIdFor } from '../../engine/custom-id.ts';
import { inputFilePath } from '../../engine/input-files.ts';
import { requestLineFor } from '../../engine/request-line.ts';
import { readLines } from '../../store/files.ts';
import type { JobRow } from '../../store/repositories/jobs.ts';
import type { ResultRow } from '../../store/repositories/results.ts';
import type { EngineHost } from '../engine-host.ts';
import type { FeatureHandlers, ServiceDeps } from './types.ts';

function rowOf(job: JobRow, result: ResultRow | null) {
  return {
    seq: job.seq,
    job_id: job.id,
    input: job.label,
    model: job.model,
    provider: job.provider,
    status: job.status,
    attempts: job.attempts,
    output: result?.text ?? null,
    parsed: result?.parsed ?? null,
    input_tokens: result?.input_tokens ?? 0,
    output_tokens: result?.output_tokens ?? 0,
    cost_usd: result?.cost_usd ?? null,
    error: job.error ?? result?.error ?? null,
    error_category: job.error_category ?? result?.error_category ?? null,
  };
}

function requireRun(host: EngineHost, runId: string): void {
  if (!host.store.runs.get(runId)) throw new NotFoundError(`no run "${runId}"`);
}

/** The job's line in its provider batch's input file, as written; built the same way when not written yet. */
async function requestOf(host: EngineHost, job: JobRow): Promise<unknown> {
  if (!job.provider_batch_id) return null;
  const customId = customIdFor(job.provider_batch_id, job.seq);
  try {
    for await (const { text } of readLines(inputFilePath(host.ctx, { run_id: job.run_id, id: job.provider_batch_id }))) {
      if (!text.includes(customId)) continue;
      const line = JSON.parse(text) as Record<string, unknown>;
      if (line.custom_id === customId || line.key === customId) return line;
    }
  } catch {
    // No input file yet (the batch is still planned): build the line below.
  }
  const provider = await host.ctx.registry.provider(job.provider).catch(() => null);
  if (!provider) return null;
  return requestLineFor(provider, { customId, job: job.spec, model: host.ctx.registry.resolve(job.model) }).catch(() => null);
}

export function jobHandlers(deps: ServiceDeps): FeatureHandlers<'runs.jobs' | 'runs.job'> {
  const { host } = deps;
  const { store } = host;
  return {
    'runs.jobs': async ({ run_id, status, model, error_category, search, limit, after_seq }) => {
      requireRun(host, run_id);
      const filter = { ...(status ? { status } : {}), ...(model ? { model } : {}), ...(error_category ? { errorCategory: error_category } : {}), ...(search ? { search } : {}) };
      const jobs = store.jobs.page(run_id, filter, limit + 1, after_seq);
      const data = jobs.slice(0, limit).map((job) => rowOf(job, store.results.current(run_id, job.seq)));
      return { data, has_more: jobs.length > limit, total: store.jobs.counts(run_id).total };
    },
    'runs.job': async ({ run_id, job_id }) => {
      requireRun(host, run_id);
      const job = store.jobs.byId(run_id, job_id);
      if (!job) throw new NotFoundError(`run ${run_id} has no job "${job_id}"`);
      const result = store.results.current(run_id, job.seq);
      return {
        ...rowOf(job, result),
        spec: job.spec,
        request: await requestOf(host, job),
        raw: result?.raw ?? null,
        citations: result?.citations ?? [],
        schema_errors: result?.schema_errors ?? [],
        cached_input_tokens: result?.cached_input_tokens ?? 0,
        attempts_history: store.results.forJob(run_id, job.seq).map((r) => ({ provider_batch_id: r.provider_batch_id, outcome: r.outcome, error: r.error, cost_usd: r.cost_usd })),
      };
    },
  };
}
