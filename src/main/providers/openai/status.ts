// OpenAI Batch object → RemoteBatch: status (OpenAI's statuses are our enum), live request counts,
// timestamps in ms, validation errors with line numbers, the file ids needed to download results, and
// when the results will be deleted at OpenAI.
import type { Batch } from 'openai/resources/batches';
import type { BatchStatus } from '../../../shared/domain.ts';
import type { BatchCounts, RemoteBatch } from '../../core/provider.ts';

export const DEFAULT_RESULT_RETENTION_MS = 30 * 24 * 3600 * 1000;

const STATUS: Record<Batch['status'], BatchStatus> = {
  validating: 'validating',
  in_progress: 'in_progress',
  finalizing: 'finalizing',
  completed: 'completed',
  failed: 'failed',
  expired: 'expired',
  cancelling: 'cancelling',
  cancelled: 'cancelled',
};

export interface OpenAIHandle extends Record<string, unknown> {
  inputFileId: string | null;
  outputFileId: string | null;
  errorFileId: string | null;
}

const ms = (seconds: number | null | undefined): number | undefined =>
  typeof seconds === 'number' ? seconds * 1000 : undefined;

export function mapStatus(status: string): BatchStatus {
  const mapped = STATUS[status as Batch['status']];
  if (!mapped) throw new Error(`unknown OpenAI batch status: ${status}`);
  return mapped;
}

export function batchCounts(batch: Batch): BatchCounts | null {
  const counts = batch.request_counts;
  if (!counts) return null;
  const done = counts.completed + counts.failed;
  return {
    total: counts.total,
    succeeded: counts.completed,
    failed: counts.failed,
    processing: Math.max(0, counts.total - done),
  };
}

export function endedAt(batch: Batch): number | undefined {
  return ms(batch.completed_at ?? batch.failed_at ?? batch.expired_at ?? batch.cancelled_at);
}

/**
 * When OpenAI deletes the output: the batch's output_expires_after policy (anchored at the file's creation,
 * approximated by the end of the batch), else the output file's expires_at, else created_at + 30 days.
 */
export function resultsExpireAt(batch: Batch, fileExpiresAt?: number | null): number {
  const policy = (batch as { output_expires_after?: { seconds?: unknown } | null }).output_expires_after;
  const end = ms(batch.finalizing_at) ?? endedAt(batch);
  if (policy && typeof policy.seconds === 'number' && end !== undefined) return end + policy.seconds * 1000;
  if (typeof fileExpiresAt === 'number') return fileExpiresAt * 1000;
  return batch.created_at * 1000 + DEFAULT_RESULT_RETENTION_MS;
}

export function toRemoteBatch(batch: Batch, fileExpiresAt?: number | null): RemoteBatch {
  const handle: OpenAIHandle = {
    inputFileId: batch.input_file_id ?? null,
    outputFileId: batch.output_file_id ?? null,
    errorFileId: batch.error_file_id ?? null,
  };
  const remote: RemoteBatch = {
    remoteId: batch.id,
    status: mapStatus(batch.status),
    counts: batchCounts(batch),
    countsLive: true,
    createdAt: batch.created_at * 1000,
    resultsExpireAt: resultsExpireAt(batch, fileExpiresAt),
    handle,
  };
  const end = endedAt(batch);
  if (end !== undefined) remote.endedAt = end;
  const errors = batch.errors?.data ?? [];
  if (errors.length > 0) {
    remote.errors = errors.map((e) => ({
      ...(typeof e.line === 'number' ? { line: e.line } : {}),
      ...(e.code ? { code: e.code } : {}),
      message: e.message ?? e.code ?? 'validation error',
    }));
  }
  return remote;
}
