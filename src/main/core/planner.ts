// Split a run's jobs into provider batches: by provider, model and endpoint, then by the API's request and
// byte limits and the user's itemsPerBatch. Pure: no I/O.
import type { Endpoint, ProviderName } from '../../shared/domain.ts';
import type { ProviderLimits } from './provider.ts';

export interface PlanItem {
  seq: number;
  provider: ProviderName;
  model: string;
  endpoint: Endpoint;
  /** Estimated size of the request line in the provider's input file. */
  bytes: number;
  estimated_usd: number | null;
}

export interface PlannedBatch {
  provider: ProviderName;
  model: string;
  endpoint: Endpoint;
  seqs: number[];
  bytes: number;
  /** null when any job's cost is unknown. */
  estimated_usd: number | null;
}

export function planBatches(
  items: Iterable<PlanItem>,
  limitsOf: (provider: ProviderName) => ProviderLimits,
  itemsPerBatch = Infinity,
): PlannedBatch[] {
  const open = new Map<string, PlannedBatch>();
  const done: PlannedBatch[] = [];
  for (const item of items) {
    const key = `${item.provider}\u0000${item.model}\u0000${item.endpoint}`;
    const limits = limitsOf(item.provider);
    const maxRequests = Math.min(limits.maxRequests, itemsPerBatch);
    let batch = open.get(key);
    if (batch && (batch.seqs.length >= maxRequests || (batch.seqs.length > 0 && batch.bytes + item.bytes > limits.maxBytes))) {
      done.push(batch);
      batch = undefined;
    }
    if (!batch) {
      batch = { provider: item.provider, model: item.model, endpoint: item.endpoint, seqs: [], bytes: 0, estimated_usd: 0 };
      open.set(key, batch);
    }
    batch.seqs.push(item.seq);
    batch.bytes += item.bytes;
    batch.estimated_usd = batch.estimated_usd === null || item.estimated_usd === null ? null : batch.estimated_usd + item.estimated_usd;
  }
  // Keep creation order stable: batches that filled up first, then the open remainders in first-seen order.
  return [...done, ...open.values()].sort((a, b) => a.seqs[0]! - b.seqs[0]!);
}

/** Size of a request line before it is written: base64 grows files by 4/3, JSON framing adds a little. */
export function estimateRequestBytes(textChars: number, fileBytes: number, binaryFile: boolean): number {
  return Math.ceil(textChars * 1.1) + (binaryFile ? Math.ceil((fileBytes * 4) / 3) : Math.ceil(fileBytes * 1.1)) + 512;
}
