// Decide what of a run goes out now: planned provider batches, in order, within the run's concurrency cap, its
// pilot gate, its time limit and its cost limit (CostTracker).
import { rm } from 'node:fs/promises';
import type { RunRow } from '../store/repositories/runs.ts';
import type { EngineContext } from './context.ts';
import { CostTracker } from './cost-tracker.ts';
import { stopRun } from './run-lifecycle.ts';
import { inputFilePath } from './input-files.ts';
import { submitBatch } from './submitter.ts';
import { QueueGate } from './queue-limits.ts';

export async function dispatchRun(ctx: EngineContext, run: RunRow, blockedProviders: Set<string>, signal?: AbortSignal): Promise<void> {
  const { store, clock } = ctx;
  if (run.status !== 'running') return;
  if (run.deadline_at !== null && clock.now() >= run.deadline_at) return stopRun(ctx, run.id, 'time_limit');
  let planned = store.batches.planned(run.id);
  if (run.options.pilot && !run.options.pilotReleased) planned = planned.filter((b) => b.is_pilot);
  let live = store.batches.liveCount(run.id);
  const maxConcurrent = run.options.maxConcurrent ?? Infinity;
  const costs = new CostTracker(ctx, run);
  const queue = new QueueGate(ctx, run);
  for (const batch of planned) {
    if (signal?.aborted || live >= maxConcurrent) return;
    if (blockedProviders.has(batch.provider)) continue;
    if (batch.next_poll_at !== null && batch.next_poll_at > clock.now()) continue;
    // The run may have been cancelled (by the UI, the CLI or another process) while earlier batches went out.
    if (store.runs.get(run.id)?.status !== 'running' || store.batches.get(batch.id)?.status !== 'planned') return;
    if (!queue.admits(batch)) continue;
    const fit = costs.fit(batch);
    if (fit === 'none') return costs.stopSubmitting();
    if (fit === 'trimmed') await rm(inputFilePath(ctx, batch), { force: true });
    const fresh = store.batches.get(batch.id)!;
    const outcome = await submitBatch(ctx, fresh, signal);
    if (outcome === 'submitted' || outcome === 'ambiguous') live += 1;
    // An unsettled create blocks its provider until reconcile.ts has listed what exists there.
    if (outcome === 'ambiguous') blockedProviders.add(batch.provider);
    if (fit === 'trimmed') return costs.stopSubmitting();
  }
}
