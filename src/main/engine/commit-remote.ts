// The one transaction that binds a local provider batch to the remote batch the provider created: used after a
// create answers and when reconciliation finds a batch that a crash left unrecorded.
import type { RemoteBatch } from '../core/provider.ts';
import type { ProviderBatchRow } from '../store/repositories/provider-batches.ts';
import type { EngineContext } from './context.ts';
import { nextPollInterval } from './poller.ts';

export function commitRemoteBatch(ctx: EngineContext, batch: ProviderBatchRow, intentId: string, remote: RemoteBatch, fileId: string | null): void {
  const { store, clock } = ctx;
  const now = clock.now();
  store.tx(() => {
    store.intents.resolve(intentId, 'done', remote.remoteId, now);
    store.batches.recordSubmitted(batch.id, remote, fileId, now, now + nextPollInterval(ctx, { submitted_at: now }, now));
    store.jobs.markBatchRunning(batch.id, now);
    ctx.events.record(store, now, {
      type: 'status',
      run_id: batch.run_id,
      provider_batch_id: batch.id,
      status: remote.status,
      message: `submitted ${batch.request_count} requests to ${batch.provider} (${batch.model}) as ${remote.remoteId}`,
    });
  });
}
