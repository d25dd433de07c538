// How a run is reported: the shape of `batchdesk status --json`, BatchRun.status() and the UI's run header.
import type { BatchStatus, JobCounts, RunStatus } from '../../shared/domain.ts';
import type { BatchCounts } from '../core/provider.ts';
import { NotFoundError } from '../core/errors.ts';
import type { EngineContext } from '../engine/context.ts';
import { pilotFigures } from '../engine/run-lifecycle.ts';

export interface ProviderBatchView {
  id: string;
  provider: string;
  model: string;
  endpoint: string;
  status: BatchStatus;
  remote_id: string | null;
  request_count: number;
  counts: BatchCounts | null;
  counts_live: boolean;
  is_pilot: boolean;
  estimated_usd: number | null;
  actual_usd: number | null;
  submitted_at: number | null;
  finished_at: number | null;
  last_error: string | null;
}

export interface RunView {
  run_id: string;
  name: string;
  status: RunStatus;
  simulated: boolean;
  created_at: number;
  scheduled_at: number | null;
  jobs: JobCounts;
  cost_usd: { estimated: number | null; actual: number; limit: number | null };
  provider_batches: ProviderBatchView[];
  pilot: (ReturnType<typeof pilotFigures> & { released: boolean }) | null;
}

export function runView(ctx: EngineContext, runId: string): RunView {
  const { store } = ctx;
  const run = store.runs.get(runId);
  if (!run) throw new NotFoundError(`no run "${runId}" in ${store.dataFolder} (batchdesk list shows the runs)`);
  return {
    run_id: run.id,
    name: run.name,
    status: run.status,
    simulated: run.simulated,
    created_at: run.created_at,
    scheduled_at: run.scheduled_at,
    jobs: store.jobs.counts(run.id),
    cost_usd: { estimated: run.estimated_usd, actual: store.results.actualUsd(run.id), limit: run.cost_limit_usd },
    provider_batches: store.batches.forRun(run.id).map((b) => ({
      id: b.id,
      provider: b.provider,
      model: b.model,
      endpoint: b.endpoint,
      status: b.status,
      remote_id: b.remote_id,
      request_count: b.request_count,
      counts: b.counts,
      counts_live: b.counts_live,
      is_pilot: b.is_pilot,
      estimated_usd: b.estimated_usd,
      actual_usd: b.actual_usd,
      submitted_at: b.submitted_at,
      finished_at: b.finished_at,
      last_error: b.last_error,
    })),
    pilot: run.options.pilot ? { ...pilotFigures(ctx, run.id), released: run.options.pilotReleased ?? false } : null,
  };
}

export function isFinished(status: RunStatus): boolean {
  return status === 'completed' || status === 'cancelled';
}
