// Decide what of a run goes out now: planned provider batches, in order, within the run's concurrency cap, its
// pilot gate, its time limit and its cost limit (CostTracker). A batch held up by its provider says why.
import { rm } from 'node:fs/promises';
import type { RunRow } from '../store/repositories/runs.ts';
import type { EngineContext } from './context.ts';
import { CostTracker } from './cost-tracker.ts';
import type { Fence } from './monitor-lease.ts';
import type { BlockedProviders } from './reconcile.ts';
import { stopRun } from './run-lifecycle.ts';
import { inputFilePath } from './input-files.ts';
import { submitBatch } from './submitter.ts';
import { QueueGate } from './queue-limits.ts';

/** Returns false when this monitor may no longer create anything (its lease or an intent was taken over). */
export async function dispatchRun(ctx: EngineContext, run: RunRow, blocked: BlockedProviders, fence: Fence, signal?: AbortSignal): Promise<boolean> {
  const { store, clock } = ctx;
  if (run.status !== 'running') return true;
  if (run.deadline_at !== null && clock.now() >= run.deadline_at) {
    stopRun(ctx, run.id, 'time_limit');
    return true;
  }
  let planned = store.batches.planned(run.id);
  if (run.options.pilot && !run.options.pilotReleased) planned = planned.filter((b) => b.is_pilot);
  let live = store.batches.liveCount(run.id);
  const maxConcurrent = run.options.maxConcurrent ?? Infinity;
  const costs = new CostTracker(ctx, run);
  const queue = new QueueGate(ctx, run);
  for (const batch of planned) {
    if (signal?.aborted || live >= maxConcurrent) return true;
    const held = blocked.get(batch.provider);
    if (held) {
      const reason = `waiting: ${held.reason}`;
      if (batch.last_error !== reason) store.tx(() => store.batches.noteBlocked(batch.id, reason, held.retryAt ?? clock.now()));
      continue;
    }
    if (batch.next_poll_at !== null && batch.next_poll_at > clock.now()) continue;
    // The run may have been cancelled (by the UI, the CLI or another process) while earlier batches went out.
    if (store.runs.get(run.id)?.status !== 'running' || store.batches.get(batch.id)?.status !== 'planned') return true;
    if (!queue.admits(batch)) continue;
    const fit = costs.fit(batch);
    if (fit === 'none') {
      costs.stopSubmitting();
      return true;
    }
    // The trim forgot the file's line count and hash, so a file left by a crash here is never sent.
    if (fit === 'trimmed') await rm(inputFilePath(ctx, batch), { force: true });
    const fresh = store.batches.get(batch.id)!;
    const outcome = await submitBatch(ctx, fresh, fence, signal);
    if (outcome === 'fenced') return false;
    if (outcome === 'submitted' || outcome === 'ambiguous') live += 1;
    // An unsettled create blocks its provider until reconcile.ts has listed what exists there; a provider that
    // refuses everything (key rejected, quota) is not asked again in this pass.
    if (outcome === 'ambiguous' || outcome === 'blocked') {
      const after = store.batches.get(batch.id);
      blocked.set(batch.provider, { reason: after?.last_error ?? `${batch.provider} is not taking new batches yet`, retryAt: after?.next_poll_at ?? null });
    }
    if (fit === 'trimmed') {
      costs.stopSubmitting();
      return true;
    }
  }
  return true;
}
