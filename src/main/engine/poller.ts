// Poll one live provider batch. A failed status check is not a failed batch: it backs off (honouring Retry-After,
// capped) and tries again, with its reason shown. The one exception is a provider that no longer knows the batch
// (404): it is lost, and its jobs fail with that reason instead of polling forever. The interval adapts: the first
// checks come soon after submission (a small batch often finishes in seconds), then slower as the batch ages. A
// batch refused for its model's enqueued-token limit goes back to planned (queue-limits.ts).
import type { ProviderBatchRow } from '../store/repositories/provider-batches.ts';
import { TERMINAL_BATCH_STATUSES } from '../../shared/domain.ts';
import type { EngineContext } from './context.ts';
import { readFailure, type CallFailure } from './provider-errors.ts';
import { requeueIfQueueFull } from './queue-limits.ts';

/** The first check after submission; then the wait doubles (5, 10, 20 s ...) up to the poll interval. */
export const FIRST_POLL_MS = 5_000;

export function nextPollInterval(ctx: EngineContext, batch: Pick<ProviderBatchRow, 'submitted_at'>, now: number): number {
  const { pollIntervalMs, maxPollIntervalMs } = ctx.settings;
  const age = now - (batch.submitted_at ?? now);
  // Checking again after as long as the batch has existed doubles the wait each time, starting at FIRST_POLL_MS.
  if (age < pollIntervalMs) return Math.min(pollIntervalMs, Math.max(FIRST_POLL_MS, age));
  const factor = age < 5 * 60_000 ? 1 : age < 3600_000 ? 2 : 4;
  return Math.min(maxPollIntervalMs, pollIntervalMs * factor);
}

/** After a failed call: doubling from the poll interval up to the slowest poll interval (the cap), or Retry-After. */
export function backoffInterval(ctx: EngineContext, failures: number, retryAfterMs: number | null): number {
  const exponential = Math.min(ctx.settings.maxPollIntervalMs, ctx.settings.pollIntervalMs * 2 ** Math.min(failures, 20));
  return Math.max(retryAfterMs ?? 0, exponential);
}

const stillBound = (ctx: EngineContext, batch: ProviderBatchRow) => ctx.store.batches.get(batch.id)?.remote_id === batch.remote_id;

export async function pollBatch(ctx: EngineContext, batch: ProviderBatchRow, signal?: AbortSignal): Promise<void> {
  const { store, clock } = ctx;
  if (!batch.remote_id) return;
  let remote;
  try {
    const provider = await ctx.registry.provider(batch.provider);
    remote = await provider.poll(batch.remote_id, signal ? { signal } : {});
  } catch (error) {
    if (signal?.aborted) return;
    pollFailed(ctx, batch, readFailure(error, clock.now(), batch.provider));
    return;
  }
  const now = clock.now();
  const terminal = TERMINAL_BATCH_STATUSES.includes(remote.status);
  if (terminal && requeueIfQueueFull(ctx, batch, remote)) return;
  store.tx(() => {
    // A stale answer (this monitor froze; the batch was requeued and sent again since) describes a remote batch the
    // provider batch is no longer bound to.
    if (!stillBound(ctx, batch)) return;
    store.batches.recordPoll(batch.id, remote, now, terminal ? null : now + nextPollInterval(ctx, batch, now));
    if (remote.status !== batch.status) {
      ctx.events.record(store, now, { type: 'status', run_id: batch.run_id, provider_batch_id: batch.id, status: remote.status, message: `${batch.provider} batch ${batch.remote_id}: ${remote.status}` });
    }
    if (!terminal && batch.submitted_at !== null && now - batch.submitted_at > ctx.settings.longRunningWarnMs && !store.events.hasWarning(batch.run_id, batch.id, 'long_running')) {
      const hours = Math.round((now - batch.submitted_at) / 3600_000);
      ctx.events.record(store, now, { type: 'warning', run_id: batch.run_id, provider_batch_id: batch.id, code: 'long_running', message: `batch ${batch.remote_id} has been running for ${hours} h; providers expire unfinished batches at 24 h (finished results are kept)` });
    }
  });
}

function pollFailed(ctx: EngineContext, batch: ProviderBatchRow, failure: CallFailure): void {
  const { store, clock } = ctx;
  const now = clock.now();
  if (failure.kind === 'not_found') {
    const reason = `lost: ${batch.provider} no longer knows batch ${batch.remote_id} (${failure.message}); its results cannot be fetched`;
    store.tx(() => {
      if (!stillBound(ctx, batch)) return;
      store.batches.finishLocally(batch.id, 'failed', reason, now);
      store.jobs.finishOpen({ providerBatchId: batch.id }, 'failed', reason, 'other', now);
      ctx.events.record(store, now, { type: 'warning', run_id: batch.run_id, provider_batch_id: batch.id, code: 'batch_lost', message: reason });
    });
    return;
  }
  const at = now + backoffInterval(ctx, batch.poll_failures + 1, failure.retryAfterMs);
  store.tx(() => {
    store.batches.recordPollFailure(batch.id, `status check failed: ${failure.reason}`, at);
    if (failure.blocksProvider) store.batches.holdProvider(batch.provider, failure.reason, at);
    if (batch.poll_failures + 1 === 5) {
      ctx.events.record(store, now, { type: 'warning', run_id: batch.run_id, provider_batch_id: batch.id, code: 'poll_failing', message: `status checks of ${batch.provider} keep failing (${failure.reason}); still retrying` });
    }
  });
}
