// /v1/batches of the gateway: an OpenAI batch object in front of a Batchdesk run. The run carries the work to
// any provider; the batch object reports it with OpenAI's statuses, timestamps and request counts.
import { randomUUID } from 'node:crypto';
import type { JobDraft } from '../../../shared/run-inputs.ts';
import { writeEmbedded, type RequestJob } from '../../inputs/requests-file.ts';
import { embeddedInputsFolder } from '../../store/data-folder.ts';
import type { GatewayBatchRow } from '../../store/repositories/gateway.ts';
import { cancelRun } from '../commands/run-controls.ts';
import { submitRun } from '../commands/submit-run.ts';
import { isInputProblem } from '../service/errors.ts';
import type { EngineHost } from '../engine-host.ts';
import { runView, type RunView } from '../run-view.ts';
import { invalid, notFound } from './openai-error.ts';
import { materializeResults } from './output-files.ts';
import { checkCreateRequest, readBatchFile } from './validate-batch.ts';

const secs = (ms: number | null | undefined) => (ms === null || ms === undefined ? null : Math.floor(ms / 1000));
const DAY_MS = 24 * 3600_000;

function openaiStatus(view: RunView): string {
  if (view.status === 'cancelled') return 'cancelled';
  if (view.status === 'cancelling') return 'cancelling';
  if (view.status === 'completed') return view.jobs.expired > 0 && view.jobs.succeeded === 0 ? 'expired' : 'completed';
  if (!view.provider_batches.some((b) => b.remote_id)) return 'validating';
  return view.jobs.pending + view.jobs.running === 0 ? 'finalizing' : 'in_progress';
}

export async function batchObject(host: EngineHost, batch: GatewayBatchRow) {
  const base = {
    id: batch.id,
    object: 'batch' as const,
    endpoint: batch.endpoint,
    input_file_id: batch.input_file_id,
    completion_window: batch.completion_window,
    created_at: secs(batch.created_at)!,
    expires_at: secs(batch.created_at + DAY_MS),
    metadata: batch.metadata,
  };
  const none = { in_progress_at: null, finalizing_at: null, completed_at: null, failed_at: null, expired_at: null, cancelling_at: null, cancelled_at: null, output_file_id: null, error_file_id: null };
  if (!batch.run_id || batch.errors) {
    return { ...base, ...none, status: 'failed', failed_at: secs(batch.failed_at), errors: { object: 'list', data: batch.errors ?? [] }, request_counts: { total: 0, completed: 0, failed: 0 } };
  }
  const view = runView(host.ctx, batch.run_id);
  const status = openaiStatus(view);
  const finished = status === 'completed' || status === 'cancelled' || status === 'expired';
  const files = finished ? await materializeResults(host, batch) : { output: null, error: null };
  const timeline = host.store.events.forRun(batch.run_id, 10_000);
  const firstAt = (pattern: RegExp) => secs(timeline.find((e) => pattern.test(String(e.data?.status ?? '')))?.at);
  const submitted = view.provider_batches.map((b) => b.submitted_at).filter((t): t is number => t !== null);
  const endedAt = secs(host.store.runs.get(batch.run_id)?.finished_at);
  return {
    ...base,
    ...none,
    status,
    errors: null,
    in_progress_at: submitted.length ? secs(Math.min(...submitted)) : null,
    finalizing_at: status === 'finalizing' || finished ? (firstAt(/finalizing/) ?? endedAt) : null,
    completed_at: status === 'completed' ? endedAt : null,
    expired_at: status === 'expired' ? endedAt : null,
    cancelling_at: status === 'cancelling' || status === 'cancelled' ? firstAt(/cancelling/) : null,
    cancelled_at: status === 'cancelled' ? endedAt : null,
    output_file_id: files.output,
    error_file_id: files.error,
    request_counts: { total: view.jobs.total, completed: view.jobs.succeeded, failed: view.jobs.failed + view.jobs.expired + view.jobs.cancelled },
  };
}

/** A request line as a job draft for the run commands; an embedded file is written to disk for the input check. */
async function draftOf(host: EngineHost, job: RequestJob): Promise<JobDraft> {
  const { embedded, file: _none, ...spec } = job;
  return { ...spec, ...(embedded ? { file: await writeEmbedded(embedded, embeddedInputsFolder(host.dataFolder)) } : {}) };
}

export async function createBatch(host: EngineHost, body: unknown) {
  const request = checkCreateRequest(body);
  const file = host.store.gateway.file(request.input_file_id);
  if (!file || file.purpose !== 'batch') throw notFound(`No such File object: ${request.input_file_id}`);
  const id = `batch_${randomUUID().replace(/-/g, '')}`;
  const now = host.ctx.clock.now();
  const { jobs, errors } = await readBatchFile(file.path, request.endpoint, host.ctx.registry);
  const row: GatewayBatchRow = { id, run_id: null, input_file_id: file.id, endpoint: request.endpoint, completion_window: request.completion_window, metadata: request.metadata, errors: null, created_at: now, failed_at: null };
  if (errors.length) {
    // As OpenAI does: a file whose lines are malformed makes a failed batch, one error per line.
    host.store.gateway.insertBatch({ ...row, errors, failed_at: now });
    return batchObject(host, host.store.gateway.batch(id)!);
  }
  const name = `gateway ${id}${file.filename ? ` · ${file.filename}` : ''}`;
  try {
    const drafts = await Promise.all(jobs.map((job) => draftOf(host, job)));
    const { run_id } = await submitRun(host, { jobs: drafts, name }, { source: 'gateway', extra: { gateway_batch_id: id } });
    host.store.gateway.insertBatch({ ...row, run_id });
  } catch (error) {
    // The same input check as every face: nothing is stored, the script gets the reason.
    if (isInputProblem(error)) throw invalid(error.message, 'input_file_id', 'invalid_input');
    throw error;
  }
  return batchObject(host, host.store.gateway.batch(id)!);
}

export async function retrieveBatch(host: EngineHost, id: string) {
  const batch = host.store.gateway.batch(id);
  if (!batch) throw notFound(`No such Batch object: ${id}`);
  return batchObject(host, batch);
}

export async function listBatches(host: EngineHost, query: { limit: number; after?: string }) {
  const rows = host.store.gateway.batches(query.limit + 1, query.after);
  const data = await Promise.all(rows.slice(0, query.limit).map((row) => batchObject(host, row)));
  return { object: 'list' as const, data, first_id: data[0]?.id ?? null, last_id: data.at(-1)?.id ?? null, has_more: rows.length > query.limit };
}

export async function cancelBatch(host: EngineHost, id: string) {
  const batch = host.store.gateway.batch(id);
  if (!batch) throw notFound(`No such Batch object: ${id}`);
  if (batch.run_id) cancelRun(host, batch.run_id);
  return batchObject(host, batch);
}
