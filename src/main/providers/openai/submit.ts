// Creating remote objects, and finding them again after a crash. Each create is sent once (SDK retries off):
// the input file is named after the intent tag and the batch carries {batchdesk_tag: tag} in its metadata, so
// findUpload / findBatch can tell whether a create that seemed to fail did take effect.
import { createReadStream } from 'node:fs';
import { toStreamingFile } from 'openai';
import type { CreateInput, FindBatchHint, ProviderCallOptions, RemoteBatch, UploadInput } from '../../core/provider.ts';
import type { OpenAIClients } from './client.ts';
import { ENDPOINT_URLS } from './request.ts';
import { toRemoteBatch } from './status.ts';

export const TAG_METADATA_KEY = 'batchdesk_tag';
/** How far before `createdAfter` findBatch still looks, for clock skew between this machine and OpenAI. */
export const CLOCK_SKEW_MS = 10 * 60 * 1000;

export function uploadName(tag: string): string {
  return `batchdesk-${tag}.jsonl`;
}

export async function uploadInput(
  clients: OpenAIClients,
  input: UploadInput,
  opts?: ProviderCallOptions,
): Promise<{ fileId: string }> {
  // Streamed from disk: a 200 MB input file is never held in memory.
  const file = toStreamingFile(createReadStream(input.inputPath), uploadName(input.tag), {
    type: 'application/jsonl',
  });
  const created = await clients
    .client()
    .files.create({ file, purpose: 'batch' }, clients.createOptions(opts));
  return { fileId: created.id };
}

export async function findUpload(
  clients: OpenAIClients,
  tag: string,
  opts?: ProviderCallOptions,
): Promise<{ fileId: string } | null> {
  const name = uploadName(tag);
  const files = clients.client().files.list({ purpose: 'batch', order: 'desc' }, clients.readOptions(opts));
  const seen = new Set<string>();
  for await (const file of files) {
    if (file.filename === name && file.status !== 'error') return { fileId: file.id };
    if (seen.has(file.id)) break; // a cursor that does not advance (seen on mocks): stop, do not loop
    seen.add(file.id);
  }
  return null;
}

export async function createBatch(
  clients: OpenAIClients,
  input: CreateInput,
  opts?: ProviderCallOptions,
): Promise<RemoteBatch> {
  if (!input.fileId)
    throw new Error('OpenAI batches are created from an uploaded file: upload the input first');
  input.confirmCreate();
  const batch = await clients.client().batches.create(
    {
      input_file_id: input.fileId,
      endpoint: ENDPOINT_URLS[input.endpoint],
      completion_window: '24h',
      metadata: { [TAG_METADATA_KEY]: input.tag },
    },
    clients.createOptions(opts),
  );
  return toRemoteBatch(batch);
}

/** Lists batches newest first and stops once they are older than hint.createdAfter (less clock skew). */
export async function findBatch(
  clients: OpenAIClients,
  tag: string,
  hint: FindBatchHint,
  opts?: ProviderCallOptions,
): Promise<RemoteBatch | null> {
  const oldest = hint.createdAfter - CLOCK_SKEW_MS;
  const batches = clients.client().batches.list({ limit: 100 }, clients.readOptions(opts));
  const seen = new Set<string>();
  for await (const batch of batches) {
    if (batch.metadata?.[TAG_METADATA_KEY] === tag && !hint.known?.has(batch.id)) return toRemoteBatch(batch);
    if (batch.created_at * 1000 < oldest || seen.has(batch.id)) break;
    seen.add(batch.id);
  }
  return null;
}
