// Split a run's jobs into provider batches: by provider, model and endpoint, then by the API's request and
// byte limits, the model's enqueued-token limit and the user's itemsPerBatch. Incremental (BatchPlanner takes one
// job at a time and says which batch it joins), so a streaming caller never holds the run. Pure: no I/O.
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
  /** Estimated input tokens (what the provider counts against its enqueued-token limit). */
  tokens?: number;
}

/** A batch as the planner builds it: totals only, no list of its jobs. */
export interface OpenBatch {
  /** Order of opening (0, 1, ...). */
  index: number;
  provider: ProviderName;
  model: string;
  endpoint: Endpoint;
  first_seq: number;
  requests: number;
  bytes: number;
  tokens: number;
  /** null when any job's cost is unknown. */
  estimated_usd: number | null;
}

export interface PlannedBatch extends Omit<OpenBatch, 'index' | 'first_seq' | 'requests' | 'tokens'> {
  seqs: number[];
}

/** Most estimated input tokens per batch for a model (its enqueued-token budget); null = no such limit. */
export type TokenBudgetOf = (model: string) => number | null;

export class BatchPlanner {
  private readonly open = new Map<string, OpenBatch>();
  private readonly all: OpenBatch[] = [];
  private readonly limitsOf: (provider: ProviderName) => ProviderLimits;
  private readonly itemsPerBatch: number;
  private readonly tokenBudgetOf: TokenBudgetOf;

  constructor(limitsOf: (provider: ProviderName) => ProviderLimits, itemsPerBatch = Infinity, tokenBudgetOf: TokenBudgetOf = () => null) {
    this.limitsOf = limitsOf;
    this.itemsPerBatch = itemsPerBatch;
    this.tokenBudgetOf = tokenBudgetOf;
  }

  /** Put one job into a batch; returns the batch it joined. */
  add(item: PlanItem): OpenBatch {
    const key = `${item.provider}\u0000${item.model}\u0000${item.endpoint}`;
    const limits = this.limitsOf(item.provider);
    const maxRequests = Math.min(limits.maxRequests, this.itemsPerBatch);
    const maxTokens = this.tokenBudgetOf(item.model) ?? Infinity;
    const tokens = item.tokens ?? 0;
    let batch = this.open.get(key);
    const full = batch && batch.requests > 0 && (batch.requests >= maxRequests || batch.bytes + item.bytes > limits.maxBytes || batch.tokens + tokens > maxTokens);
    if (!batch || full) {
      batch = { index: this.all.length, provider: item.provider, model: item.model, endpoint: item.endpoint, first_seq: item.seq, requests: 0, bytes: 0, tokens: 0, estimated_usd: 0 };
      this.open.set(key, batch);
      this.all.push(batch);
    }
    batch.requests += 1;
    batch.bytes += item.bytes;
    batch.tokens += tokens;
    batch.estimated_usd = batch.estimated_usd === null || item.estimated_usd === null ? null : batch.estimated_usd + item.estimated_usd;
    return batch;
  }

  /** Every batch, in the order they are created: by their first job. */
  batches(): OpenBatch[] {
    return [...this.all].sort((a, b) => a.first_seq - b.first_seq);
  }
}

/** The whole plan at once, with each batch's jobs (retries and tests; run creation streams through BatchPlanner). */
export function planBatches(
  items: Iterable<PlanItem>,
  limitsOf: (provider: ProviderName) => ProviderLimits,
  itemsPerBatch = Infinity,
  tokenBudgetOf?: TokenBudgetOf,
): PlannedBatch[] {
  const planner = new BatchPlanner(limitsOf, itemsPerBatch, tokenBudgetOf);
  const seqs = new Map<OpenBatch, number[]>();
  for (const item of items) {
    const batch = planner.add(item);
    const list = seqs.get(batch);
    if (list) list.push(item.seq);
    else seqs.set(batch, [item.seq]);
  }
  return planner.batches().map((b) => ({ provider: b.provider, model: b.model, endpoint: b.endpoint, bytes: b.bytes, estimated_usd: b.estimated_usd, seqs: seqs.get(b)! }));
}

/** Size of a request line before it is written: base64 grows files by 4/3, JSON framing adds a little. */
export function estimateRequestBytes(textChars: number, fileBytes: number, binaryFile: boolean): number {
  return Math.ceil(textChars * 1.1) + (binaryFile ? Math.ceil((fileBytes * 4) / 3) : Math.ceil(fileBytes * 1.1)) + 512;
}
