// A run's own status follows from its jobs and provider batches: finished when every job has ended, waiting
// for release when its pilot is done, cancelled when the user (or the time limit) stopped it.
import { plural } from '../../shared/plural.ts';
import type { JobCounts, RunStatus } from '../../shared/domain.ts';
import type { EngineContext } from './context.ts';
import { InputError, NotFoundError } from '../core/errors.ts';
import { calibrateRest, type RestEstimate } from './pilot-calibration.ts';

export function pilotFigures(ctx: EngineContext, runId: string) {
  const row = ctx.store.results.pilotTotals(runId);
  const all = ctx.store.jobs.counts(runId).total;
  return {
    jobs: row.total,
    success_rate: row.total ? row.succeeded / row.total : 0,
    schema_valid_rate: row.structured ? row.schema_valid / row.structured : null,
    cost_usd: row.cost,
    projected_cost_usd: row.total ? (row.cost / row.total) * all : 0,
  };
}

const dollars = (usd: number | null) => (usd === null ? 'unknown' : `$${usd < 1 ? usd.toPrecision(2) : usd.toFixed(2)}`);

/** What the user decides the release on: the pilot's success, and the rest re-estimated from what it measured. */
function pilotMessage(figures: ReturnType<typeof pilotFigures>, rest: RestEstimate | null): string {
  const head = `pilot finished: ${Math.round(figures.success_rate * 100)}% of ${plural(figures.jobs, 'job')} succeeded, costing ${dollars(figures.cost_usd)}`;
  if (!rest) return `${head}; release the rest or discard it`;
  const range = rest.low_usd !== null && rest.high_usd !== null ? ` (95% interval ${dollars(rest.low_usd)}–${dollars(rest.high_usd)})` : '';
  return `${head}; the other ${plural(rest.jobs, 'job')} ${rest.jobs === 1 ? 'is' : 'are'} re-estimated at ${dollars(rest.calibrated_usd)}${range} from the tokens the pilot used, against ${dollars(rest.estimated_usd)} estimated before; release the rest or discard it`;
}

function allEnded(counts: JobCounts): boolean {
  return counts.pending === 0 && counts.running === 0;
}

/** Recompute and store a run's status; returns it. */
export function refreshRun(ctx: EngineContext, runId: string): RunStatus {
  const { store, clock } = ctx;
  const run = store.runs.get(runId);
  if (!run) throw new NotFoundError(`no run ${runId}`);
  if (run.status === 'scheduled' || run.status === 'completed' || run.status === 'cancelled') return run.status;
  // A batch of a stopping run can fall back to planned (an ambiguous create that was not found, a failed
  // upload): it must not hold the run in `cancelling` forever.
  if (run.status === 'cancelling' && store.batches.planned(runId).length) store.tx(() => dropUnsent(ctx, runId, run.options.stopReason ?? 'user'));
  const counts = store.jobs.counts(runId);
  const batches = store.batches.forRun(runId);
  // An orphan still to be cancelled keeps the run open, so `--wait` and `watch` keep the monitor until it is.
  const unsettled = batches.some((b) => b.status !== 'planned' && b.ingested_at === null) || store.orphans.uncancelled(runId) > 0;
  const now = clock.now();
  if (allEnded(counts) && !unsettled && !batches.some((b) => b.status === 'planned')) {
    const status: RunStatus = run.status === 'cancelling' ? 'cancelled' : 'completed';
    store.tx(() => {
      store.runs.setStatus(runId, status, now);
      ctx.events.record(store, now, { type: 'finished', run_id: runId, status, counts });
    });
    return status;
  }
  if (run.status === 'running' && run.options.pilot && !run.options.pilotReleased) {
    const pilotDone = batches.filter((b) => b.is_pilot).every((b) => b.ingested_at !== null);
    if (pilotDone) {
      const figures = pilotFigures(ctx, runId);
      store.tx(() => {
        store.runs.setStatus(runId, 'awaiting_release', now);
        ctx.events.record(store, now, {
          type: 'status',
          run_id: runId,
          provider_batch_id: null,
          status: 'awaiting_release',
          message: pilotMessage(figures, calibrateRest(ctx, runId)),
        });
      });
      return 'awaiting_release';
    }
  }
  return run.status;
}

/** Let the rest of a pilot run go out. */
export function releasePilot(ctx: EngineContext, runId: string): void {
  const { store, clock } = ctx;
  const run = store.runs.get(runId);
  if (!run) throw new NotFoundError(`no run ${runId}`);
  if (!run.options.pilot || run.options.pilotReleased) throw new InputError(`run ${runId} has no pilot waiting for release`);
  store.tx(() => {
    store.runs.update(runId, { options: { ...run.options, pilotReleased: true } }, clock.now());
    if (run.status === 'awaiting_release') store.runs.setStatus(runId, 'running', clock.now());
    ctx.events.record(store, clock.now(), { type: 'status', run_id: runId, provider_batch_id: null, status: 'running', message: 'pilot released: submitting the rest' });
  });
}

/**
 * Stop a run: planned work is never sent, live provider batches are cancelled by the monitor (finished results
 * are kept), and the run ends as cancelled once every batch has settled.
 */
export function stopRun(ctx: EngineContext, runId: string, reason: 'user' | 'time_limit'): void {
  const { store, clock } = ctx;
  const run = store.runs.get(runId);
  if (!run) throw new NotFoundError(`no run ${runId}`);
  if (run.status === 'completed' || run.status === 'cancelled') return;
  const now = clock.now();
  store.tx(() => {
    dropUnsent(ctx, runId, reason);
    store.runs.update(runId, { options: { ...run.options, stopReason: reason } }, now);
    store.runs.setStatus(runId, 'cancelling', now);
    ctx.events.record(store, now, { type: 'status', run_id: runId, provider_batch_id: null, status: 'cancelling', message: reason === 'user' ? 'cancel requested' : 'time limit reached: cancelling live batches' });
  });
  refreshRun(ctx, runId);
}

/** Planned batches of a stopping run are never sent; their jobs end cancelled with the reason. */
function dropUnsent(ctx: EngineContext, runId: string, reason: 'user' | 'time_limit'): void {
  const { store, clock } = ctx;
  const now = clock.now();
  const [message, category] = reason === 'user' ? ['cancelled by the user before it was sent', 'cancelled' as const] : ['not sent: the run reached its time limit', 'time_limit' as const];
  // Only planned batches: one being submitted right now settles through its intent like any other.
  for (const batch of store.batches.planned(runId)) {
    store.batches.drop(batch.id, now);
    store.jobs.finishOpen({ providerBatchId: batch.id }, 'cancelled', message, category, now);
  }
}
