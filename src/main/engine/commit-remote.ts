// The one transaction that binds a local provider batch to the remote batch the provider created: used after a
// create answers and when reconciliation finds a batch that a crash left unrecorded. It binds only while the intent
// is still open and the batch has no remote id: an answer that arrives after another monitor settled the intent
// (a frozen monitor that woke up) never lands; its remote batch is recorded as an orphan, to be cancelled.
import { plural } from '../../shared/plural.ts';
import type { RemoteBatch } from '../core/provider.ts';
import type { ProviderBatchRow } from '../store/repositories/provider-batches.ts';
import type { EngineContext } from './context.ts';
import { recordOrphan } from './orphans.ts';
import { nextPollInterval } from './poller.ts';

export type CommitOutcome = 'bound' | 'already-bound' | 'orphan';

export function commitRemoteBatch(ctx: EngineContext, batch: ProviderBatchRow, intentId: string, remote: RemoteBatch, fileId: string | null): CommitOutcome {
  const { store, clock } = ctx;
  const now = clock.now();
  return store.durableTx(() => {
    const intent = store.intents.get(intentId);
    const current = store.batches.get(batch.id);
    if (current?.remote_id === remote.remoteId) {
      store.intents.settle(intentId, 'done', remote.remoteId, now);
      return 'already-bound';
    }
    if (intent?.state !== 'open' || !current || current.remote_id) {
      recordOrphan(ctx, { batch, intentId, remoteId: remote.remoteId });
      return 'orphan';
    }
    store.intents.settle(intentId, 'done', remote.remoteId, now);
    store.batches.recordSubmitted(batch.id, remote, fileId, now, now + nextPollInterval(ctx, { submitted_at: now }, now));
    store.jobs.markBatchRunning(batch.id, now);
    ctx.events.record(store, now, {
      type: 'status',
      run_id: batch.run_id,
      provider_batch_id: batch.id,
      status: remote.status,
      message: `submitted ${plural(batch.request_count, 'request')} to ${batch.provider} (${batch.model}) as ${remote.remoteId}`,
    });
    return 'bound';
  });
}
