// Reading and steering a batch that exists: poll, cancel, and download its output and error files.
import { join } from 'node:path';
import { APIError, APIUserAbortError } from 'openai';
import type { Batch } from 'openai/resources/batches';
import { TERMINAL_BATCH_STATUSES } from '../../../shared/domain.ts';
import type { ProviderCallOptions, RemoteBatch } from '../../core/provider.ts';
import { fileExists, writeFileAtomic } from '../../store/files.ts';
import type { OpenAIClients } from './client.ts';
import { mapStatus, toRemoteBatch } from './status.ts';

/** The expiry of a finished batch's result file, when OpenAI reports one; never fails the poll. */
async function resultFileExpiry(
  clients: OpenAIClients,
  batch: Batch,
  opts?: ProviderCallOptions,
): Promise<number | null> {
  const fileId = batch.output_file_id ?? batch.error_file_id;
  if (!fileId || !TERMINAL_BATCH_STATUSES.includes(mapStatus(batch.status))) return null;
  try {
    const file = await clients.client().files.retrieve(fileId, clients.readOptions(opts));
    return typeof file.expires_at === 'number' ? file.expires_at : null;
  } catch (error) {
    if (error instanceof APIUserAbortError || opts?.signal?.aborted) throw error;
    return null;
  }
}

export async function pollBatch(
  clients: OpenAIClients,
  remoteId: string,
  opts?: ProviderCallOptions,
): Promise<RemoteBatch> {
  const batch = await clients.client().batches.retrieve(remoteId, clients.readOptions(opts));
  return toRemoteBatch(batch, await resultFileExpiry(clients, batch, opts));
}

/** Cancel; a batch that finished meanwhile (OpenAI answers 400/409) is returned as it is. */
export async function cancelBatch(
  clients: OpenAIClients,
  remoteId: string,
  opts?: ProviderCallOptions,
): Promise<RemoteBatch> {
  try {
    return toRemoteBatch(await clients.client().batches.cancel(remoteId, clients.readOptions(opts)));
  } catch (error) {
    if (!(error instanceof APIError) || (error.status !== 400 && error.status !== 409)) throw error;
    const current = await pollBatch(clients, remoteId, opts);
    if (!TERMINAL_BATCH_STATUSES.includes(current.status) && current.status !== 'cancelling') throw error;
    return current;
  }
}

function fileId(handle: RemoteBatch['handle'], key: 'outputFileId' | 'errorFileId'): string | null {
  const value = handle?.[key];
  return typeof value === 'string' && value !== '' ? value : null;
}

export async function downloadResults(
  clients: OpenAIClients,
  remote: RemoteBatch,
  dir: string,
  opts?: ProviderCallOptions,
): Promise<string[]> {
  const files: [string | null, string][] = [
    [fileId(remote.handle, 'outputFileId'), join(dir, `${remote.remoteId}-output.jsonl`)],
    [fileId(remote.handle, 'errorFileId'), join(dir, `${remote.remoteId}-errors.jsonl`)],
  ];
  const paths: string[] = [];
  for (const [id, path] of files) {
    if (id === null) continue;
    if (!(await fileExists(path))) {
      const response = await clients.client().files.content(id, clients.readOptions(opts));
      await writeFileAtomic(path, response.body ?? '');
    }
    paths.push(path);
  }
  return paths;
}
