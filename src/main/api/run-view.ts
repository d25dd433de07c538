// How a run is reported: the contract's RunView (src/shared/contract.ts), the shape of `batchdesk status --json`,
// BatchRun.status() and the UI's run header.
import type { RunStatus } from '../../shared/domain.ts';
import type { RunView } from '../../shared/contract.ts';
import { NotFoundError } from '../core/errors.ts';
import type { EngineContext } from '../engine/context.ts';
import { calibrateRest } from '../engine/pilot-calibration.ts';
import { pilotFigures } from '../engine/run-lifecycle.ts';
import { batchResults } from './batch-results.ts';
import { COMPLETION_WINDOW_MS } from '../providers/completion-windows.ts';
import type { ProviderBatchRow } from '../store/repositories/provider-batches.ts';

export type { ProviderBatchView, RunView } from '../../shared/contract.ts';

export function runView(ctx: EngineContext, runId: string): RunView {
  const { store } = ctx;
  const run = store.runs.get(runId);
  if (!run) throw new NotFoundError(`no run "${runId}" in ${store.dataFolder} (batchdesk list shows the runs)`);
  const batches = store.batches.forRun(run.id).map((b) => ({
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
    next_check_at: nextCheckAt(b),
    expires_at: b.submitted_at !== null && b.finished_at === null ? b.submitted_at + COMPLETION_WINDOW_MS[b.provider] : null,
    blocked: blockedOf(b),
    results: batchResults(store, b),
  }));
  return {
    run_id: run.id,
    name: run.name,
    status: run.status,
    simulated: run.simulated,
    created_at: run.created_at,
    scheduled_at: run.scheduled_at,
    jobs: store.jobs.counts(run.id),
    cost_usd: { estimated: run.estimated_usd, actual: store.results.actualUsd(run.id), limit: run.cost_limit_usd },
    provider_batches: batches,
    pilot: run.options.pilot ? pilotView(ctx, run.id, run.options.pilotReleased ?? false) : null,
    blocked: isFinished(run.status) ? null : (batches.find((b) => b.blocked)?.blocked ?? null),
    orphans: store.orphans.forRun(run.id).map((o) => ({
      provider: o.provider,
      remote_id: o.remote_id!,
      provider_batch_id: o.provider_batch_id,
      state: o.state === 'cancel' ? ('cancelling' as const) : ('cancelled' as const),
      found_at: o.created_at,
    })),
  };
}

function pilotView(ctx: EngineContext, runId: string, released: boolean): NonNullable<RunView['pilot']> {
  const finished = ctx.store.batches.forRun(runId).filter((b) => b.is_pilot).every((b) => b.ingested_at !== null);
  return { ...pilotFigures(ctx, runId), released, finished, rest: finished && !released ? calibrateRest(ctx, runId) : null };
}

/**
 * Held up: not settled yet, with a reason (the provider cannot be reached, refuses the key, an earlier create is
 * being settled, the results cannot be downloaded) and the time of the next try. A batch that ended for good is not
 * blocked: its status is terminal and `last_error` says why.
 */
function blockedOf(batch: ProviderBatchRow): { reason: string; retry_at: number | null } | null {
  if (batch.last_error === null || batch.ingested_at !== null) return null;
  return { reason: batch.last_error, retry_at: batch.next_poll_at };
}

const WAITING = new Set(['planned', 'submitting', 'validating', 'in_progress', 'finalizing', 'cancelling']);

/** When the monitor next looks at this batch: its next poll, or the retry of a send that failed. */
function nextCheckAt(batch: ProviderBatchRow): number | null {
  if (!WAITING.has(batch.status)) return batch.ingested_at === null && batch.remote_id ? batch.next_poll_at : null;
  return batch.next_poll_at;
}

/** A run as the runs list shows it: the view without its batches and pilot, with its models. */
export function runSummary(ctx: EngineContext, runId: string) {
  const { provider_batches: _batches, pilot: _pilot, orphans: _orphans, ...summary } = runView(ctx, runId);
  return { ...summary, models: ctx.store.jobs.models(runId) };
}

export function isFinished(status: RunStatus): boolean {
  return status === 'completed' || status === 'cancelled';
}
