// Settle every open intent before anything new is sent (DESIGN.md §5): a crash or an ambiguous error may have
// left a remote file or batch that we never recorded. List the provider's objects by tag; record what exists,
// abandon what does not (its batch goes back to planned and is submitted again under a new intent).
import type { EngineContext } from './context.ts';
import { commitRemoteBatch } from './commit-remote.ts';
import { backoffInterval } from './poller.ts';
import { readFailure } from './provider-errors.ts';

/** Clock skew allowed between us and the provider when matching by creation time. */
const SKEW_MS = 10 * 60_000;

/** Returns the providers that still have unsettled intents (nothing new may be sent to them yet). */
export async function reconcileIntents(ctx: EngineContext, signal?: AbortSignal): Promise<Set<string>> {
  const { store, clock } = ctx;
  const blocked = new Set<string>();
  const opts = signal ? { signal } : {};
  for (const intent of store.intents.openIntents()) {
    const batch = store.batches.get(intent.provider_batch_id);
    if (!batch) continue;
    if (blocked.has(intent.provider)) continue;
    if (batch.next_poll_at !== null && batch.next_poll_at > clock.now()) {
      // Backing off (Retry-After of the failed create or of an earlier listing): settle it later.
      blocked.add(intent.provider);
      continue;
    }
    try {
      const provider = await ctx.registry.provider(intent.provider);
      if (intent.kind === 'upload') {
        const found = provider.findUpload ? await provider.findUpload(batch.id, opts) : null;
        store.intents.resolve(intent.id, found ? 'done' : 'abandoned', found?.fileId ?? null, clock.now());
        continue;
      }
      const known = store.batches.remoteIds(batch.provider);
      const found = await provider.findBatch(batch.id, { createdAfter: intent.created_at - SKEW_MS, requestCount: batch.request_count, known }, opts);
      if (found && known.has(found.remoteId)) {
        // Never bind one remote batch to two local ones: leave the intent open and look again later.
        store.batches.recordPollFailure(batch.id, `reconcile: ${found.remoteId} already belongs to another provider batch`, clock.now() + backoffInterval(ctx, batch.poll_failures + 1, null));
        blocked.add(intent.provider);
      } else if (found) {
        commitRemoteBatch(ctx, batch, intent.id, found, store.intents.doneUpload(batch.id)?.remote_id ?? null);
      } else {
        store.tx(() => {
          store.intents.resolve(intent.id, 'abandoned', null, clock.now());
          store.batches.setStatus(batch.id, 'planned');
        });
      }
    } catch (error) {
      if (signal?.aborted) return new Set(store.intents.openIntents().map((i) => i.provider));
      const failure = readFailure(error, clock.now());
      store.batches.recordPollFailure(batch.id, `reconcile failed: ${failure.message}`, clock.now() + backoffInterval(ctx, batch.poll_failures + 1, failure.retryAfterMs));
      blocked.add(intent.provider);
    }
  }
  // A batch left in 'submitting' without an open create intent never reached the provider: plan it again.
  for (const batch of store.batches.live()) {
    if (batch.status !== 'submitting' || batch.remote_id) continue;
    const open = store.intents.forBatch(batch.id).some((i) => i.state === 'open');
    if (!open && !blocked.has(batch.provider)) store.batches.setStatus(batch.id, 'planned');
  }
  return blocked;
}
