// /v1/batches of the gateway: an OpenAI batch object in front of a Batchdesk run. The run carries the work to
// any provider; the batch object reports it with OpenAI's statuses, timestamps and request counts.
import { randomUUID } from 'node:crypto';
import { planRun, createRun } from '../../engine/create-run.ts';
import { stopRun } from '../../engine/run-lifecycle.ts';
import type { GatewayBatchRow } from '../../store/repositories/gateway.ts';
import type { EngineHost } from '../engine-host.ts';
import { runView, type RunView } from '../run-view.ts';
import { notFound } from './openai-error.ts';
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

export async function createBatch(host: EngineHost, body: unknown) {
  const request = checkCreateRequest(body);
  const file = host.store.gateway.file(request.input_file_id);
  if (!file || file.purpose !== 'batch') throw notFound(`No such File object: ${request.input_file_id}`);
  const id = `batch_${randomUUID().replace(/-/g, '')}`;
  const now = host.ctx.clock.now();
  const { jobs, errors } = await readBatchFile(file.path, request.endpoint, host.ctx.registry);
  const row: GatewayBatchRow = { id, run_id: null, input_file_id: file.id, endpoint: request.endpoint, completion_window: request.completion_window, metadata: request.metadata, errors: null, created_at: now, failed_at: null };
  if (errors.length) {
    host.store.gateway.insertBatch({ ...row, errors, failed_at: now });
  } else {
    const draft = { jobs, name: `gateway ${id}${file.filename ? ` · ${file.filename}` : ''}`, source: 'gateway' as const, extra: { gateway_batch_id: id } };
    try {
      const plan = await planRun(host.ctx, draft, { requireKeys: true });
      const runId = await createRun(host.ctx, draft, plan);
      host.store.gateway.insertBatch({ ...row, run_id: runId });
    } catch (error) {
      host.store.gateway.insertBatch({ ...row, errors: [{ code: 'invalid_request', message: (error as Error).message, line: null, param: null }], failed_at: now });
    }
    host.monitor.poke();
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
  if (batch.run_id) {
    stopRun(host.ctx, batch.run_id, 'user');
    host.monitor.poke();
  }
  return batchObject(host, batch);
}
