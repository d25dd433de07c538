// Results of a finished batch: either a response file (files/…, downloaded through files.download) or inline
// responses inside the batch operation (written out as a JSONL file of the same line shape). Every file is
// written atomically into `dir`; a file already there is not fetched again.
import { createReadStream } from 'node:fs';
import { mkdir, rm } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { randomUUID } from 'node:crypto';
import { INPUT_FILE_NAME, type ProviderCallOptions, type RemoteBatch } from '../../core/provider.ts';
import { fileExists, writeFileAtomic } from '../../store/files.ts';
import type { GeminiClients } from './client.ts';
import { inlineResultLines, requestKeys } from './inline.ts';
import { getBatchOperation } from './submit.ts';
import type { WireBatchOutput } from './wire.ts';

function safe(name: string): string {
  return name.replace(/^.*\//, '').replace(/[^A-Za-z0-9._-]/g, '_');
}

export function resultFileNames(remote: RemoteBatch, dir: string): { file: string; inline: string } {
  const id = safe(remote.remoteId);
  return { file: join(dir, `${id}-responses.jsonl`), inline: join(dir, `${id}-inline.jsonl`) };
}

async function downloadResponsesFile(clients: GeminiClients, fileName: string, target: string, opts?: ProviderCallOptions): Promise<void> {
  // files.download streams to a path of its choosing; it goes to a scratch file first, then into place atomically.
  const scratch = `${target}.${randomUUID().slice(0, 8)}.download`;
  try {
    await mkdir(dirname(target), { recursive: true });
    await clients.read.files.download({ file: fileName, downloadPath: scratch, config: { abortSignal: opts?.signal } });
    await writeFileAtomic(target, createReadStream(scratch));
  } finally {
    await rm(scratch, { force: true });
  }
}

export async function downloadResults(clients: GeminiClients, remote: RemoteBatch, dir: string, opts?: ProviderCallOptions): Promise<string[]> {
  const names = resultFileNames(remote, dir);
  for (const path of [names.file, names.inline]) if (await fileExists(path)) return [path];
  const handle = remote.handle ?? {};
  let responsesFile = typeof handle['responsesFile'] === 'string' ? handle['responsesFile'] : null;
  let output: WireBatchOutput | undefined;
  if (!responsesFile) {
    // Inline responses are not kept in the handle (they can be 20 MB): fetch the operation again.
    const op = await getBatchOperation(clients, remote.remoteId, opts);
    output = op.metadata?.output ?? op.response;
    responsesFile = output?.responsesFile ?? null;
  }
  if (responsesFile) {
    await downloadResponsesFile(clients, responsesFile, names.file, opts);
    return [names.file];
  }
  const inline = output?.inlinedResponses?.inlinedResponses ?? output?.inlinedEmbedContentResponses?.inlinedResponses;
  if (!inline || inline.length === 0) return [];
  // Keys are read back from the input file only when some response came without its own.
  const keys = inline.every((item) => item.metadata?.['key']) ? null : await requestKeys(join(dir, INPUT_FILE_NAME)).catch(() => null);
  await writeFileAtomic(names.inline, inlineResultLines(inline, keys).join('\n') + '\n');
  return [names.inline];
}
