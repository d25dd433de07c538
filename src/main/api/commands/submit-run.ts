// The one door through which every face creates a run (issue 12): the UI (through the service), the CLI (through
// the service), the library API and the gateway all call estimateRun / submitRun. Both run the same input check
// (inputs/build-jobs), the same validation, plan and estimate (engine/create-run); submit also stores the run and
// wakes the monitor.
import type { Estimate, NewRunInput } from '../../../shared/contract.ts';
import { NewRunSchema } from '../../../shared/contract.ts';
import { createRun, planRun, type PlanPreview, type RunDraft } from '../../engine/create-run.ts';
import { buildJobs } from '../../inputs/build-jobs.ts';
import type { RunOptions } from '../../store/repositories/runs.ts';
import { embeddedInputsFolder, uploadsFolder } from '../../store/data-folder.ts';
import type { EngineHost } from '../engine-host.ts';
import { estimateOf, previewOf } from './estimate.ts';

export type RunSource = NonNullable<RunOptions['source']>;

export interface SubmitOptions {
  source: RunSource;
  /** Kept on the run for the face that made it (e.g. the gateway's batch id). */
  extra?: Record<string, unknown>;
  /** Library API: where results.csv and results.json are written when the run has finished. */
  resultsDir?: string;
}

async function draftOf(host: EngineHost, raw: NewRunInput, options: SubmitOptions): Promise<RunDraft> {
  const { name, cost_limit_usd, time_limit_ms, pilot, scheduled_at, items_per_batch, max_concurrent, allow_partial, ...inputs } = NewRunSchema.parse(raw);
  return {
    jobs: await buildJobs(inputs, { attachmentsDir: embeddedInputsFolder(host.dataFolder), uploadsDir: uploadsFolder(host.dataFolder) }),
    source: options.source,
    ...(name ? { name } : {}),
    ...(cost_limit_usd !== undefined ? { costLimitUsd: cost_limit_usd } : {}),
    ...(time_limit_ms !== undefined ? { timeLimitMs: time_limit_ms } : {}),
    ...(pilot !== undefined ? { pilot } : {}),
    ...(scheduled_at !== undefined ? { scheduledAt: scheduled_at } : {}),
    ...(items_per_batch !== undefined ? { itemsPerBatch: items_per_batch } : {}),
    ...(max_concurrent !== undefined ? { maxConcurrent: max_concurrent } : {}),
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
  const draft = await draftOf(host, input, options);
  const plan = await planRun(host.ctx, draft, { requireKeys: true });
  const runId = await createRun(host.ctx, draft, plan);
  host.monitor.poke();
  return { run_id: runId, plan };
}
