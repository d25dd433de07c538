// Submit one planned provider batch without ever creating it twice: write the input file, then an intent row
// before each remote call (upload, create), then commit the remote id in one transaction. A create that fails
// ambiguously (timeout, 5xx) leaves its intent open for reconcile.ts to settle by listing the provider's batches.
import { randomUUID } from 'node:crypto';
import type { ProviderBatchRow } from '../store/repositories/provider-batches.ts';
import type { EngineContext } from './context.ts';
import { crashpoint } from '../core/crashpoint.ts';
import { writeInputFile } from './input-files.ts';
import { readFailure } from './provider-errors.ts';
import { categorizeError } from '../core/error-category.ts';
import { commitRemoteBatch } from './commit-remote.ts';
import { backoffInterval } from './poller.ts';

export type SubmitOutcome = 'submitted' | 'ambiguous' | 'rejected' | 'transient';

export async function submitBatch(ctx: EngineContext, batch: ProviderBatchRow, signal?: AbortSignal): Promise<SubmitOutcome> {
  const { store, clock } = ctx;
  const provider = await ctx.registry.provider(batch.provider);
  const model = ctx.registry.resolve(batch.model);
  store.tx(() => store.batches.setStatus(batch.id, 'submitting'));
  let inputPath: string;
  try {
    inputPath = await writeInputFile(ctx, batch);
  } catch (error) {
    // An input that cannot be read (a file moved or deleted since the run was made) will not get better by waiting.
    const reason = `cannot build the requests: ${(error as Error).message}`;
    store.tx(() => {
      store.batches.drop(batch.id, clock.now());
      store.jobs.finishOpen({ providerBatchId: batch.id }, 'failed', reason, 'invalid_request', clock.now());
      ctx.events.record(store, clock.now(), { type: 'warning', run_id: batch.run_id, provider_batch_id: batch.id, code: 'input_unreadable', message: reason });
    });
    return 'rejected';
  }
  const base = { tag: batch.id, inputPath, requestCount: batch.request_count, model, endpoint: batch.endpoint };
  const opts = signal ? { signal } : {};

  let fileId: string | undefined;
  try {
    if (provider.upload) {
      const done = store.intents.doneUpload(batch.id);
      if (done?.remote_id) fileId = done.remote_id;
      else {
        const intentId = randomUUID();
        store.intents.open({ id: intentId, provider_batch_id: batch.id, kind: 'upload', provider: batch.provider, created_at: clock.now() });
        ({ fileId } = await provider.upload(base, opts));
        crashpoint('after-upload');
        store.intents.resolve(intentId, 'done', fileId, clock.now());
      }
    }
  } catch (error) {
    // An upload is not billed: a stray file costs nothing. Go back to planned and try again later.
    const failure = readFailure(error, clock.now());
    store.tx(() => {
      for (const intent of store.intents.forBatch(batch.id)) if (intent.state === 'open') store.intents.resolve(intent.id, 'abandoned', null, clock.now());
      store.batches.setStatus(batch.id, 'planned');
      store.batches.recordPollFailure(batch.id, failure.message, clock.now() + backoffInterval(ctx, batch.poll_failures + 1, failure.retryAfterMs));
    });
    return 'transient';
  }

  if (store.runs.get(batch.run_id)?.status !== 'running') {
    // Cancelled during the upload: nothing is created. The uploaded file is not billed.
    store.tx(() => {
      store.batches.drop(batch.id, clock.now());
      store.jobs.finishOpen({ providerBatchId: batch.id }, 'cancelled', 'cancelled before it was sent', 'cancelled', clock.now());
    });
    return 'rejected';
  }
  crashpoint('before-intent');
  const intentId = randomUUID();
  store.intents.open({ id: intentId, provider_batch_id: batch.id, kind: 'create', provider: batch.provider, created_at: clock.now() });
  crashpoint('after-intent');
  let remote;
  try {
    remote = await provider.create({ ...base, ...(fileId ? { fileId } : {}) }, opts);
  } catch (error) {
    const failure = readFailure(error, clock.now());
    if (failure.transient) {
      // The create may have happened: the intent stays open for reconcile.ts, which lists no sooner than the
      // provider's Retry-After (or the backoff) allows.
      store.batches.recordPollFailure(batch.id, failure.message, clock.now() + backoffInterval(ctx, batch.poll_failures + 1, failure.retryAfterMs));
      return 'ambiguous';
    }
    const category = categorizeError({ status: failure.status, message: failure.message });
    store.tx(() => {
      store.intents.resolve(intentId, 'abandoned', null, clock.now());
      store.batches.recordPoll(batch.id, { remoteId: '', status: 'failed', counts: null, countsLive: true, errors: [{ message: failure.message }] }, clock.now(), null);
      store.batches.markIngested(batch.id, 0, clock.now());
      store.jobs.finishOpen({ providerBatchId: batch.id }, 'failed', `the provider refused the batch: ${failure.message}`, category, clock.now());
      ctx.events.record(store, clock.now(), { type: 'warning', run_id: batch.run_id, provider_batch_id: batch.id, code: 'create_refused', message: `${batch.provider} refused the batch: ${failure.message}` });
    });
    return 'rejected';
  }
  crashpoint('after-create-answered');
  crashpoint('before-batch-id-commit');
  commitRemoteBatch(ctx, batch, intentId, remote, fileId ?? null);
  crashpoint('after-batch-id-commit');
  return 'submitted';
}
