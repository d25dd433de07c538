// A Message Batch as the API reports it → our RemoteBatch: one status enum, counts (final only once the
// batch has ended), timestamps, results expiry and the results URL.
import type { MessageBatch } from '@anthropic-ai/sdk/resources/messages/batches';
import type { BatchStatus } from '../../../shared/domain.ts';
import type { BatchCounts, RemoteBatch } from '../../core/provider.ts';

/**
 * Anthropic keeps a batch's results for 29 days after the batch was created (issue 15 and DESIGN §4; the stored copy
 * of https://platform.claude.com/docs/en/build-with-claude/batch-processing shows no retention sentence, checked
 * 2026-12-01). `archived_at` is "the time at which the Message Batch was archived and its results became
 * unavailable" (https://platform.claude.com/docs/en/api/retrieving-message-batches, checked 2026-12-01).
 */
export const RESULTS_RETENTION_MS = 29 * 24 * 60 * 60 * 1000;

/** When the results stop being downloadable: archived_at once set, else created_at + 29 days. */
export function resultsExpiry(batch: Pick<MessageBatch, 'created_at' | 'archived_at'>): number | undefined {
  const archived = time(batch.archived_at);
  if (archived !== undefined) return archived;
  const created = time(batch.created_at);
  return created !== undefined ? created + RESULTS_RETENTION_MS : undefined;
}

function time(value: string | null | undefined): number | undefined {
  if (!value) return undefined;
  const ms = Date.parse(value);
  return Number.isNaN(ms) ? undefined : ms;
}

/**
 * in_progress → in_progress; canceling → cancelling; ended → cancelled when cancellation was asked for or any
 * request was cancelled, expired when any request ran out of the 24 h window, completed otherwise. In each
 * ended case the results file holds every request, with the finished part answered.
 */
export function mapStatus(batch: Pick<MessageBatch, 'processing_status' | 'request_counts' | 'cancel_initiated_at'>): BatchStatus {
  switch (batch.processing_status) {
    case 'in_progress':
      return 'in_progress';
    case 'canceling':
      return 'cancelling';
    case 'ended': {
      const counts = batch.request_counts;
      if (batch.cancel_initiated_at || counts.canceled > 0) return 'cancelled';
      if (counts.expired > 0) return 'expired';
      return 'completed';
    }
    default:
      // A status this adapter does not know yet: keep polling rather than guess an end.
      return 'in_progress';
  }
}

export function mapCounts(counts: MessageBatch['request_counts']): BatchCounts {
  const failed = counts.errored + counts.canceled + counts.expired;
  return {
    total: counts.processing + counts.succeeded + failed,
    succeeded: counts.succeeded,
    failed,
    processing: counts.processing,
  };
}

export function toRemoteBatch(batch: MessageBatch): RemoteBatch {
  const endedAt = time(batch.ended_at);
  const remote: RemoteBatch = {
    remoteId: batch.id,
    status: mapStatus(batch),
    counts: batch.request_counts ? mapCounts(batch.request_counts) : null,
    // request_counts are 0 for every outcome until the whole batch has ended.
    countsLive: false,
    handle: { results_url: batch.results_url ?? null },
  };
  const createdAt = time(batch.created_at);
  if (createdAt !== undefined) remote.createdAt = createdAt;
  if (endedAt !== undefined) remote.endedAt = endedAt;
  const expiry = resultsExpiry(batch);
  if (expiry !== undefined) remote.resultsExpireAt = expiry;
  return remote;
}
