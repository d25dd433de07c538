// A provider batch's input file: the requests exactly as sent, one JSON line each, under
// <data>/runs/<run>/<provider-batch>/input.jsonl. Written when the run is created, streamed from the jobs in the
// store (so what was estimated is what is sent); written again from the store when it is missing or does not match.
//
// The line count and sha256 of each file are stored as it is written. Before every upload or create the file is
// checked against them and against the batch's request count: a file left from before a trim (a crash between
// the trim and the file's replacement) or changed on disk is written again from the store, never sent.
import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import type { JobSpec } from '../../shared/domain.ts';
import { INPUT_FILE_NAME } from '../core/provider.ts';
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
const NEWLINE = 0x0a;

export type BatchRef = Pick<ProviderBatchRow, 'run_id' | 'id' | 'provider' | 'model'>;

export function inputFilePath(ctx: EngineContext, batch: Pick<ProviderBatchRow, 'run_id' | 'id'>): string {
  return join(providerBatchFolder(ctx.store.dataFolder, batch.run_id, batch.id), INPUT_FILE_NAME);
}

interface FileFacts {
  lines: number;
  sha256: string;
}

/** Counts lines and hashes bytes as they pass. */
class Digest {
  private readonly hash = createHash('sha256');
  lines = 0;
  update(chunk: Buffer): void {
    this.hash.update(chunk);
    for (let at = chunk.indexOf(NEWLINE); at !== -1; at = chunk.indexOf(NEWLINE, at + 1)) this.lines += 1;
  }
  facts(): FileFacts {
    return { lines: this.lines, sha256: this.hash.digest('hex') };
  }
}

async function factsOf(path: string): Promise<FileFacts> {
  const digest = new Digest();
  for await (const chunk of createReadStream(path)) digest.update(chunk as Buffer);
  return digest.facts();
}

/**
 * Write the input file of `batch` from `jobs` (default: its jobs in the store, streamed) and record its line count
 * and sha256. An existing file is kept unless `replace`. Returns its path.
 */
export async function writeInputFile(ctx: EngineContext, batch: BatchRef, jobs?: Iterable<{ seq: number; spec: JobSpec }>, replace = false): Promise<string> {
  const path = inputFilePath(ctx, batch);
  if (!replace && (await fileExists(path))) return path;
  const provider = await ctx.registry.provider(batch.provider);
  const model = ctx.registry.resolve(batch.model);
  const source = jobs ?? ctx.store.jobs.iterateBatch(batch.id);
  const prefix = customIdPrefix(batch.id);
  const digest = new Digest();
  async function* chunks(): AsyncGenerator<Buffer> {
    let chunk = Buffer.allocUnsafe(WRITE_CHUNK_BYTES);
    let used = 0;
    const flush = () => {
      const out = chunk.subarray(0, used);
      digest.update(out);
      return out;
    };
    for (const job of source) {
      const line = `${JSON.stringify(await requestLineFor(provider, { customId: `${prefix}${job.seq}`, job: job.spec, model }))}\n`;
      // A UTF-16 code unit takes at most 3 bytes in UTF-8: room for that, and the line is encoded in one pass.
      const room = line.length * 3;
      if (used + room > chunk.length) {
        if (used > 0) yield flush();
        chunk = Buffer.allocUnsafe(Math.max(WRITE_CHUNK_BYTES, room));
        used = 0;
      }
      used += chunk.write(line, used);
    }
    if (used > 0) yield flush();
  }
  await writeFileAtomic(path, chunks());
  const { lines, sha256 } = digest.facts();
  ctx.store.batches.recordInputFile(batch.id, lines, sha256);
  return path;
}

/**
 * The input file of `batch`, checked right before it is sent: it must hold exactly the batch's request count and
 * match the line count and sha256 recorded when it was written. Otherwise it is written again from the store.
 */
export async function verifiedInputFile(ctx: EngineContext, batch: ProviderBatchRow): Promise<string> {
  const path = inputFilePath(ctx, batch);
  if (await fileExists(path)) {
    const facts = await factsOf(path);
    const recorded = batch.input_sha256 !== null && batch.input_lines !== null;
    const matches = recorded ? facts.sha256 === batch.input_sha256 && facts.lines === batch.input_lines : true;
    if (matches && facts.lines === batch.request_count) {
      if (!recorded) ctx.store.batches.recordInputFile(batch.id, facts.lines, facts.sha256);
      return path;
    }
    await rm(path, { force: true });
  }
  await writeInputFile(ctx, batch, undefined, true);
  const written = ctx.store.batches.get(batch.id);
  if (written?.input_lines !== batch.request_count) {
    throw new Error(`the input file was written with ${written?.input_lines ?? 0} requests, but the batch has ${batch.request_count}`);
  }
  return path;
}
