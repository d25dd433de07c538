// Queue-aware submission (issue 16). OpenAI limits the input tokens an organisation may have enqueued in batches per
// model; a batch that would go over fails with `token_limit_exceeded`. So, per model:
// - a run is planned in batches that each fit the limit (planner token budget),
// - a planned batch is sent only when it fits beside what is already enqueued (earlier batches of any run); later
//   batches wait for earlier ones to finish,
// - a batch that failed with token_limit_exceeded anyway (estimates are estimates; another tool shares the
//   organisation) is backpressure: it goes back to planned and is sent again later. Its jobs never fail for it.
// The limit in force: the run's own (--max-enqueued-tokens), else the user's setting (Settings, per model), else the
// catalog's default (the model's Tier 1 "Batch queue limit"), else none.
import type { ModelConfig } from '../../shared/domain.ts';
import type { RemoteBatch } from '../core/provider.ts';
import type { ProviderBatchRow } from '../store/repositories/provider-batches.ts';
import type { RunRow } from '../store/repositories/runs.ts';
import type { EngineContext } from './context.ts';
import { backoffInterval } from './poller.ts';

/** Settings key: model id → most enqueued input tokens (the user's organisation limits). */
export const MAX_ENQUEUED_TOKENS_SETTING = 'max_enqueued_tokens';

/**
 * Batches are planned and admitted to this share of the limit: the estimate is a sampled estimate (a few per cent
 * off on real inputs, docs/cost-accuracy.md), and the provider counts with its own tokenizer.
 */
export const QUEUE_HEADROOM = 0.9;

export const QUEUE_FULL_CODE = 'token_limit_exceeded';

export function enqueuedTokenLimit(ctx: EngineContext, model: Pick<ModelConfig, 'id' | 'batch_queue_tokens'> | undefined, runLimit?: number): number | null {
  if (runLimit !== undefined) return runLimit;
  if (!model) return null;
  const configured = ctx.store.settings.get<Record<string, number>>(MAX_ENQUEUED_TOKENS_SETTING)?.[model.id];
  return configured ?? model.batch_queue_tokens ?? null;
}

/** Most estimated input tokens one batch may hold (null = no limit). */
export function tokenBudget(limit: number | null): number | null {
  return limit === null ? null : Math.max(1, Math.floor(limit * QUEUE_HEADROOM));
}

function modelOf(ctx: EngineContext, id: string): ModelConfig | undefined {
  try {
    return ctx.registry.resolve(id);
  } catch {
    return undefined;
  }
}

/**
 * Which of a run's planned batches may be sent now, asked in order within one dispatch pass: a batch goes when its
 * estimated input tokens beside those of every live batch of the same model (any run) stay within the budget.
 * Once a batch of a model waits, the later ones of that model wait too (they go in order). A batch alone over the
 * budget (planned under a larger limit) goes once nothing else of its model is enqueued, so it never waits forever.
 */
export class QueueGate {
  private readonly ctx: EngineContext;
  private readonly run: Pick<RunRow, 'options'>;
  private readonly waiting = new Set<string>();

  constructor(ctx: EngineContext, run: Pick<RunRow, 'options'>) {
    this.ctx = ctx;
    this.run = run;
  }

  admits(batch: Pick<ProviderBatchRow, 'id' | 'provider' | 'model'>): boolean {
    const key = `${batch.provider}/${batch.model}`;
    if (this.waiting.has(key)) return false;
    const budget = tokenBudget(enqueuedTokenLimit(this.ctx, modelOf(this.ctx, batch.model), this.run.options.maxEnqueuedTokens));
    if (budget === null) return true;
    const { jobs } = this.ctx.store;
    const enqueued = jobs.enqueuedInputTokens(batch.provider, batch.model);
    if (enqueued === 0 || enqueued + jobs.estimatedInputTokens(batch.id) <= budget) return true;
    this.waiting.add(key);
    return false;
  }
}

export function isQueueFull(remote: RemoteBatch): boolean {
  return remote.status === 'failed' && (remote.errors ?? []).some((e) => e.code === QUEUE_FULL_CODE);
}

/**
 * A polled batch the provider refused for its enqueued-token limit: back to planned (its jobs pending, the attempt
 * not counted), sent again once earlier batches have finished. Returns true when it did so.
 */
export function requeueIfQueueFull(ctx: EngineContext, batch: ProviderBatchRow, remote: RemoteBatch): boolean {
  if (!isQueueFull(remote)) return false;
  const { store, clock } = ctx;
  const now = clock.now();
  const message = remote.errors?.find((e) => e.code === QUEUE_FULL_CODE)?.message ?? QUEUE_FULL_CODE;
  store.tx(() => {
    if (!store.batches.requeue(batch.id, batch.remote_id!, now + backoffInterval(ctx, batch.poll_failures + 1, null), `${QUEUE_FULL_CODE}: ${message}`)) return;
    store.jobs.unsend(batch.id, now);
    ctx.events.record(store, now, {
      type: 'warning',
      run_id: batch.run_id,
      provider_batch_id: batch.id,
      code: 'queue_full',
      message: `${batch.provider} refused batch ${batch.remote_id} for ${batch.model}'s enqueued-token limit (${message}); it is sent again when earlier batches have finished`,
    });
  });
  return true;
}
