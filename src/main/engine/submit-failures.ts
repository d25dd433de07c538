// What a failed upload or create leaves behind, by the kind of failure (provider-errors.ts):
// - permanent (the provider refused the request): the batch ends failed with the provider's message, its jobs fail
//   with that reason, and a warning says so: the run ends instead of retrying forever;
// - the provider refuses everything for now (key rejected, quota): the batch goes back to planned and every batch of
//   that provider waits with the reason until the retry time (one refusal, not one per batch);
// - transient and surely not sent (connection refused, 429): back to planned with a capped backoff, reason shown;
// - a create that may have taken effect: its intent stays open for reconcile.ts to settle by listing.
// Every change is made only while the intent is still open: a monitor that lost its lease meanwhile changes nothing.
import { categorizeError } from '../core/error-category.ts';
import type { ProviderBatchRow } from '../store/repositories/provider-batches.ts';
import type { EngineContext } from './context.ts';
import { watchForLateCreate } from './orphans.ts';
import { backoffInterval } from './poller.ts';
import type { CallFailure } from './provider-errors.ts';

export type FailureOutcome = 'ambiguous' | 'rejected' | 'retry' | 'blocked' | 'fenced';

function retryAt(ctx: EngineContext, batch: ProviderBatchRow, failure: CallFailure): number {
  return ctx.clock.now() + backoffInterval(ctx, batch.poll_failures + 1, failure.retryAfterMs);
}

/** Back to planned, retried at the backoff; the whole provider is held when it refuses everything. */
function planAgain(ctx: EngineContext, batch: ProviderBatchRow, failure: CallFailure): 'retry' | 'blocked' {
  const { store } = ctx;
  const at = retryAt(ctx, batch, failure);
  store.batches.setStatus(batch.id, 'planned');
  store.batches.recordPollFailure(batch.id, failure.reason, at);
  if (!failure.blocksProvider) return 'retry';
  store.batches.holdProvider(batch.provider, failure.reason, at);
  return 'blocked';
}

/** The batch ends here, failed with the provider's reason, and so do its jobs. */
export function endRefused(ctx: EngineContext, batch: ProviderBatchRow, failure: CallFailure, reason: string, code: string): void {
  const { store, clock } = ctx;
  const now = clock.now();
  store.batches.finishLocally(batch.id, 'failed', reason, now);
  store.jobs.finishOpen({ providerBatchId: batch.id }, 'failed', reason, categorizeError({ status: failure.status, message: failure.message }), now);
  ctx.events.record(store, now, { type: 'warning', run_id: batch.run_id, provider_batch_id: batch.id, code, message: reason });
}

export function uploadFailed(ctx: EngineContext, batch: ProviderBatchRow, failure: CallFailure): FailureOutcome {
  const { store, clock } = ctx;
  return store.durableTx(() => {
    // An upload is not billed: a stray file costs nothing, so its intent is simply given up.
    for (const intent of store.intents.forBatch(batch.id)) if (intent.state === 'open') store.intents.settle(intent.id, 'abandoned', null, clock.now());
    if (failure.transient) return planAgain(ctx, batch, failure);
    endRefused(ctx, batch, failure, `the upload was refused: ${failure.reason}`, 'upload_refused');
    return 'rejected';
  });
}

/** `sent`: the fence was passed, so the create may have gone out. */
export function createFailed(ctx: EngineContext, batch: ProviderBatchRow, intentId: string, sent: boolean, failure: CallFailure): FailureOutcome {
  const { store, clock } = ctx;
  return store.durableTx(() => {
    const open = store.intents.get(intentId)?.state === 'open';
    if (sent && failure.mayHaveTakenEffect) {
      if (!open) {
        // Another monitor settled the intent while this create was out: if it landed anyway, find and cancel it.
        watchForLateCreate(ctx, batch, intentId, clock.now());
        return 'fenced';
      }
      // The create may have happened: the intent stays open for reconcile.ts, which lists no sooner than the
      // provider's Retry-After (or the backoff) allows.
      store.batches.recordPollFailure(batch.id, `${failure.reason}; checking whether the batch was created before anything more is sent to ${batch.provider}`, retryAt(ctx, batch, failure));
      return 'ambiguous';
    }
    if (!open) return 'fenced';
    store.intents.settle(intentId, 'abandoned', null, clock.now());
    if (failure.transient) return planAgain(ctx, batch, failure);
    endRefused(ctx, batch, failure, `the provider refused the batch: ${failure.reason}`, 'create_refused');
    return 'rejected';
  });
}
