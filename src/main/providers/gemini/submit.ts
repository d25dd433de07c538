// Remote calls: upload, create, find (crash reconciliation by displayName `batchdesk-<tag>`), poll, cancel.
// Creates go through the `write` client (never retried); everything else through `read` (retried).
import type { Operation, Pager } from '@google/genai';
import type { CreateInput, FindBatchHint, ProviderCallOptions, RemoteBatch, UploadInput } from '../../core/provider.ts';
import type { GeminiClients } from './client.ts';
import { fitsInline, INLINE_SOURCE, readInlinedRequests } from './inline.ts';
import { geminiModelName } from './models.ts';
import { remoteFromBatchJob, remoteFromOperation } from './status.ts';
import type { WireBatchOperation } from './wire.ts';

export function displayNameFor(tag: string): string {
  return `batchdesk-${tag}`;
}

/**
 * The SDK's batches.get maps the Operation to a BatchJob and drops metadata.batchStats (live counts) and the
 * operation's error. operations.get with this pass-through operation calls the same GET /v1/batches/{id}
 * through the SDK and hands back the JSON unchanged.
 */
class RawBatchOperation implements Operation<unknown> {
  name?: string;
  metadata?: Record<string, unknown>;
  done?: boolean;
  error?: Record<string, unknown>;
  response?: unknown;
  constructor(name?: string) {
    this.name = name;
  }
  _fromAPIResponse({ apiResponse }: { apiResponse: Record<string, unknown> }): Operation<unknown> {
    return Object.assign(new RawBatchOperation(), apiResponse);
  }
}

export async function getBatchOperation(clients: GeminiClients, name: string, opts?: ProviderCallOptions): Promise<WireBatchOperation> {
  const op = await clients.read.operations.get({ operation: new RawBatchOperation(name), config: { abortSignal: opts?.signal } });
  return op as WireBatchOperation;
}

/** A bound on listing: a server that repeats a page token (or never stops) must not hang reconciliation. */
const MAX_LIST_PAGES = 200;

/** First item of a paged listing that matches, walking pages until none is left. */
async function findInPages<T>(pager: Pager<T>, match: (item: T) => boolean): Promise<T | null> {
  const seen = new Set<string>();
  for (let pages = 0; pages < MAX_LIST_PAGES; pages += 1) {
    const hit = pager.page.find(match);
    if (hit) return hit;
    if (!pager.hasNextPage()) return null;
    const token = String(pager.params.config?.pageToken ?? '');
    if (seen.has(token)) return null;
    seen.add(token);
    await pager.nextPage();
  }
  return null;
}

export async function uploadInput(clients: GeminiClients, input: UploadInput, opts?: ProviderCallOptions): Promise<{ fileId: string }> {
  if (input.endpoint !== 'embeddings' && (await fitsInline(input.inputPath, input.requestCount))) return { fileId: INLINE_SOURCE };
  // files.upload is a resumable upload (start, then chunks): the start call only reserves an upload URL, and
  // the file exists once the final chunk lands, so it is safe on the write client without retries.
  const file = await clients.write.files.upload({
    file: input.inputPath,
    config: { mimeType: 'jsonl', displayName: displayNameFor(input.tag), abortSignal: opts?.signal },
  });
  if (!file.name) throw new Error('Gemini files.upload returned no file name');
  return { fileId: file.name };
}

export async function findUploadByTag(clients: GeminiClients, tag: string, opts?: ProviderCallOptions): Promise<{ fileId: string } | null> {
  const wanted = displayNameFor(tag);
  const pager = await clients.read.files.list({ config: { pageSize: 100, abortSignal: opts?.signal } });
  const file = await findInPages(pager, (f) => f.displayName === wanted && Boolean(f.name) && f.state !== 'FAILED');
  return file?.name ? { fileId: file.name } : null;
}

export async function createBatch(clients: GeminiClients, input: CreateInput, opts?: ProviderCallOptions): Promise<RemoteBatch> {
  const model = geminiModelName(input.model);
  const config = { displayName: displayNameFor(input.tag), abortSignal: opts?.signal };
  let fileId = input.fileId;
  if (!fileId) fileId = (await uploadInput(clients, input, opts)).fileId;
  if (input.endpoint === 'embeddings') {
    if (fileId === INLINE_SOURCE) throw new Error('Gemini embeddings batches are sent as an uploaded file');
    input.confirmCreate();
    const job = await clients.write.batches.createEmbeddings({ model, src: { fileName: fileId }, config });
    return remoteFromBatchJob(job);
  }
  const src = fileId === INLINE_SOURCE ? await readInlinedRequests(input.inputPath) : fileId;
  input.confirmCreate();
  const job = await clients.write.batches.create({ model, src, config });
  return remoteFromBatchJob(job);
}

export async function pollBatch(clients: GeminiClients, remoteId: string, opts?: ProviderCallOptions): Promise<RemoteBatch> {
  const remote = remoteFromOperation(await getBatchOperation(clients, remoteId, opts));
  if (!remote.remoteId) remote.remoteId = remoteId;
  return remote;
}

export async function findBatchByTag(
  clients: GeminiClients,
  tag: string,
  hint: FindBatchHint,
  opts?: ProviderCallOptions,
): Promise<RemoteBatch | null> {
  const wanted = displayNameFor(tag);
  const pager = await clients.read.batches.list({ config: { pageSize: 100, abortSignal: opts?.signal } });
  // The tag alone identifies the batch; createdAfter only rules out a day-old namesake (clock skew allowed).
  const job = await findInPages(pager, (j) => {
    const created = j.createTime ? Date.parse(j.createTime) : NaN;
    return j.displayName === wanted && Boolean(j.name) && !hint.known?.has(j.name!) && !(created < hint.createdAfter - 24 * 3600_000);
  });
  return job?.name ? pollBatch(clients, job.name, opts) : null;
}

export async function cancelBatch(clients: GeminiClients, remoteId: string, opts?: ProviderCallOptions): Promise<RemoteBatch> {
  // Cancelling twice is harmless, so the read client (with retries) is used.
  await clients.read.batches.cancel({ name: remoteId, config: { abortSignal: opts?.signal } });
  return pollBatch(clients, remoteId, opts);
}
