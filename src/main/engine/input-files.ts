// A provider batch's input file: the requests exactly as sent, one JSON line each, under
// <data>/runs/<run>/<provider-batch>/input.jsonl. Written when the run is created, from the jobs already in
// memory (so what was estimated is what is sent); written again from the store if it is missing at submit time.
import { join } from 'node:path';
import type { JobSpec } from '../../shared/domain.ts';
import { fileExists, writeFileAtomic } from '../store/files.ts';
import { providerBatchFolder } from '../store/data-folder.ts';
import type { ProviderBatchRow } from '../store/repositories/provider-batches.ts';
import type { EngineContext } from './context.ts';
import { customIdPrefix } from './custom-id.ts';
import { requestLineFor } from './request-line.ts';

/**
 * Lines are encoded straight into buffers of about this size, one write each: one write per line would dominate
 * the cost, and concatenating strings keeps every line alive until its chunk is written (peak RSS).
 */
const WRITE_CHUNK_BYTES = 1 << 20;

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
  const prefix = customIdPrefix(batch.id);
  async function* chunks(): AsyncGenerator<Buffer> {
    let chunk = Buffer.allocUnsafe(WRITE_CHUNK_BYTES);
    let used = 0;
    for (const job of source) {
      const line = `${JSON.stringify(await requestLineFor(provider, { customId: `${prefix}${job.seq}`, job: job.spec, model }))}\n`;
      // A UTF-16 code unit takes at most 3 bytes in UTF-8: room for that, and the line is encoded in one pass.
      const room = line.length * 3;
      if (used + room > chunk.length) {
        if (used > 0) yield chunk.subarray(0, used);
        chunk = Buffer.allocUnsafe(Math.max(WRITE_CHUNK_BYTES, room));
        used = 0;
      }
      used += chunk.write(line, used);
    }
    if (used > 0) yield chunk.subarray(0, used);
  }
  await writeFileAtomic(path, chunks());
  return path;
}
