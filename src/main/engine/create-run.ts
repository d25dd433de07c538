// Turn a draft (a stream of jobs + limits) into a plan, and store it as a run. Streaming (issue 16): jobs flow from
// the input through the checks into a spool on disk (check-jobs.ts), then from the spool through the estimate and
// the planner into the store in chunks, in one transaction. Memory stays bounded whatever the number of jobs, and
// every job is estimated once. Any problem → InputError naming every problem, and nothing is written.
import { randomUUID } from 'node:crypto';
import { plural } from '../../shared/plural.ts';
import type { JobSpec, ModelConfig, ProviderName } from '../../shared/domain.ts';
import { BatchPlanner, type OpenBatch } from '../core/planner.ts';
import { InputError } from '../core/errors.ts';
import { TimeSlice } from '../core/time-slice.ts';
import type { NewJobRow } from '../store/repositories/jobs.ts';
import type { RunOptions } from '../store/repositories/runs.ts';
import { checkJobs, type CheckedJobs } from './check-jobs.ts';
import type { EngineContext } from './context.ts';
import { estimateJob, type SampleCounts } from './estimate.ts';
import { writeInputFile } from './input-files.ts';
import { CostCeilingTally } from './cost-limit.ts';
import { COST_LIMIT_REASON } from './cost-tracker.ts';
import { pilotSample } from './pilot.ts';
import { PlanTotals, type ModelTotals } from './plan-totals.ts';
import { enqueuedTokenLimit, tokenBudget } from './queue-limits.ts';

export interface RunDraft {
  name?: string;
  /** The jobs, in order: an array or a stream (inputs/build-jobs.ts jobSource). Read once. */
  jobs: Iterable<JobSpec> | AsyncIterable<JobSpec>;
  costLimitUsd?: number;
  timeLimitMs?: number;
  scheduledAt?: number;
  /** Pilot size: a number of jobs, or a fraction (0 < f < 1) of them. */
  pilot?: number;
  itemsPerBatch?: number;
  maxConcurrent?: number;
  /** Most estimated input tokens enqueued per model (overrides the setting and the catalog). */
  maxEnqueuedTokens?: number;
  resultsDir?: string;
  source?: RunOptions['source'];
  extra?: Record<string, unknown>;
  recipe?: RunOptions['recipe'];
  /** With a cost limit below the run's ceiling: send the jobs that fit and leave the rest out. */
  allowPartial?: boolean;
}

export interface PlanBatch {
  provider: ProviderName;
  model: string;
  endpoint: JobSpec['endpoint'];
  requests: number;
  bytes: number;
  input_tokens: number;
  estimated_usd: number | null;
  batch_usd_max: number | null;
  sync_usd: number | null;
  is_pilot: boolean;
  /** Set once the run is stored. */
  id?: string;
}

export interface PlanPreview {
  jobs: number;
  /** The first jobs (for the estimate's preview of requests exactly as sent). */
  first: { spec: JobSpec; model: ModelConfig }[];
  per_model: ModelTotals[];
  /** Pilot batches first, then the rest, in the order they are sent. */
  batches: PlanBatch[];
  estimated_usd: number | null;
  sync_usd: number | null;
  input_tokens: number;
  output_tokens: number;
  simulated: boolean;
  /** Things the user should know before submitting (a model shutting down inside the run's window). */
  warnings: string[];
  /** How many jobs (the last ones) the cost limit leaves out (allowPartial): stored as not submitted, in no provider batch. */
  left_out: number;
}

export interface CreateOptions {
  requireKeys: boolean;
}

/** Jobs written to the store per multi-row insert batch: a few hundred specs in memory at a time. */
const STORE_CHUNK = 512;

/** The plan and estimate of a draft, storing nothing. */
export async function planRun(ctx: EngineContext, draft: RunDraft, options: CreateOptions): Promise<PlanPreview> {
  return (await makeRun(ctx, draft, options, false)).plan;
}

/** Plan a draft and store it as a run (its input files are written at submit time). */
export async function storeRun(ctx: EngineContext, draft: RunDraft, options: CreateOptions = { requireKeys: true }): Promise<{ runId: string; plan: PlanPreview }> {
  const made = await makeRun(ctx, draft, options, true);
  return { runId: made.runId!, plan: made.plan };
}

/**
 * Plan and store a run, then write its provider input files from the store (the requests as they will be sent).
 * A file that cannot be written now is written again from the store at submit time.
 */
export async function createRun(ctx: EngineContext, draft: RunDraft, options: CreateOptions = { requireKeys: true }): Promise<{ runId: string; plan: PlanPreview }> {
  const made = await storeRun(ctx, draft, options);
  for (const batch of made.plan.batches) {
    await writeInputFile(ctx, { run_id: made.runId, id: batch.id!, provider: batch.provider, model: batch.model }).catch(() => undefined);
  }
  return made;
}

async function makeRun(ctx: EngineContext, draft: RunDraft, options: CreateOptions, store: boolean): Promise<{ runId: string | null; plan: PlanPreview }> {
  const checked = await checkJobs(ctx, draft, options);
  try {
    const counts = await checked.sample.count((model) => checked.providers.get(model.provider) ?? null);
    // Refused here, before anything is stored, unless the run fits under its cost limit (or allowPartial trims it).
    const kept = draft.costLimitUsd === undefined || checked.problems.length ? Infinity : await keptUnderCostLimit(draft, checked, counts);
    if (!store || checked.problems.length) {
      // Nothing to store: the plan is made in time slices, so a `serve` process keeps answering meanwhile.
      const plan = await inSlices(planFromSpool(ctx, draft, checked, counts, null, kept));
      if (checked.problems.length) throw new InputError([...new Set(checked.problems)]);
      return { runId: null, plan };
    }
    const runId = `run_${ctx.clock.now().toString(36)}${randomUUID().replace(/-/g, '').slice(0, 10)}`;
    // One transaction (it cannot span an await): a problem found while planning (a job over its context window)
    // rolls every row back.
    const plan = ctx.store.tx(() => {
      insertRun(ctx, draft, checked, runId);
      const made = toEnd(planFromSpool(ctx, draft, checked, counts, runId, kept));
      if (checked.problems.length) throw new InputError([...new Set(checked.problems)]);
      finishRun(ctx, runId, made);
      return made;
    });
    return { runId, plan };
  } finally {
    checked.spool.dispose();
  }
}

/** A step-wise job run to its end at once. */
function toEnd<T>(steps: Generator<void, T>): T {
  for (;;) {
    const step = steps.next();
    if (step.done) return step.value;
  }
}

/** A step-wise job run to its end, yielding to the event loop every time slice. */
async function inSlices<T>(steps: Generator<void, T>): Promise<T> {
  const slice = new TimeSlice();
  for (;;) {
    const step = steps.next();
    if (step.done) return step.value;
    await slice.pause();
  }
}

function insertRun(ctx: EngineContext, draft: RunDraft, checked: CheckedJobs, runId: string): void {
  const now = ctx.clock.now();
  const pilot = pilotSample(checked.spool.count, draft.pilot).length;
  ctx.store.runs.insert({
    id: runId,
    name: draft.name ?? `${plural(checked.spool.count, 'job')} · ${checked.models.map((m) => m.id).join(', ')}`,
    status: draft.scheduledAt !== undefined && draft.scheduledAt > now ? 'scheduled' : 'running',
    created_at: now,
    updated_at: now,
    finished_at: null,
    scheduled_at: draft.scheduledAt ?? null,
    deadline_at: draft.timeLimitMs !== undefined ? Math.max(now, draft.scheduledAt ?? now) + draft.timeLimitMs : null,
    cost_limit_usd: draft.costLimitUsd ?? null,
    estimated_usd: null,
    options: {
      ...(draft.itemsPerBatch ? { itemsPerBatch: draft.itemsPerBatch } : {}),
      ...(draft.maxConcurrent ? { maxConcurrent: draft.maxConcurrent } : {}),
      ...(draft.maxEnqueuedTokens ? { maxEnqueuedTokens: draft.maxEnqueuedTokens } : {}),
      ...(draft.resultsDir ? { resultsDir: draft.resultsDir } : {}),
      ...(pilot > 0 ? { pilot, pilotReleased: false } : {}),
      source: draft.source ?? 'library',
      ...(draft.extra ? { extra: draft.extra } : {}),
      ...(draft.recipe ? { recipe: draft.recipe } : {}),
    },
    simulated: checked.models.some((m) => m.simulated),
  });
}

/** One pass over the spool, estimating every job: how many jobs, from the first, the cost limit keeps. */
async function keptUnderCostLimit(draft: RunDraft, checked: CheckedJobs, counts: SampleCounts): Promise<number> {
  const pilot = new Set(pilotSample(checked.spool.count, draft.pilot));
  const tally = new CostCeilingTally(draft.costLimitUsd!);
  const slice = new TimeSlice();
  let seq = 0;
  for (const job of checked.spool.jobs()) {
    const model = checked.models[job.model]!;
    tally.add(estimateJob(job.spec, model, counts.tokensOf(seq, model.id, job.ruleTokens), checked.submitAt), pilot.has(seq));
    seq += 1;
    await slice.pause();
  }
  return tally.kept(draft.allowPartial ?? false);
}

/**
 * Read the spool once: estimate each job, plan it into a batch, and (when `runId`) store it in chunks. A step per
 * job. `kept`: jobs from this seq on are left out by the cost limit (stored cancelled, never planned into a batch).
 */
function* planFromSpool(ctx: EngineContext, draft: RunDraft, checked: CheckedJobs, counts: SampleCounts, runId: string | null, kept: number): Generator<void, PlanPreview> {
  const { spool, models, problems } = checked;
  const pilot = new Set(pilotSample(spool.count, draft.pilot));
  const limitsOf = (name: ProviderName) => checked.providers.get(name)?.limits ?? { maxRequests: 50_000, maxBytes: 200 * 1024 * 1024 };
  const budgets = new Map(models.map((m) => [m.id, tokenBudget(enqueuedTokenLimit(ctx, m, draft.maxEnqueuedTokens))]));
  const planners = { pilot: new BatchPlanner(limitsOf, draft.itemsPerBatch, (id) => budgets.get(id) ?? null), rest: new BatchPlanner(limitsOf, draft.itemsPerBatch, (id) => budgets.get(id) ?? null) };
  const totals = new PlanTotals();
  const ids = new Map<OpenBatch, string>();
  const now = ctx.clock.now();
  let rows: NewJobRow[] = [];
  let seq = 0;
  for (const job of spool.jobs()) {
    const { spec } = job;
    const model = models[job.model]!;
    const estimate = estimateJob(spec, model, counts.tokensOf(seq, model.id, job.ruleTokens), checked.submitAt);
    if (estimate.input_tokens > model.context_tokens) {
      problems.push(`${spec.label}: about ${estimate.input_tokens.toLocaleString('en-US')} input tokens, more than ${model.id}'s context window of ${model.context_tokens.toLocaleString('en-US')} tokens: shorten it or choose a model with a larger context`);
    }
    const isPilot = pilot.has(seq);
    const leftOut = seq >= kept;
    const batch = leftOut ? null : (isPilot ? planners.pilot : planners.rest).add({ seq, provider: model.provider, model: model.id, endpoint: spec.endpoint, bytes: estimate.bytes, estimated_usd: estimate.batch_usd, tokens: estimate.input_tokens });
    if (batch) totals.add(model, estimate, batch, isPilot);
    if (runId && problems.length === 0) {
      let batchId = batch ? ids.get(batch) : undefined;
      if (batch && !batchId) ids.set(batch, (batchId = randomUUID()));
      rows.push({
        run_id: runId, seq, id: spec.id, label: spec.label, model: model.id, provider: model.provider, spec_json: job.json(), has_schema: spec.schema != null,
        attempts: 0, provider_batch_id: batchId ?? null, estimated_input_tokens: estimate.input_tokens, estimated_output_tokens: estimate.output_tokens,
        estimated_usd: estimate.batch_usd, updated_at: now,
        ...(leftOut ? { status: 'cancelled' as const, error: COST_LIMIT_REASON, error_category: 'cost_limit' as const } : { status: 'pending' as const, error: null, error_category: null }),
      });
      if (rows.length >= STORE_CHUNK) {
        ctx.store.jobs.insertMany(rows);
        rows = [];
      }
    }
    seq += 1;
    yield;
  }
  if (runId && problems.length === 0) ctx.store.jobs.insertMany(rows);
  const batches = [...planners.pilot.batches(), ...planners.rest.batches()].map((b): PlanBatch => {
    const sums = totals.perBatch.get(b)!;
    return { provider: b.provider, model: b.model, endpoint: b.endpoint, requests: b.requests, bytes: b.bytes, input_tokens: b.tokens, estimated_usd: b.estimated_usd, batch_usd_max: sums.batch_usd_max, sync_usd: sums.sync_usd, is_pilot: sums.is_pilot, ...(ids.has(b) ? { id: ids.get(b)! } : {}) };
  });
  const perModel = totals.models();
  return {
    jobs: spool.count,
    first: checked.first,
    per_model: perModel,
    batches,
    estimated_usd: totals.sum((m) => m.batch_usd),
    sync_usd: totals.sum((m) => m.sync_usd),
    input_tokens: perModel.reduce((a, m) => a + m.input_tokens, 0),
    output_tokens: perModel.reduce((a, m) => a + m.output_tokens, 0),
    simulated: models.some((m) => m.simulated),
    warnings: checked.warnings,
    left_out: Math.max(0, spool.count - kept),
  };
}

function finishRun(ctx: EngineContext, runId: string, plan: PlanPreview): void {
  const { store } = ctx;
  const now = ctx.clock.now();
  for (const batch of plan.batches) {
    store.batches.insert({ id: batch.id!, run_id: runId, provider: batch.provider, model: batch.model, endpoint: batch.endpoint, request_count: batch.requests, estimated_usd: batch.estimated_usd, created_at: now, is_pilot: batch.is_pilot });
  }
  store.runs.update(runId, { estimated_usd: plan.estimated_usd }, now);
  ctx.events.record(store, now, { type: 'status', run_id: runId, provider_batch_id: null, status: 'running', message: `created with ${plural(plan.jobs, 'job')} in ${plural(plan.batches.length, 'provider batch', 'provider batches')}` });
  for (const warning of plan.warnings) ctx.events.record(store, now, { type: 'warning', run_id: runId, provider_batch_id: null, code: 'model_lifecycle', message: warning });
}
