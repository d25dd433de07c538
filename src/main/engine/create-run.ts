// Turn a draft (jobs + limits) into a stored run: validate every job, estimate, plan provider batches, then write
// run, jobs and planned batches in one transaction. Any problem → InputError and nothing is written.
import { randomUUID } from 'node:crypto';
import type { JobSpec, ModelConfig, ProviderName } from '../../shared/domain.ts';
import { planBatches, type PlannedBatch } from '../core/planner.ts';
import type { Provider } from '../core/provider.ts';
import { inputKindOf } from '../inputs/attachment.ts';
import type { RunOptions } from '../store/repositories/runs.ts';
import type { EngineContext } from './context.ts';
import { InputError } from '../core/errors.ts';
import { estimateJobs, type JobEstimate } from './estimate.ts';
import { pilotSample } from './pilot.ts';
import { writeInputFile } from './input-files.ts';
import { jobsLeftOutByCostLimit } from './cost-limit.ts';
import { COST_LIMIT_REASON } from './cost-tracker.ts';

export interface RunDraft {
  name?: string;
  jobs: JobSpec[];
  costLimitUsd?: number;
  timeLimitMs?: number;
  scheduledAt?: number;
  /** Pilot size: a number of jobs, or a fraction (0 < f < 1) of them. */
  pilot?: number;
  itemsPerBatch?: number;
  maxConcurrent?: number;
  resultsDir?: string;
  source?: RunOptions['source'];
  extra?: Record<string, unknown>;
  /** With a cost limit below the run's ceiling: send the jobs that fit and leave the rest out. */
  allowPartial?: boolean;
}

export interface PlanPreview {
  jobs: { spec: JobSpec; model: ModelConfig; estimate: JobEstimate }[];
  /** `id` is set once the run is stored. */
  batches: (PlannedBatch & { is_pilot: boolean; id?: string })[];
  estimated_usd: number | null;
  sync_usd: number | null;
  input_tokens: number;
  output_tokens: number;
  /** Things the user should know before submitting (a model shutting down inside the run's window). */
  warnings: string[];
  /** Seqs of the jobs the cost limit leaves out (allowPartial): stored as not submitted, in no provider batch. */
  left_out: number[];
}

async function providerOrNull(ctx: EngineContext, name: ProviderName): Promise<Provider | null> {
  return ctx.registry.provider(name).catch(() => null);
}

export async function planRun(ctx: EngineContext, draft: RunDraft, options: { requireKeys: boolean }): Promise<PlanPreview> {
  const problems: string[] = [];
  if (draft.jobs.length === 0) throw new InputError('no inputs: give files, --dataset, --requests or messages');
  if (draft.costLimitUsd !== undefined && !(draft.costLimitUsd > 0)) problems.push('the cost limit must be a positive number of USD');
  const seen = new Set<string>();
  const providers = new Map<ProviderName, Provider | null>();
  const checked: { spec: JobSpec; model: ModelConfig }[] = [];
  const submitAt = draft.scheduledAt ?? ctx.clock.now();
  const models = new Map<string, { model: ModelConfig; warning: string | null } | { problem: string }>();
  const warnings = new Set<string>();
  for (const spec of draft.jobs) {
    if (seen.has(spec.id)) problems.push(`duplicate job id "${spec.id}"`);
    seen.add(spec.id);
    let known = models.get(spec.model);
    if (!known) {
      try {
        known = ctx.registry.resolveForNewWork(spec.model, submitAt);
      } catch (error) {
        known = { problem: (error as Error).message };
      }
      models.set(spec.model, known);
    }
    if ('problem' in known) {
      problems.push(known.problem);
      continue;
    }
    const { model } = known;
    if (known.warning) warnings.add(known.warning);
    if (!providers.has(model.provider)) {
      const provider = await providerOrNull(ctx, model.provider);
      providers.set(model.provider, provider);
      if (!provider && options.requireKeys) {
        await ctx.registry.provider(model.provider).catch((error: Error) => problems.push(error.message));
      }
    }
    const provider = providers.get(model.provider) ?? null;
    const job: JobSpec = { ...spec, model: model.id };
    if (job.file && !model.inputs.includes(inputKindOf(job.file.media_type))) {
      problems.push(`${job.label}: ${model.id} does not accept ${inputKindOf(job.file.media_type)} input`);
    }
    if (!model.endpoints.includes(job.endpoint)) problems.push(`${job.label}: ${model.id} does not serve the ${job.endpoint} endpoint`);
    if (job.schema && !model.structured_output) problems.push(`${job.label}: ${model.id} has no structured output`);
    if (provider) for (const problem of provider.validateJob(job, model)) problems.push(`${job.label}: ${problem}`);
    checked.push({ spec: job, model });
  }
  const estimates = await estimateJobs(checked, (model) => providers.get(model.provider) ?? null, { at: submitAt });
  const resolved: PlanPreview['jobs'] = checked.map((job, i) => ({ ...job, estimate: estimates[i]! }));
  for (const { spec, model, estimate } of resolved) {
    if (estimate.input_tokens > model.context_tokens) {
      problems.push(`${spec.label}: about ${estimate.input_tokens.toLocaleString('en-US')} input tokens, more than ${model.id}'s context window of ${model.context_tokens.toLocaleString('en-US')} tokens: shorten it or choose a model with a larger context`);
    }
  }
  if (draft.costLimitUsd !== undefined) {
    const unpriced = [...new Set(resolved.filter((j) => j.model.price === null).map((j) => j.model.id))];
    for (const id of unpriced) problems.push(`${id} has no known price, so a cost limit cannot be enforced: set a price for it in settings, or run without --cost-limit`);
  }
  if (problems.length) throw new InputError([...new Set(problems)]);

  const pilot = pilotSample(resolved.length, draft.pilot);
  // The cost limit: refused here, before anything is stored, unless it fits (or allowPartial trims the run).
  const leftOut = jobsLeftOutByCostLimit(draft, resolved.map((j) => j.estimate), pilot);
  const kept = resolved.filter((_, seq) => !leftOut.has(seq));
  const limitsOf = (name: ProviderName) => providers.get(name)?.limits ?? { maxRequests: 50_000, maxBytes: 200 * 1024 * 1024 };
  const items = (subset: number[]) =>
    subset.map((seq) => {
      const { model, estimate, spec } = resolved[seq]!;
      return { seq, provider: model.provider, model: model.id, endpoint: spec.endpoint, bytes: estimate.bytes, estimated_usd: estimate.batch_usd };
    });
  const pilotSet = new Set(pilot);
  const rest = resolved.map((_, seq) => seq).filter((seq) => !pilotSet.has(seq) && !leftOut.has(seq));
  const batches = [
    ...planBatches(items(pilot), limitsOf, draft.itemsPerBatch).map((b) => ({ ...b, is_pilot: true })),
    ...planBatches(items(rest), limitsOf, draft.itemsPerBatch).map((b) => ({ ...b, is_pilot: false })),
  ];
  const sum = (pick: (e: JobEstimate) => number | null) =>
    kept.reduce<number | null>((acc, j) => (acc === null || pick(j.estimate) === null ? null : acc + pick(j.estimate)!), 0);
  return {
    jobs: resolved,
    batches,
    estimated_usd: sum((e) => e.batch_usd),
    sync_usd: sum((e) => e.sync_usd),
    input_tokens: kept.reduce((a, j) => a + j.estimate.input_tokens, 0),
    output_tokens: kept.reduce((a, j) => a + j.estimate.output_tokens, 0),
    warnings: [...warnings],
    left_out: [...leftOut],
  };
}

/** Store a planned run. Returns its id. */
export function storeRun(ctx: EngineContext, draft: RunDraft, plan: PlanPreview): string {
  const { store, clock } = ctx;
  const now = clock.now();
  const runId = `run_${now.toString(36)}${randomUUID().replace(/-/g, '').slice(0, 10)}`;
  const simulated = plan.jobs.some((j) => j.model.simulated);
  const leftOut = new Set(plan.left_out);
  store.tx(() => {
    store.runs.insert({
      id: runId,
      name: draft.name ?? `${plan.jobs.length} jobs · ${[...new Set(plan.jobs.map((j) => j.model.id))].join(', ')}`,
      status: draft.scheduledAt !== undefined && draft.scheduledAt > now ? 'scheduled' : 'running',
      created_at: now,
      updated_at: now,
      finished_at: null,
      scheduled_at: draft.scheduledAt ?? null,
      deadline_at: draft.timeLimitMs !== undefined ? Math.max(now, draft.scheduledAt ?? now) + draft.timeLimitMs : null,
      cost_limit_usd: draft.costLimitUsd ?? null,
      estimated_usd: plan.estimated_usd,
      options: {
        ...(draft.itemsPerBatch ? { itemsPerBatch: draft.itemsPerBatch } : {}),
        ...(draft.maxConcurrent ? { maxConcurrent: draft.maxConcurrent } : {}),
        ...(draft.resultsDir ? { resultsDir: draft.resultsDir } : {}),
        ...(plan.batches.some((b) => b.is_pilot) ? { pilot: plan.batches.filter((b) => b.is_pilot).reduce((a, b) => a + b.seqs.length, 0), pilotReleased: false } : {}),
        source: draft.source ?? 'library',
        ...(draft.extra ? { extra: draft.extra } : {}),
      },
      simulated,
    });
    plan.jobs.forEach(({ spec, model, estimate }, seq) =>
      store.jobs.insert({
        run_id: runId,
        seq,
        id: spec.id,
        label: spec.label,
        model: model.id,
        provider: model.provider,
        spec,
        ...(leftOut.has(seq) ? { status: 'cancelled' as const, error: COST_LIMIT_REASON, error_category: 'cost_limit' as const } : { status: 'pending' as const, error: null, error_category: null }),
        attempts: 0,
        provider_batch_id: null,
        estimated_input_tokens: estimate.input_tokens,
        estimated_output_tokens: estimate.output_tokens,
        estimated_usd: estimate.batch_usd,
        updated_at: now,
      }),
    );
    for (const batch of plan.batches) {
      const id = randomUUID();
      batch.id = id;
      store.batches.insert({ id, run_id: runId, provider: batch.provider, model: batch.model, endpoint: batch.endpoint, request_count: batch.seqs.length, estimated_usd: batch.estimated_usd, created_at: now, is_pilot: batch.is_pilot });
      store.jobs.assignBatch(runId, batch.seqs, id, now);
    }
    ctx.events.record(store, now, { type: 'status', run_id: runId, provider_batch_id: null, status: 'running', message: `created with ${plan.jobs.length} jobs in ${plan.batches.length} provider batches` });
    for (const warning of plan.warnings) ctx.events.record(store, now, { type: 'warning', run_id: runId, provider_batch_id: null, code: 'model_lifecycle', message: warning });
  });
  return runId;
}

/**
 * Store a planned run and write its provider input files from the jobs in memory (the requests as they will be
 * sent). A file that cannot be written now is written again from the store at submit time.
 */
export async function createRun(ctx: EngineContext, draft: RunDraft, plan: PlanPreview): Promise<string> {
  const runId = storeRun(ctx, draft, plan);
  for (const batch of plan.batches) {
    const jobs = batch.seqs.map((seq) => ({ seq, spec: plan.jobs[seq]!.spec }));
    await writeInputFile(ctx, { run_id: runId, id: batch.id!, provider: batch.provider, model: batch.model }, jobs).catch(() => undefined);
  }
  return runId;
}
