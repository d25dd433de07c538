// A provider batch's input file: the requests exactly as sent, one JSON line each, under
// <data>/runs/<run>/<provider-batch>/input.jsonl. Written when the run is created, from the jobs already in
// memory (so what was estimated is what is sent); written again from the store if it is missing at submit time.
import { join } from 'node:path';
import type { JobSpec } from '../../shared/domain.ts';
import { fileExists, writeFileAtomic } from '../store/files.ts';
import { providerBatchFolder } from '../store/data-folder.ts';
import type { ProviderBatchRow } from '../store/repositories/provider-batches.ts';
import type { EngineContext } from './context.ts';
import { customIdFor } from './custom-id.ts';

/** Lines are written in chunks of about this many characters: one write per line would dominate the cost. */
const WRITE_CHUNK_CHARS = 1 << 20;

export type BatchRef = Pick<ProviderBatchRow, 'run_id' | 'id' | 'provider' | 'model'>;

export function inputFilePath(ctx: EngineContext, batch: Pick<ProviderBatchRow, 'run_id' | 'id'>): string {
  return join(providerBatchFolder(ctx.store.dataFolder, batch.run_id, batch.id), 'input.jsonl');
}

/** Write the input file of `batch` from `jobs` (default: its jobs in the store, streamed). Returns its path. */
export async function writeInputFile(ctx: EngineContext, batch: BatchRef, jobs?: Iterable<{ seq: number; spec: JobSpec }>): Promise<string> {
  const path = inputFilePath(ctx, batch);
  if (await fileExists(path)) return path;
  const provider = await ctx.registry.provider(batch.provider);
  const model = ctx.registry.resolve(batch.model);
  const source = jobs ?? ctx.store.jobs.iterateBatch(batch.id);
  async function* lines(): AsyncGenerator<string> {
    let chunk = '';
    for (const job of source) {
      const line = await provider.requestLine({ customId: customIdFor(batch.id, job.seq), job: job.spec, model });
      chunk += `${JSON.stringify(line)}\n`;
      if (chunk.length >= WRITE_CHUNK_CHARS) {
        yield chunk;
        chunk = '';
      }
    }
    if (chunk) yield chunk;
  }
  await writeFileAtomic(path, lines());
  return path;
}
