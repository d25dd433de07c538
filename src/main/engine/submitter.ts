// Submit one planned provider batch without ever creating it twice: check the input file, then write an intent row
// before each remote call (upload, create), pass the fence right before the create goes out (the lease epoch and
// the intent are still ours), then commit the remote id in one transaction. A create that fails ambiguously
// (timeout, 5xx) leaves its intent open for reconcile.ts to settle by listing; failures are read in
// submit-failures.ts.
import { randomUUID } from 'node:crypto';
import type { RemoteBatch } from '../core/provider.ts';
import type { ProviderBatchRow } from '../store/repositories/provider-batches.ts';
import type { EngineContext } from './context.ts';
import { crashpoint, pausepoint } from '../core/crashpoint.ts';
import { commitRemoteBatch } from './commit-remote.ts';
import { verifiedInputFile } from './input-files.ts';
import type { Fence } from './monitor-lease.ts';
import { cancelOrphanNow } from './orphans.ts';
import { backoffInterval } from './poller.ts';
import { readFailure } from './provider-errors.ts';
import { createFailed, uploadFailed, type FailureOutcome } from './submit-failures.ts';

export type SubmitOutcome = 'submitted' | FailureOutcome;

/** Thrown by CreateInput.confirmCreate: this process may no longer create (nothing was sent). */
class FencedError extends Error {
  constructor() {
    super('the monitor lease or the intent is no longer ours: not sending the create');
    this.name = 'FencedError';
  }
}

export async function submitBatch(ctx: EngineContext, planned: ProviderBatchRow, fence: Fence, signal?: AbortSignal): Promise<SubmitOutcome> {
  const { store, clock } = ctx;
  let provider;
  try {
    provider = await ctx.registry.provider(planned.provider);
  } catch (error) {
    // No key (deleted since the run was made): every batch of the provider waits, saying what to do.
    const reason = `cannot send to ${planned.provider}: ${readFailure(error, clock.now(), planned.provider).message}`;
    store.tx(() => store.batches.holdProvider(planned.provider, reason, clock.now() + backoffInterval(ctx, planned.poll_failures + 1, null)));
    return 'blocked';
  }
  const model = ctx.registry.resolve(planned.model);
  store.tx(() => store.batches.setStatus(planned.id, 'submitting'));
  let inputPath: string;
  try {
    inputPath = await verifiedInputFile(ctx, planned);
  } catch (error) {
    // An input that cannot be read (a file moved or deleted since the run was made) will not get better by waiting.
    const reason = `cannot build the requests: ${(error as Error).message}`;
    store.tx(() => {
      store.batches.finishLocally(planned.id, 'cancelled', reason, clock.now());
      store.jobs.finishOpen({ providerBatchId: planned.id }, 'failed', reason, 'invalid_request', clock.now());
      ctx.events.record(store, clock.now(), { type: 'warning', run_id: planned.run_id, provider_batch_id: planned.id, code: 'input_unreadable', message: reason });
    });
    return 'rejected';
  }
  const batch = store.batches.get(planned.id)!;
  const base = { tag: batch.id, inputPath, requestCount: batch.request_count, model, endpoint: batch.endpoint };
  const opts = signal ? { signal } : {};

  let fileId: string | undefined;
  try {
    if (provider.upload) {
      const done = store.intents.doneUpload(batch.id);
      if (done?.remote_id) fileId = done.remote_id;
      else {
        const intentId = randomUUID();
        store.durableTx(() => store.intents.open({ id: intentId, provider_batch_id: batch.id, kind: 'upload', provider: batch.provider, created_at: clock.now(), epoch: fence.epoch }));
        ({ fileId } = await provider.upload(base, opts));
        crashpoint('after-upload');
        store.durableTx(() => store.intents.settle(intentId, 'done', fileId!, clock.now()));
      }
    }
  } catch (error) {
    if (signal?.aborted) return 'retry';
    return uploadFailed(ctx, batch, readFailure(error, clock.now(), batch.provider));
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
  store.durableTx(() => store.intents.open({ id: intentId, provider_batch_id: batch.id, kind: 'create', provider: batch.provider, created_at: clock.now(), epoch: fence.epoch }));
  crashpoint('after-intent');
  pausepoint('frozen-after-intent');

  let remote: RemoteBatch;
  let sent = false;
  const confirmCreate = () => {
    if (!fence.confirm(intentId, batch.id)) throw new FencedError();
    sent = true;
  };
  const deadline = fence.deadline();
  try {
    remote = await provider.create({ ...base, ...(fileId ? { fileId } : {}), confirmCreate }, { signal: signal ? AbortSignal.any([signal, deadline.signal]) : deadline.signal });
  } catch (error) {
    // Fenced: nothing was sent; the monitor that holds the lease now settles the open intent.
    if (error instanceof FencedError) return 'fenced';
    return createFailed(ctx, batch, intentId, sent, readFailure(error, clock.now(), batch.provider));
  } finally {
    deadline.dispose();
  }
  crashpoint('after-create-answered');
  crashpoint('before-batch-id-commit');
  const outcome = commitRemoteBatch(ctx, batch, intentId, remote, fileId ?? null);
  crashpoint('after-batch-id-commit');
  if (outcome !== 'orphan') return 'submitted';
  // The answer came after another monitor settled the intent: this remote batch is nobody's. Cancel it now.
  await cancelOrphanNow(ctx, batch.provider, remote.remoteId, signal);
  return 'fenced';
}
