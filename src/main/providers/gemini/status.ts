// Gemini batch state → our BatchStatus. The REST API says BATCH_STATE_X; the SDK's BatchJob says JOB_STATE_X
// (it maps them in tJobState). Both are accepted. Gemini has no "finalizing" state: a batch goes RUNNING →
// SUCCEEDED. Counts come from metadata.batchStats, which the service updates while the batch runs.
import type { BatchJob } from '@google/genai';
import type { BatchCounts, RemoteBatch } from '../../core/provider.ts';
import type { BatchStatus } from '../../../shared/domain.ts';
import type { WireBatchOperation } from './wire.ts';

const BY_STATE: Record<string, BatchStatus> = {
  UNSPECIFIED: 'validating',
  QUEUED: 'validating',
  PENDING: 'validating',
  RUNNING: 'in_progress',
  UPDATING: 'in_progress',
  PAUSED: 'in_progress',
  SUCCEEDED: 'completed',
  PARTIALLY_SUCCEEDED: 'completed',
  FAILED: 'failed',
  CANCELLING: 'cancelling',
  CANCELLED: 'cancelled',
  EXPIRED: 'expired',
};

export function mapGeminiState(state: string | undefined | null): BatchStatus {
  if (!state) return 'validating';
  const bare = state.replace(/^(BATCH|JOB)_STATE_/, '');
  return BY_STATE[bare] ?? 'in_progress';
}

function toMs(time: string | undefined): number | undefined {
  if (!time) return undefined;
  const ms = Date.parse(time);
  return Number.isNaN(ms) ? undefined : ms;
}

function toInt(value: string | number | undefined): number {
  const n = typeof value === 'number' ? value : Number.parseInt(value ?? '0', 10);
  return Number.isFinite(n) ? n : 0;
}

function counts(stats: NonNullable<WireBatchOperation['metadata']>['batchStats']): BatchCounts | null {
  if (!stats) return null;
  const total = toInt(stats.requestCount);
  const succeeded = toInt(stats.successfulRequestCount);
  const failed = toInt(stats.failedRequestCount);
  const processing = stats.pendingRequestCount !== undefined ? toInt(stats.pendingRequestCount) : Math.max(0, total - succeeded - failed);
  return { total, succeeded, failed, processing };
}

/** What download() needs: the response file, or that the results are inline in the operation. */
export function outputHandle(output: WireBatchOperation['response'] | undefined): Record<string, unknown> | undefined {
  if (!output) return undefined;
  if (output.responsesFile) return { responsesFile: output.responsesFile };
  const inline = output.inlinedResponses?.inlinedResponses ?? output.inlinedEmbedContentResponses?.inlinedResponses;
  if (inline) return { inline: true, inlineCount: inline.length };
  return undefined;
}

/** The raw Operation JSON (from GET /v1/batches/{id}) → RemoteBatch. */
export function remoteFromOperation(op: WireBatchOperation): RemoteBatch {
  const meta = op.metadata ?? {};
  const status = mapGeminiState(meta.state);
  const remote: RemoteBatch = { remoteId: op.name ?? meta.displayName ?? '', status, counts: counts(meta.batchStats), countsLive: true };
  const createdAt = toMs(meta.createTime);
  const endedAt = toMs(meta.endTime);
  if (createdAt !== undefined) remote.createdAt = createdAt;
  if (endedAt !== undefined) remote.endedAt = endedAt;
  if (op.error) remote.errors = [{ code: op.error.status ?? (op.error.code !== undefined ? String(op.error.code) : undefined), message: op.error.message ?? 'batch failed' }];
  const handle = outputHandle(meta.output ?? op.response);
  if (handle) remote.handle = handle;
  return remote;
}

/** The SDK's BatchJob (create, list) → RemoteBatch. It carries no counts: the SDK drops batchStats. */
export function remoteFromBatchJob(job: BatchJob): RemoteBatch {
  const remote: RemoteBatch = { remoteId: job.name ?? '', status: mapGeminiState(job.state), counts: null, countsLive: true };
  const createdAt = toMs(job.createTime);
  const endedAt = toMs(job.endTime);
  if (createdAt !== undefined) remote.createdAt = createdAt;
  if (endedAt !== undefined) remote.endedAt = endedAt;
  if (job.error?.message) remote.errors = [{ message: job.error.message }];
  if (job.dest?.fileName) remote.handle = { responsesFile: job.dest.fileName };
  else if (job.dest?.inlinedResponses || job.dest?.inlinedEmbedContentResponses) remote.handle = { inline: true };
  return remote;
}
