// The monitor's steps on live and finished provider batches that can fail at the provider: cancelling the live
// batches of a stopping run, and downloading the results of finished ones. A failure is retried with a capped
// backoff and its reason shown, except when the provider no longer knows the batch (404): a cancel then completes
// here, and a download ends the batch's jobs with the reason instead of retrying forever.
import type { ProviderBatchRow } from '../store/repositories/provider-batches.ts';
import type { EngineContext } from './context.ts';
import { ingestBatch } from './ingester.ts';
import { backoffInterval } from './poller.ts';
import { readFailure, type CallFailure } from './provider-errors.ts';

/** Warn when results are still not downloaded this close to the provider deleting them. */
const RESULTS_EXPIRY_WARN_MS = 48 * 3600_000;
const CANCELLABLE = ['validating', 'in_progress', 'finalizing'];

function retryLater(ctx: EngineContext, batch: ProviderBatchRow, failure: CallFailure, what: string): void {
  const { store, clock } = ctx;
  const at = clock.now() + backoffInterval(ctx, batch.poll_failures + 1, failure.retryAfterMs);
  store.tx(() => {
    store.batches.recordPollFailure(batch.id, `${what}: ${failure.reason}`, at);
    if (failure.blocksProvider) store.batches.holdProvider(batch.provider, failure.reason, at);
  });
}

export async function cancelLiveBatches(ctx: EngineContext, signal: AbortSignal): Promise<void> {
  const { store, clock } = ctx;
  for (const run of store.runs.withStatus(['cancelling'])) {
    for (const batch of store.batches.forRun(run.id)) {
      if (!batch.remote_id || !CANCELLABLE.includes(batch.status)) continue;
      if (signal.aborted) return;
      // A cancel that failed waits like a poll does (backoff, Retry-After).
      if (batch.next_poll_at !== null && batch.next_poll_at > clock.now()) continue;
      try {
        const provider = await ctx.registry.provider(batch.provider);
        const remote = await provider.cancel(batch.remote_id, { signal });
        store.batches.recordPoll(batch.id, remote, clock.now(), clock.now());
      } catch (error) {
        if (signal.aborted) return;
        const failure = readFailure(error, clock.now(), batch.provider);
        if (failure.kind !== 'not_found') {
          retryLater(ctx, batch, failure, 'cancel failed');
          continue;
        }
        // Nothing left to cancel or to fetch: the cancel completes here.
        const reason = `cancelled; ${batch.provider} no longer knows batch ${batch.remote_id} (${failure.message}), so nothing of it can be fetched`;
        store.tx(() => {
          store.batches.finishLocally(batch.id, 'cancelled', reason, clock.now());
          store.jobs.finishOpen({ providerBatchId: batch.id }, 'cancelled', reason, 'cancelled', clock.now());
        });
      }
    }
  }
}

export async function ingestFinished(ctx: EngineContext, signal: AbortSignal, stillMine: () => boolean): Promise<boolean> {
  const { store, clock } = ctx;
  for (const batch of store.batches.awaitingIngest()) {
    if (!stillMine()) return false;
    if (batch.next_poll_at !== null && batch.next_poll_at > clock.now()) continue;
    try {
      await ingestBatch(ctx, batch, signal);
    } catch (error) {
      if (signal.aborted) return false;
      const failure = readFailure(error, clock.now(), batch.provider);
      if (failure.kind === 'not_found') {
        const reason = `the results of batch ${batch.remote_id} are no longer at ${batch.provider} (${failure.message})`;
        store.tx(() => {
          store.jobs.finishOpen({ providerBatchId: batch.id }, 'failed', reason, 'other', clock.now());
          store.batches.markIngested(batch.id, store.results.costForBatch(batch.id), clock.now());
          ctx.events.record(store, clock.now(), { type: 'warning', run_id: batch.run_id, provider_batch_id: batch.id, code: 'results_lost', message: reason });
        });
        continue;
      }
      retryLater(ctx, batch, failure, 'download failed');
      warnIfResultsExpireSoon(ctx, batch, failure.reason);
    }
  }
  return true;
}

/** Downloads keep failing and the provider deletes the results soon: tell the user once, while there is time. */
function warnIfResultsExpireSoon(ctx: EngineContext, batch: ProviderBatchRow, reason: string): void {
  const { store, clock } = ctx;
  const now = clock.now();
  if (batch.results_expire_at === null || batch.results_expire_at - now > RESULTS_EXPIRY_WARN_MS) return;
  if (store.events.hasWarning(batch.run_id, batch.id, 'results_expiring')) return;
  const hours = Math.max(0, Math.round((batch.results_expire_at - now) / 3600_000));
  ctx.events.record(store, now, {
    type: 'warning',
    run_id: batch.run_id,
    provider_batch_id: batch.id,
    code: 'results_expiring',
    message: `${batch.provider} deletes the results of batch ${batch.remote_id} in about ${hours} h and downloading them keeps failing (${reason}); still retrying`,
  });
}
