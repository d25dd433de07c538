// CostTracker: a run's cost limit. The estimate of a batch is reserved when it is sent and settled to the
// actual cost when its results are in. A batch that would pass the limit is trimmed to the jobs that fit;
// once nothing more fits, nothing more is sent and the rest is reported "not submitted: cost limit".
import type { ProviderBatchRow } from '../store/repositories/provider-batches.ts';
import type { RunRow } from '../store/repositories/runs.ts';
import type { EngineContext } from './context.ts';

export const COST_LIMIT_REASON = 'not submitted: cost limit';

export class CostTracker {
  private readonly ctx: EngineContext;
  private readonly run: RunRow;

  constructor(ctx: EngineContext, run: RunRow) {
    this.ctx = ctx;
    this.run = run;
  }

  /** USD still available under the limit (Infinity without a limit). */
  remaining(): number {
    if (this.run.cost_limit_usd === null) return Infinity;
    return this.run.cost_limit_usd - this.ctx.store.batches.committedUsd(this.run.id);
  }

  /** Whether `batch` fits: whole, trimmed to a prefix of its jobs (stored), or not at all. */
  fit(batch: ProviderBatchRow): 'whole' | 'trimmed' | 'none' {
    const remaining = this.remaining();
    if (remaining === Infinity || (batch.estimated_usd ?? 0) <= remaining) return 'whole';
    const { store, clock } = this.ctx;
    const jobs = store.jobs.inBatch(batch.id);
    let spent = 0;
    let keep = 0;
    for (const job of jobs) {
      if (spent + (job.estimated_usd ?? 0) > remaining) break;
      spent += job.estimated_usd ?? 0;
      keep += 1;
    }
    if (keep === 0) return 'none';
    const now = clock.now();
    store.tx(() => {
      for (const job of jobs.slice(keep)) {
        store.jobs.detach(job.run_id, job.seq);
        store.jobs.finish(job.run_id, job.seq, 'cancelled', COST_LIMIT_REASON, 'cost_limit', now);
      }
      store.batches.shrink(batch.id, keep, spent);
      // An upload made before the trim holds every job: never reuse it for the trimmed batch.
      for (const intent of store.intents.forBatch(batch.id)) if (intent.kind === 'upload' && intent.state === 'done') store.intents.resolve(intent.id, 'abandoned', intent.remote_id, now);
    });
    return 'trimmed';
  }

  /** Nothing more of this run will be sent: report the rest as not submitted. */
  stopSubmitting(): void {
    const { store, clock } = this.ctx;
    const now = clock.now();
    store.tx(() => {
      for (const batch of store.batches.planned(this.run.id)) {
        if (this.run.options.pilot && !this.run.options.pilotReleased && !batch.is_pilot) continue;
        store.batches.drop(batch.id, now);
        store.jobs.finishOpen({ providerBatchId: batch.id }, 'cancelled', COST_LIMIT_REASON, 'cost_limit', now);
      }
      if (!store.events.hasWarning(this.run.id, null, 'cost_limit')) {
        this.ctx.events.record(store, now, {
          type: 'warning',
          run_id: this.run.id,
          provider_batch_id: null,
          code: 'cost_limit',
          message: 'the cost limit was reached: the remaining jobs were not submitted',
        });
      }
    });
  }
}
