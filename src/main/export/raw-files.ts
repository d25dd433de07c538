// A provider batch's raw files as kept under <data>/runs/<run>/<provider-batch>/ (DESIGN §5): the requests exactly
// as sent (input.jsonl) and the provider's answer files, downloaded once. Listed by kind, and zipped (yazl, streamed
// from disk with backpressure) for a browser, which cannot open the folder.
import { once } from 'node:events';
import { createReadStream } from 'node:fs';
import { readdir, stat } from 'node:fs/promises';
import { join } from 'node:path';
import type { Writable } from 'node:stream';
import yazl from 'yazl';
import { providerBatchFolder } from '../store/data-folder.ts';

export interface RawFile {
  provider_batch_id: string;
  name: string;
  kind: 'input' | 'output' | 'errors';
  size: number;
}

/** What a file in a batch folder is; null for scratch files of a download that did not finish. */
export function rawFileKind(name: string): RawFile['kind'] | null {
  if (!name.endsWith('.jsonl')) return null;
  if (name === 'input.jsonl') return 'input';
  return /(^|[-_.])errors?\.jsonl$/.test(name) ? 'errors' : 'output';
}

const ORDER: Record<RawFile['kind'], number> = { input: 0, output: 1, errors: 2 };

export async function listRawFiles(dataFolder: string, runId: string, batchIds: string[]): Promise<RawFile[]> {
  const files: RawFile[] = [];
  for (const id of batchIds) {
    const dir = providerBatchFolder(dataFolder, runId, id);
    const names = await readdir(dir).catch(() => [] as string[]);
    const found: RawFile[] = [];
    for (const name of names) {
      const kind = rawFileKind(name);
      const info = kind ? await stat(join(dir, name)).catch(() => null) : null;
      if (kind && info?.isFile()) found.push({ provider_batch_id: id, name, kind, size: info.size });
    }
    files.push(...found.sort((a, b) => ORDER[a.kind] - ORDER[b.kind] || a.name.localeCompare(b.name)));
  }
  return files;
}

/** A ZIP of `files`, each as <provider-batch-id>/<name>, streamed to `out`. Does not end `out`. */
export async function writeRawFilesZip(out: Writable, dataFolder: string, runId: string, files: RawFile[]): Promise<void> {
  const zip = new yazl.ZipFile();
  for (const file of files) zip.addReadStream(createReadStream(join(providerBatchFolder(dataFolder, runId, file.provider_batch_id), file.name)), `${file.provider_batch_id}/${file.name}`);
  zip.end();
  for await (const chunk of zip.outputStream as AsyncIterable<Buffer>) if (!out.write(chunk)) await once(out, 'drain');
}
