// Money: USD, from tokens and a model's price per 1M tokens. Batch prices = list price × (1 − batch_discount).
import type { Price, Usage } from '../../shared/domain.ts';

export interface CostBreakdown {
  batch_usd: number;
  sync_usd: number;
  savings_usd: number;
}

const PER_TOKEN = 1 / 1_000_000;

/** Cost at list (synchronous) prices; cached input tokens billed at the cached rate when the model has one. */
export function syncCost(price: Price, usage: Usage): number {
  const cached = Math.min(usage.cached_input_tokens, usage.input_tokens);
  const cachedRate = price.cached_input_usd_per_mtok ?? price.input_usd_per_mtok;
  return (
    (usage.input_tokens - cached) * price.input_usd_per_mtok * PER_TOKEN +
    cached * cachedRate * PER_TOKEN +
    usage.output_tokens * price.output_usd_per_mtok * PER_TOKEN
  );
}

export function batchCost(price: Price, usage: Usage): number {
  return syncCost(price, usage) * (1 - price.batch_discount);
}

export function costBreakdown(price: Price, usage: Usage): CostBreakdown {
  const sync_usd = syncCost(price, usage);
  const batch_usd = sync_usd * (1 - price.batch_discount);
  return { batch_usd, sync_usd, savings_usd: sync_usd - batch_usd };
}

/** Round for display and storage: sub-cent precision matters for per-job costs. */
export function roundUsd(value: number): number {
  return Math.round(value * 1e8) / 1e8;
}
