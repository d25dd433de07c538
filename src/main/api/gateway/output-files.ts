// A finished gateway batch's output and error files, in OpenAI's batch output format: written once from the
// run's results into <data>/gateway/files/ and then served like any uploaded file.
import { createHash } from 'node:crypto';
import { stat } from 'node:fs/promises';
import { join } from 'node:path';
import type { ErrorCategory } from '../../../shared/domain.ts';
import type { ExportRow } from '../../store/repositories/export-rows.ts';
import { fileExists, writeFileAtomic } from '../../store/files.ts';
import type { GatewayBatchRow } from '../../store/repositories/gateway.ts';
import type { EngineHost } from '../engine-host.ts';
import { responseBody } from './response-bodies.ts';

const STATUS_BY_CATEGORY: Partial<Record<ErrorCategory, number>> = { rate_limit: 429, authentication: 401, server: 500, other: 500 };

const shortHash = (text: string) => createHash('sha256').update(text).digest('hex').slice(0, 24);

/** One job's line: `null` for the file it does not belong in. */
function lineFor(row: ExportRow, batchId: string, kind: 'output' | 'error'): string | null {
  const id = `batch_req_${shortHash(`${batchId}:${row.job_id}`)}`;
  const requestId = `req_${shortHash(`${row.run_id}:${row.job_id}`)}`;
  if (row.status === 'succeeded') {
    if (kind === 'error') return null;
    return JSON.stringify({ id, custom_id: row.job_id, response: { status_code: 200, request_id: requestId, body: responseBody(row, requestId) }, error: null });
  }
  if (kind === 'output') return null;
  if (row.status === 'expired' || row.status === 'cancelled') {
    const code = row.status === 'expired' ? 'batch_expired' : 'batch_cancelled';
    const message = row.error ?? (row.status === 'expired' ? 'This request could not be executed before the completion window expired.' : 'This request was not executed because the batch was cancelled.');
    return JSON.stringify({ id, custom_id: row.job_id, response: null, error: { code, message } });
  }
  const status = STATUS_BY_CATEGORY[(row.error_category ?? 'other') as ErrorCategory] ?? 400;
  const body = { error: { message: row.error ?? 'the request failed', type: status === 400 ? 'invalid_request_error' : 'api_error', param: null, code: row.error_category } };
  return JSON.stringify({ id, custom_id: row.job_id, response: { status_code: status, request_id: requestId, body }, error: null });
}

/** Ids name the run's finish, so a retried gateway run gets fresh output files instead of stale ones. */
const resultFileId = (kind: 'out' | 'err', batchId: string, finishedAt: number) => `file-${kind}-${batchId}-${finishedAt.toString(36)}`;

/** Write the output and error files of a finished batch (once) and register them; returns their ids or null. */
export async function materializeResults(host: EngineHost, batch: GatewayBatchRow): Promise<{ output: string | null; error: string | null }> {
  const ids = { output: null as string | null, error: null as string | null };
  const finishedAt = batch.run_id ? host.store.runs.get(batch.run_id)?.finished_at : null;
  if (!batch.run_id || !finishedAt) return ids;
  for (const kind of ['output', 'error'] as const) {
    const id = resultFileId(kind === 'output' ? 'out' : 'err', batch.id, finishedAt);
    if (host.store.gateway.file(id)) {
      ids[kind] = id;
      continue;
    }
    const path = join(host.dataFolder, 'gateway', 'files', `${id}.jsonl`);
    let count = 0;
    if (!(await fileExists(path))) {
      const runId = batch.run_id;
      await writeFileAtomic(path, (async function* () {
        for (const row of host.store.exportRows.iterate(runId)) {
          const line = lineFor(row, batch.id, kind);
          if (line !== null) {
            count += 1;
            yield `${line}\n`;
          }
        }
      })());
    }
    const bytes = (await stat(path)).size;
    if (bytes === 0 && count === 0) continue;
    host.store.gateway.insertFile({ id, filename: `${batch.id}_${kind}.jsonl`, purpose: 'batch_output', bytes, path, created_at: host.ctx.clock.now() });
    ids[kind] = id;
  }
  return ids;
}
