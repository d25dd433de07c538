// A provider batch's outcome as Batchdesk stored it, once its results are in: the same figures the run's counts add
// up from. The provider's own counts (ProviderBatchView.counts) say what it processed; an answer it counts as
// succeeded still fails here when it does not match the schema, and a request it never answered ends with the
// batch's reason (the ingester gives every unanswered job of an expired batch "expired", of a cancelled one
// "cancelled", and otherwise "failed").
import type { ProviderBatchView } from '../../shared/contract.ts';
import type { Store } from '../store/store.ts';
import type { ProviderBatchRow } from '../store/repositories/provider-batches.ts';

export function batchResults(store: Store, batch: ProviderBatchRow): ProviderBatchView['results'] {
  if (batch.ingested_at === null) return null;
  const { total, ...stored } = store.results.outcomesForBatch(batch.id);
  const unanswered = Math.max(0, batch.request_count - total);
  const reason = batch.status === 'expired' ? 'expired' : batch.status === 'cancelled' ? 'cancelled' : 'failed';
  return { ...stored, [reason]: stored[reason] + unanswered };
}
