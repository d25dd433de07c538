// The one door through which every face creates a run (issue 12): the UI (through the service), the CLI (through
// the service), the library API and the gateway all call estimateRun / submitRun. Both run the same input check
// (inputs/build-jobs), the same validation, plan and estimate (engine/create-run); submit also stores the run and
// wakes the monitor. Jobs stream from the input as run creation reads them (issue 16: never all in memory).
import type { Estimate, NewRunInput } from '../../../shared/contract.ts';
import { NewRunSchema } from '../../../shared/contract.ts';
import { createRun, planRun, type PlanPreview, type RunDraft } from '../../engine/create-run.ts';
import { jobSource } from '../../inputs/build-jobs.ts';
import { readBundleManifest } from '../../inputs/bundle-jobs.ts';
import type { RunOptions } from '../../store/repositories/runs.ts';
import { embeddedInputsFolder, uploadsFolder } from '../../store/data-folder.ts';
import type { EngineHost } from '../engine-host.ts';
import { estimateOf, previewOf } from './estimate.ts';
import { recipeOf } from './run-recipe.ts';

export type RunSource = NonNullable<RunOptions['source']>;

export interface SubmitOptions {
  source: RunSource;
  /** Kept on the run for the face that made it (e.g. the gateway's batch id). */
  extra?: Record<string, unknown>;
  /** Library API: where results.csv and results.json are written when the run has finished. */
  resultsDir?: string;
}

/** `recipe`: keep what the run is made from on it (only a run that is stored needs it; estimates hash no files). */
async function draftOf(host: EngineHost, raw: NewRunInput, options: SubmitOptions, recipe = false): Promise<RunDraft> {
  const { name, cost_limit_usd, time_limit_ms, pilot, scheduled_at, items_per_batch: given_items_per_batch, max_concurrent, max_enqueued_tokens, allow_partial, ...inputs } = NewRunSchema.parse(raw);
  // A bundle's run is split into provider batches as the original was, unless the face says otherwise.
  const bundled = inputs.bundle !== undefined ? await readBundleManifest(inputs.bundle) : null;
  const items_per_batch = given_items_per_batch ?? bundled?.run.items_per_batch ?? undefined;
  return {
    jobs: jobSource(inputs, { attachmentsDir: embeddedInputsFolder(host.dataFolder), uploadsDir: uploadsFolder(host.dataFolder), resolveModel: (id) => host.ctx.registry.resolve(id) }),
    ...(recipe ? { recipe: await recipeOf(inputs, bundled?.run.id) } : {}),
    source: options.source,
    ...(name ? { name } : {}),
    ...(cost_limit_usd !== undefined ? { costLimitUsd: cost_limit_usd } : {}),
    ...(time_limit_ms !== undefined ? { timeLimitMs: time_limit_ms } : {}),
    ...(pilot !== undefined ? { pilot } : {}),
    ...(scheduled_at !== undefined ? { scheduledAt: scheduled_at } : {}),
    ...(items_per_batch !== undefined ? { itemsPerBatch: items_per_batch } : {}),
    ...(max_concurrent !== undefined ? { maxConcurrent: max_concurrent } : {}),
    ...(max_enqueued_tokens !== undefined ? { maxEnqueuedTokens: max_enqueued_tokens } : {}),
    ...(allow_partial ? { allowPartial: true } : {}),
    ...(options.extra ? { extra: options.extra } : {}),
    ...(options.resultsDir ? { resultsDir: options.resultsDir } : {}),
  };
}

/** What a run would cost and how it would be split, storing and sending nothing. Works without keys. */
export async function estimateRun(host: EngineHost, input: NewRunInput, options: SubmitOptions): Promise<Estimate> {
  const plan = await planRun(host.ctx, await draftOf(host, input, options), { requireKeys: false });
  return { ...estimateOf(plan), preview: await previewOf(host, plan) };
}

export interface Submitted {
  run_id: string;
  plan: PlanPreview;
}

/** Check, plan, estimate and store a run, then wake the monitor to submit what is due. */
export async function submitRun(host: EngineHost, input: NewRunInput, options: SubmitOptions): Promise<Submitted> {
  const { runId, plan } = await createRun(host.ctx, await draftOf(host, input, options, true), { requireKeys: true });
  host.monitor.poke();
  return { run_id: runId, plan };
}
