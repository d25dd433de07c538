// Retry: send a run's failed, expired and cancelled jobs again as new provider batches (optionally to another
// model), under the run's cost limit. Results merge into the same run; attempts are counted per job.
import { plural } from '../../shared/plural.ts';
import { randomUUID } from 'node:crypto';
import { planBatches } from '../core/planner.ts';
import type { EngineContext } from './context.ts';
import { InputError, NotFoundError } from '../core/errors.ts';
import { estimateJobs } from './estimate.ts';
import type { JobSpec, ModelConfig } from '../../shared/domain.ts';
import type { JobRow } from '../store/repositories/jobs.ts';
import type { Provider } from '../core/provider.ts';

export interface RetryOutcome {
  jobs: number;
  batches: number;
  skipped_max_attempts: number;
}

export async function retryRun(ctx: EngineContext, runId: string, options: { model?: string } = {}): Promise<RetryOutcome> {
  const { store, clock } = ctx;
  const run = store.runs.get(runId);
  if (!run) throw new NotFoundError(`no run ${runId}`);
  if (run.status === 'scheduled' || run.status === 'cancelling') throw new InputError(`run ${runId} is ${run.status}; retry it once it has finished`);
  const candidates = [...store.jobs.iterate(runId, `status IN ('failed', 'expired', 'cancelled')`)];
  const eligible = candidates.filter((j) => j.attempts < ctx.settings.maxAttempts);
  if (eligible.length === 0) {
    throw new InputError(candidates.length ? `every failed job of ${runId} already had ${ctx.settings.maxAttempts} attempts` : `run ${runId} has no failed, expired or cancelled jobs to retry`);
  }
  // A retry is new work: a retired model is refused (naming its replacement) whether it is the run's or the override.
  const resolveNew = (id: string) => ctx.registry.resolveForNewWork(id).model;
  const override = options.model ? resolveNew(options.model) : null;
  if (override && run.cost_limit_usd !== null && override.price === null) {
    throw new InputError(`${override.id} has no known price, so the run's cost limit cannot be enforced: set a price for it in settings`);
  }
  const checked: { job: JobRow; model: ModelConfig; spec: JobSpec }[] = [];
  const providers = new Map<string, Provider>();
  for (const job of eligible) {
    const model = override ?? resolveNew(job.model);
    const provider = await ctx.registry.provider(model.provider).catch((error: Error) => {
      throw new InputError(error.message);
    });
    const spec = { ...job.spec, model: model.id };
    const problems = provider.validateJob(spec, model);
    if (problems.length) throw new InputError(problems.map((p) => `${job.label}: ${p}`));
    checked.push({ job, model, spec });
    providers.set(model.provider, provider);
  }
  const estimates = await estimateJobs(checked, (model) => providers.get(model.provider) ?? null);
  const prepared = checked.map((c, i) => ({ ...c, estimate: estimates[i]! }));
  const limits = new Map(await Promise.all(prepared.map(async (p) => [p.model.provider, (await ctx.registry.provider(p.model.provider)).limits] as const)));
  const limitsOf = (name: string) => limits.get(name as never)!;
  const plan = planBatches(
    prepared.map((p) => ({ seq: p.job.seq, provider: p.model.provider, model: p.model.id, endpoint: p.spec.endpoint, bytes: p.estimate.bytes, estimated_usd: p.estimate.batch_usd })),
    limitsOf,
    run.options.itemsPerBatch,
  );
  const now = clock.now();
  // A pilot still waiting for release stays gated: the retried jobs count as pilot jobs.
  const asPilot = Boolean(run.options.pilot && !run.options.pilotReleased);
  // A time limit that has passed would cancel the retry at once: give the retry the run's time limit afresh.
  const start = Math.max(run.created_at, run.scheduled_at ?? run.created_at);
  const deadline = run.deadline_at !== null && now >= run.deadline_at ? now + (run.deadline_at - start) : run.deadline_at;
  store.tx(() => {
    for (const p of prepared) store.jobs.resetForRetry(runId, p.job.seq, p.model.id, p.model.provider, p.spec, p.estimate.batch_usd, now);
    for (const batch of plan) {
      const id = randomUUID();
      store.batches.insert({ id, run_id: runId, provider: batch.provider, model: batch.model, endpoint: batch.endpoint, request_count: batch.seqs.length, estimated_usd: batch.estimated_usd, created_at: now, is_pilot: asPilot });
      store.jobs.assignBatch(runId, batch.seqs, id, now);
    }
    const { stopReason: _done, ...options } = run.options;
    store.runs.update(runId, { deadline_at: deadline, options }, now);
    store.runs.setStatus(runId, 'running', now);
    ctx.events.record(store, now, { type: 'status', run_id: runId, provider_batch_id: null, status: 'running', message: `retrying ${plural(prepared.length, 'job')}${override ? ` with ${override.id}` : ''} in ${plural(plan.length, 'new provider batch', 'new provider batches')}` });
  });
  return { jobs: prepared.length, batches: plan.length, skipped_max_attempts: candidates.length - eligible.length };
}
