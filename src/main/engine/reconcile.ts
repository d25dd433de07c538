// Settle every open intent before anything new is sent (DESIGN.md §5): a crash, an ambiguous error or a monitor
// that lost its lease may have left a remote file or batch that we never recorded. List the provider's objects by
// tag; record what exists, abandon what does not (its batch goes back to planned and is submitted again under a
// new intent, and a create that lands later anyway is looked for once more: orphans.ts). Every settlement changes
// only a still-open intent, so a late answer from another process and this listing never both win.
import type { EngineContext } from './context.ts';
import { commitRemoteBatch } from './commit-remote.ts';
import { lateCreateCheckAt, watchForLateCreate } from './orphans.ts';
import { backoffInterval } from './poller.ts';
import { readFailure } from './provider-errors.ts';

/** Clock skew allowed between us and the provider when matching by creation time. */
const SKEW_MS = 10 * 60_000;

/** Providers that nothing new may be sent to yet, with the reason and when it is tried again. */
export type BlockedProviders = Map<string, { reason: string; retryAt: number | null }>;

export async function reconcileIntents(ctx: EngineContext, signal?: AbortSignal): Promise<BlockedProviders> {
  const { store, clock } = ctx;
  const blocked: BlockedProviders = new Map();
  const opts = signal ? { signal } : {};
  for (const intent of store.intents.openIntents()) {
    const batch = store.batches.get(intent.provider_batch_id);
    if (!batch) continue;
    if (blocked.has(intent.provider)) continue;
    if (batch.next_poll_at !== null && batch.next_poll_at > clock.now()) {
      // Backing off (Retry-After of the failed create or of an earlier listing): settle it later.
      blocked.set(intent.provider, { reason: batch.last_error ?? `checking with ${intent.provider} whether an earlier create took effect`, retryAt: batch.next_poll_at });
      continue;
    }
    try {
      const provider = await ctx.registry.provider(intent.provider);
      if (intent.kind === 'upload') {
        const found = provider.findUpload ? await provider.findUpload(batch.id, opts) : null;
        store.durableTx(() => store.intents.settle(intent.id, found ? 'done' : 'abandoned', found?.fileId ?? null, clock.now()));
        continue;
      }
      const known = new Set([...store.batches.remoteIds(batch.provider), ...store.orphans.remoteIds(batch.provider)]);
      const found = await provider.findBatch(batch.id, { createdAfter: (intent.created_at) - SKEW_MS, requestCount: batch.request_count, known }, opts);
      if (found && known.has(found.remoteId)) {
        // Never bind one remote batch to two local ones: leave the intent open and look again later.
        const at = clock.now() + backoffInterval(ctx, batch.poll_failures + 1, null);
        const reason = `${found.remoteId} already belongs to another provider batch; looking again for this one`;
        store.batches.recordPollFailure(batch.id, reason, at);
        blocked.set(intent.provider, { reason, retryAt: at });
      } else if (found) {
        commitRemoteBatch(ctx, batch, intent.id, found, store.intents.doneUpload(batch.id)?.remote_id ?? null);
      } else {
        store.durableTx(() => {
          if (!store.intents.settle(intent.id, 'abandoned', null, clock.now())) return;
          if (store.batches.get(batch.id)?.remote_id === null) store.batches.setStatus(batch.id, 'planned');
          watchForLateCreate(ctx, batch, intent.id, lateCreateCheckAt(ctx, clock.now()));
        });
      }
    } catch (error) {
      if (signal?.aborted) {
        for (const open of store.intents.openIntents()) blocked.set(open.provider, { reason: 'the monitor stopped', retryAt: null });
        return blocked;
      }
      const failure = readFailure(error, clock.now(), intent.provider);
      const at = clock.now() + backoffInterval(ctx, batch.poll_failures + 1, failure.retryAfterMs);
      const reason = `cannot yet check whether an earlier create took effect: ${failure.reason}`;
      store.tx(() => {
        store.batches.recordPollFailure(batch.id, reason, at);
        if (failure.blocksProvider) store.batches.holdProvider(batch.provider, failure.reason, at);
      });
      blocked.set(intent.provider, { reason, retryAt: at });
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
