// Orphans: remote batches nobody will poll or ingest, because their create landed after the intent it was sent
// under had been settled without it (a monitor frozen past its lease that woke up, or a provider that carried out
// a create its client had given up on). They are billed while they run, so each is cancelled at the provider and
// shown to the user (a warning on the run's timeline and the run view). A create that may have landed late but
// whose remote id nobody learnt is looked for once by listing, then cancelled if found.
import type { ProviderBatchRow } from '../store/repositories/provider-batches.ts';
import type { OrphanRow } from '../store/repositories/orphans.ts';
import type { EngineContext } from './context.ts';
import { backoffInterval } from './poller.ts';
import { readFailure } from './provider-errors.ts';

/** Clock skew allowed between us and the provider when matching by creation time. */
const SKEW_MS = 10 * 60_000;

/** How long after an intent was given up a late create is looked for: well past any create's deadline. */
export function lateCreateCheckAt(ctx: EngineContext, now: number): number {
  return now + 2 * ctx.settings.leaseMs;
}

type BatchRef = Pick<ProviderBatchRow, 'id' | 'run_id' | 'provider'>;

/** Record a remote batch that no provider batch owns, and say so on the run's timeline. Runs in the caller's tx. */
export function recordOrphan(ctx: EngineContext, found: { batch: BatchRef; intentId: string; remoteId: string }): void {
  const { store, clock } = ctx;
  const now = clock.now();
  const { batch, intentId, remoteId } = found;
  const added = store.orphans.addFound({ run_id: batch.run_id, provider_batch_id: batch.id, intent_id: intentId, provider: batch.provider, remote_id: remoteId, created_at: now, check_after: now });
  if (!added) return;
  ctx.events.record(store, now, {
    type: 'warning',
    run_id: batch.run_id,
    provider_batch_id: batch.id,
    code: 'orphan_batch',
    message: `${batch.provider} created a second remote batch ${remoteId} for provider batch ${batch.id.slice(0, 8)} (a create that arrived after its intent was given up, e.g. from a monitor frozen past its lease); it is cancelled at ${batch.provider} and nothing of it is ingested`,
  });
}

/** Look, once it is due, for a create of this intent that may have landed late (its remote id is unknown). */
export function watchForLateCreate(ctx: EngineContext, batch: BatchRef, intentId: string, checkAt: number): void {
  const now = ctx.clock.now();
  ctx.store.orphans.addSearch({ run_id: batch.run_id, provider_batch_id: batch.id, intent_id: intentId, provider: batch.provider, created_at: now, check_after: checkAt });
}

/**
 * Cancel found orphans and run due searches. Only the lease holder calls this, at the start of a pass, when none of
 * its own creates is in flight: a search must never mistake a create of ours for an orphan.
 */
export async function settleOrphans(ctx: EngineContext, signal?: AbortSignal): Promise<void> {
  const { store, clock } = ctx;
  for (const orphan of store.orphans.due(clock.now())) {
    if (signal?.aborted) return;
    // A create of this provider still being settled could be the very batch a search would find: wait for it.
    if (orphan.state === 'search' && store.intents.openIntents().some((i) => i.kind === 'create' && i.provider === orphan.provider)) continue;
    try {
      if (orphan.state === 'search') await search(ctx, orphan, signal);
      else await cancel(ctx, orphan, signal);
    } catch (error) {
      if (signal?.aborted) return;
      const failure = readFailure(error, clock.now(), orphan.provider);
      if (orphan.state === 'cancel' && !failure.transient) {
        // Gone at the provider (404), or it refuses to cancel a batch that has already ended: nothing more to do.
        store.orphans.settle(orphan.id, 'cancelled', clock.now());
        continue;
      }
      store.orphans.postpone(orphan.id, failure.reason, clock.now() + backoffInterval(ctx, 3, failure.retryAfterMs));
    }
  }
}

/** Cancel an orphan at the provider now (best effort: on failure the lease holder tries again). */
export async function cancelOrphanNow(ctx: EngineContext, provider: string, remoteId: string, signal?: AbortSignal): Promise<void> {
  const orphan = ctx.store.orphans.forRemote(provider, remoteId);
  if (orphan?.state !== 'cancel') return;
  await cancel(ctx, orphan, signal).catch(() => undefined);
}

async function cancel(ctx: EngineContext, orphan: OrphanRow, signal?: AbortSignal): Promise<void> {
  const provider = await ctx.registry.provider(orphan.provider);
  await provider.cancel(orphan.remote_id!, signal ? { signal } : {});
  ctx.store.orphans.settle(orphan.id, 'cancelled', ctx.clock.now());
}

async function search(ctx: EngineContext, orphan: OrphanRow, signal?: AbortSignal): Promise<void> {
  const { store, clock } = ctx;
  const batch = store.batches.get(orphan.provider_batch_id);
  const intent = store.intents.get(orphan.intent_id);
  if (!batch || !intent) return store.orphans.settle(orphan.id, 'none', clock.now());
  const provider = await ctx.registry.provider(orphan.provider);
  const known = new Set([...store.batches.remoteIds(orphan.provider), ...store.orphans.remoteIds(orphan.provider)]);
  const found = await provider.findBatch(batch.id, { createdAfter: intent.created_at - SKEW_MS, requestCount: batch.request_count, known }, signal ? { signal } : {});
  store.durableTx(() => {
    if (found && !known.has(found.remoteId)) recordOrphan(ctx, { batch, intentId: orphan.intent_id, remoteId: found.remoteId });
    store.orphans.settle(orphan.id, 'none', clock.now());
  });
  if (found && !known.has(found.remoteId)) await cancelOrphanNow(ctx, orphan.provider, found.remoteId, signal);
}
