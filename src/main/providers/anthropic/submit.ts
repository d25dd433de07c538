// The remote side of a provider batch: create (never retried by the SDK), find after a crash, poll, cancel,
// and download the results file. There is no upload step: create takes the requests themselves.
import { stat } from 'node:fs/promises';
import { join } from 'node:path';
import type { BatchCreateParams, MessageBatch } from '@anthropic-ai/sdk/resources/messages/batches';
import type { CreateInput, FindBatchHint, ProviderCallOptions, ProviderLimits, RemoteBatch } from '../../core/provider.ts';
import { fileExists, readLines, writeFileAtomic } from '../../store/files.ts';
import type { AnthropicClients } from './client.ts';
import { toRemoteBatch } from './status.ts';

export const ANTHROPIC_LIMITS: ProviderLimits = { maxRequests: 100_000, maxBytes: 256 * 1024 * 1024 };
/** Allowed difference between our clock and the provider's when matching created_at in findBatch. */
export const CLOCK_SKEW_MS = 2 * 60 * 1000;
/** findBatch looks at most at this many recent batches. */
export const MAX_LISTED = 10_000;

type Clients = () => AnthropicClients;

/** Read the input file line by line into the requests array the SDK sends (one parse per line, no copies). */
export async function readRequests(input: CreateInput): Promise<BatchCreateParams.Request[]> {
  const { size } = await stat(input.inputPath);
  if (size > ANTHROPIC_LIMITS.maxBytes) throw new Error(`Input file is ${size} bytes, over Anthropic's 256 MB batch limit.`);
  const requests: BatchCreateParams.Request[] = [];
  for await (const { line, text } of readLines(input.inputPath)) {
    try {
      requests.push(JSON.parse(text) as BatchCreateParams.Request);
    } catch (error) {
      throw new Error(`Input file line ${line} is not valid JSON: ${(error as Error).message}`, { cause: error });
    }
  }
  if (requests.length !== input.requestCount) {
    throw new Error(`Input file holds ${requests.length} requests, expected ${input.requestCount}: not sending it.`);
  }
  if (requests.length > ANTHROPIC_LIMITS.maxRequests) throw new Error(`${requests.length} requests is over Anthropic's limit of 100,000 per batch.`);
  return requests;
}

export async function createBatch(clients: Clients, input: CreateInput, opts?: ProviderCallOptions): Promise<RemoteBatch> {
  const requests = await readRequests(input);
  input.confirmCreate();
  const batch = await clients().create.messages.batches.create({ requests }, { maxRetries: 0, signal: opts?.signal ?? null });
  return toRemoteBatch(batch);
}

export async function pollBatch(clients: Clients, remoteId: string, opts?: ProviderCallOptions): Promise<RemoteBatch> {
  return toRemoteBatch(await clients().read.messages.batches.retrieve(remoteId, {}, { signal: opts?.signal ?? null }));
}

/** Cancelling is idempotent (cancelling a cancelled or ended batch changes nothing), so it may be retried. */
export async function cancelBatch(clients: Clients, remoteId: string, opts?: ProviderCallOptions): Promise<RemoteBatch> {
  return toRemoteBatch(await clients().read.messages.batches.cancel(remoteId, {}, { signal: opts?.signal ?? null }));
}

/**
 * Batches carry no metadata, so a batch made for `tag` is recognised by being created after the intent with
 * the planned request count; where results exist, their custom_ids must start with customIdPrefix(tag).
 * Of several candidates the earliest one created after the intent wins.
 */
export async function findBatch(
  clients: Clients,
  tag: string,
  hint: FindBatchHint,
  opts?: ProviderCallOptions,
): Promise<RemoteBatch | null> {
  const since = hint.createdAfter - CLOCK_SKEW_MS;
  const candidates: MessageBatch[] = [];
  const seen = new Set<string>();
  // Most recent first: stop at the first batch older than the intent (or a page that repeats itself).
  for await (const batch of clients().read.messages.batches.list({ limit: 100 }, { signal: opts?.signal ?? null })) {
    if (Date.parse(batch.created_at) < since || seen.has(batch.id) || seen.size >= MAX_LISTED) break;
    seen.add(batch.id);
    if (toRemoteBatch(batch).counts?.total === hint.requestCount && !hint.known?.has(batch.id)) candidates.push(batch);
  }
  candidates.sort((a, b) => Date.parse(a.created_at) - Date.parse(b.created_at));
  for (const batch of candidates) {
    const verdict = await prefixMatches(clients, batch, customIdPrefix(tag), opts);
    if (verdict !== false) return toRemoteBatch(batch);
  }
  return null;
}

/** custom_ids of a batch tagged `tag` start with this: the tag's first 8 characters (dashes dropped) and `_`. */
export function customIdPrefix(tag: string): string {
  return `${tag.replace(/-/g, '').slice(0, 8)}_`;
}

/** true/false from the first result's custom_id; null when the batch has no results yet. */
async function prefixMatches(clients: Clients, batch: MessageBatch, prefix: string, opts?: ProviderCallOptions): Promise<boolean | null> {
  if (batch.processing_status !== 'ended' || !batch.results_url) return null;
  let first: { custom_id?: unknown } | undefined;
  try {
    const decoder = await clients().read.messages.batches.results(batch.id, {}, { signal: opts?.signal ?? null });
    const iterator = decoder[Symbol.asyncIterator]();
    first = (await iterator.next()).value as { custom_id?: unknown } | undefined;
    // Only the first line is needed: drop the rest of the stream.
    decoder.controller.abort();
  } catch {
    // Unreadable results prove nothing either way.
  }
  return typeof first?.custom_id === 'string' ? first.custom_id.startsWith(prefix) : null;
}

/** Results are one JSONL file per batch, written atomically; an existing file is not downloaded again. */
export async function downloadResults(
  clients: Clients,
  remote: RemoteBatch,
  dir: string,
  opts?: ProviderCallOptions,
): Promise<string[]> {
  const path = join(dir, `${remote.remoteId}.results.jsonl`);
  if (await fileExists(path)) return [path];
  let url = typeof remote.handle?.results_url === 'string' ? remote.handle.results_url : null;
  if (!url) url = (await clients().read.messages.batches.retrieve(remote.remoteId, {}, { signal: opts?.signal ?? null })).results_url;
  if (!url) throw new Error(`Batch ${remote.remoteId} has no results yet (it has not ended).`);
  // The SDK's own batches.results() fetches results_url this way, then parses it; we keep the raw bytes.
  const response = await clients()
    .read.get<unknown>(url, { headers: { Accept: 'application/binary' }, __binaryResponse: true, signal: opts?.signal ?? null })
    .asResponse();
  if (!response.body) throw new Error(`Batch ${remote.remoteId}: the results response had no body.`);
  await writeFileAtomic(path, response.body);
  return [path];
}
