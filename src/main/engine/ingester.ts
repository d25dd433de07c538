// Download a finished provider batch's result files into the run's folder and store every result exactly once
// (the results table is unique per job and provider batch, so ingesting twice changes nothing). Jobs the
// provider did not answer end with the batch's reason: expired, cancelled, or failed.
import { basename } from 'node:path';
import type { ErrorCategory, JobStatus, JsonSchema, Price } from '../../shared/domain.ts';
import { batchCost, roundUsd } from '../core/cost.ts';
import type { ParsedResult, RemoteBatch } from '../core/provider.ts';
import { providerBatchFolder } from '../store/data-folder.ts';
import type { ProviderBatchRow } from '../store/repositories/provider-batches.ts';
import type { EngineContext } from './context.ts';
import { crashpoint } from '../core/crashpoint.ts';
import { customIdPrefix, seqFromCustomId } from './custom-id.ts';
import { checkAgainstSchema } from './schema-check.ts';
import { elideVector } from './elide-vector.ts';

const OUTCOME_STATUS: Record<ParsedResult['outcome'], JobStatus> = { succeeded: 'succeeded', failed: 'failed', expired: 'expired', cancelled: 'cancelled' };

function remoteOf(batch: ProviderBatchRow): RemoteBatch {
  return { remoteId: batch.remote_id!, status: batch.status, counts: batch.counts, countsLive: batch.counts_live, ...(batch.handle ? { handle: batch.handle } : {}) };
}

export interface IngestReport {
  stored: number;
  badLines: { file: string; line: number; problem: string }[];
}

export async function ingestBatch(ctx: EngineContext, batch: ProviderBatchRow, signal?: AbortSignal): Promise<IngestReport> {
  const { store, clock } = ctx;
  const provider = await ctx.registry.provider(batch.provider);
  const model = ctx.registry.resolve(batch.model);
  const dir = providerBatchFolder(store.dataFolder, batch.run_id, batch.id);
  const files = await provider.download(remoteOf(batch), dir, signal ? { signal } : {});
  crashpoint('mid-download');
  // seq → JSON Schema of every job of this batch: all that storing a result needs to know about its job.
  const schemas = store.jobs.schemasInBatch(batch.id);
  const prefix = customIdPrefix(batch.id);
  const report: IngestReport = { stored: 0, badLines: [] };
  let pending: { seq: number; result: ParsedResult }[] = [];
  let pendingVectorBytes = 0;
  const flush = () => {
    const now = clock.now();
    store.tx(() => {
      for (const { seq, result } of pending) if (storeResult(ctx, batch, seq, schemas.get(seq) ?? null, result, model.price, now)) report.stored += 1;
    });
    pending = [];
    pendingVectorBytes = 0;
  };
  // Where each job's answer was first seen in this pass: a second answer for the same job is reported, not stored.
  const firstSeen = new Map<number, string>();
  for (const file of files) {
    for await (const line of provider.parseResults(file)) {
      if (line.kind === 'bad') {
        report.badLines.push({ file, line: line.line, problem: line.problem });
        continue;
      }
      const seq = seqFromCustomId(prefix, line.customId);
      if (seq === null || !schemas.has(seq)) {
        report.badLines.push({ file, line: line.line, problem: `unknown custom_id "${line.customId.slice(0, 80)}"` });
        continue;
      }
      const first = firstSeen.get(seq);
      if (first !== undefined) {
        report.badLines.push({ file, line: line.line, problem: `duplicate custom_id "${line.customId}" (first answered at ${first})` });
        continue;
      }
      firstSeen.set(seq, files.length > 1 ? `${basename(file)} line ${line.line}` : `line ${line.line}`);
      pending.push({ seq, result: compact(line) });
      pendingVectorBytes += (line.embedding?.length ?? 0) * 4;
      if (pending.length >= ctx.settings.ingestChunkSize || pendingVectorBytes >= MAX_PENDING_VECTOR_BYTES) {
        flush();
        crashpoint('mid-ingest');
      }
    }
  }
  flush();
  finishUnanswered(ctx, batch, report);
  return report;
}

/**
 * Embeddings results are committed every 256 KB of vectors (~40 of 1,536 dimensions) rather than every 500 results:
 * on 20,000 such results peak RSS was 357 MB at 500 a transaction, 341 MB at 1 MB of vectors, 276 MB at 256 KB
 * (each result writes ~8 KB of pages; the time did not measurably change on this shared machine).
 */
const MAX_PENDING_VECTOR_BYTES = 1 << 18;

/**
 * A vector as float32 and its raw line without it, before the result waits for its chunk's transaction: 500 parsed
 * vectors of ~1,500 numbers and their ~30 KB lines would otherwise live long enough to reach V8's old generation.
 */
function compact(result: ParsedResult): ParsedResult {
  if (!result.embedding) return result;
  return { ...result, embedding: Float32Array.from(result.embedding), raw: elideVector(result.raw, result.embedding.length) };
}

function storeResult(ctx: EngineContext, batch: ProviderBatchRow, seq: number, schema: JsonSchema | null, result: ParsedResult, price: Price | null, now: number): boolean {
  const check = schema && result.outcome === 'succeeded' ? checkAgainstSchema(result.text, schema) : null;
  // Billed at the prices in force when the batch was submitted (dated price changes, long-prompt tiers).
  const cost = price ? roundUsd(batchCost(price, result.usage, batch.submitted_at ?? batch.created_at)) : null;
  let status = OUTCOME_STATUS[result.outcome];
  let error = result.error ?? null;
  let category: ErrorCategory | null =
    result.errorCategory ?? (status === 'succeeded' ? null : status === 'expired' ? 'expired' : status === 'cancelled' ? 'cancelled' : 'other');
  if (check && check.errors.length) {
    status = 'failed';
    error = `output does not match the schema: ${check.errors.slice(0, 5).join('; ')}`;
    category = 'schema_violation';
  }
  const inserted = ctx.store.results.insert({
    run_id: batch.run_id,
    job_seq: seq,
    provider_batch_id: batch.id,
    outcome: result.outcome,
    text: result.text,
    parsed: check?.parsed ?? null,
    citations: result.citations ?? [],
    schema_errors: check?.errors ?? [],
    embedding: result.embedding ?? null,
    input_tokens: result.usage.input_tokens,
    output_tokens: result.usage.output_tokens,
    cached_input_tokens: result.usage.cached_input_tokens,
    cost_usd: cost,
    error,
    error_category: category,
    raw: result.raw,
    created_at: now,
  });
  // A duplicate line (or a replay after a crash) must not change a job that already has its result.
  if (inserted) ctx.store.jobs.finish(batch.run_id, seq, status, error, category, now);
  return inserted;
}

function finishUnanswered(ctx: EngineContext, batch: ProviderBatchRow, report: IngestReport): void {
  const { store, clock } = ctx;
  const now = clock.now();
  const reasons: Record<string, [JobStatus, string, ErrorCategory]> = {
    expired: ['expired', 'the provider batch expired before this request ran', 'expired'],
    cancelled: ['cancelled', 'the provider batch was cancelled before this request ran', 'cancelled'],
    failed: ['failed', `the provider rejected the batch: ${(batch.errors ?? []).map((e) => (e.line ? `line ${e.line}: ` : '') + e.message).slice(0, 5).join('; ') || 'no reason given'}`, 'invalid_request'],
    completed: ['failed', 'the provider returned no result for this request', 'other'],
  };
  const [status, reason, category] = reasons[batch.status] ?? reasons.completed!;
  store.tx(() => {
    store.jobs.finishOpen({ providerBatchId: batch.id }, status, reason, category, now);
    const actual = store.results.costForBatch(batch.id);
    store.batches.markIngested(batch.id, actual, now);
    if (report.badLines.length) {
      const sample = report.badLines.slice(0, 5).map((b) => `line ${b.line}: ${b.problem}`).join('; ');
      ctx.events.record(store, now, { type: 'warning', run_id: batch.run_id, provider_batch_id: batch.id, code: 'bad_result_lines', message: `${report.badLines.length} result lines could not be read (${sample})` });
    }
  });
}
