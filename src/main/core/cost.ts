// Money: USD, from tokens and a model's price per 1M tokens. A price has base rates, long-prompt tiers (the whole
// request is billed at the tier's rates when its prompt is above the threshold) and dated changes; batch prices are
// list × (1 − batch_discount). Pure: the date a cost is for is always given by the caller.
import type { Price, PriceTier, Rates, Usage } from '../../shared/domain.ts';

export interface CostBreakdown {
  batch_usd: number;
  sync_usd: number;
  savings_usd: number;
}

const PER_TOKEN = 1 / 1_000_000;

/** Start of a UTC day given as YYYY-MM-DD, in ms. */
export function dayStart(day: string): number {
  return Date.parse(`${day}T00:00:00Z`);
}

/**
 * The rates and tiers in force at `at` (ms). Without a date, the newest known rates apply (a change announced for
 * the future is then already counted, which errs towards the higher price when prices go up).
 */
export function ratesAt(price: Price, at?: number): { rates: Rates; tiers: PriceTier[] } {
  let rates: Rates = price;
  let tiers = price.tiers ?? [];
  const changes = [...(price.changes ?? [])].sort((a, b) => a.effective_from.localeCompare(b.effective_from));
  for (const change of changes) {
    if (at !== undefined && dayStart(change.effective_from) > at) break;
    rates = change;
    tiers = change.tiers ?? tiers;
  }
  return { rates, tiers };
}

/** The band a request of `promptTokens` prompt tokens is billed in: the highest tier it is above, else the base. */
export function bandFor(price: Price, promptTokens: number, at?: number): Rates {
  const { rates, tiers } = ratesAt(price, at);
  let band: Rates = rates;
  let threshold = -1;
  for (const tier of tiers) {
    if (promptTokens > tier.above_prompt_tokens && tier.above_prompt_tokens > threshold) {
      band = tier;
      threshold = tier.above_prompt_tokens;
    }
  }
  return band;
}

/**
 * Cost at list (synchronous) prices of one request's usage: uncached input at the input rate, cache reads at the
 * cached rate, cache writes at the cache-write rate (each falls back to the input rate), output at the output rate,
 * all in the band the request's prompt length falls in, at the prices in force at `at`.
 */
export function syncCost(price: Price, usage: Usage, at?: number): number {
  const band = bandFor(price, usage.input_tokens, at);
  const cached = Math.min(usage.cached_input_tokens, usage.input_tokens);
  const written = Math.min(usage.cache_write_input_tokens ?? 0, usage.input_tokens - cached);
  const plain = usage.input_tokens - cached - written;
  return (
    plain * band.input_usd_per_mtok * PER_TOKEN +
    cached * (band.cached_input_usd_per_mtok ?? band.input_usd_per_mtok) * PER_TOKEN +
    written * (band.cache_write_usd_per_mtok ?? band.input_usd_per_mtok) * PER_TOKEN +
    usage.output_tokens * band.output_usd_per_mtok * PER_TOKEN
  );
}

/** What a batch request with this usage costs at `at`: the actual cost of a result. */
export function batchCost(price: Price, usage: Usage, at?: number): number {
  return syncCost(price, usage, at) * (1 - price.batch_discount);
}

export function costBreakdown(price: Price, usage: Usage, at?: number): CostBreakdown {
  const sync_usd = syncCost(price, usage, at);
  const batch_usd = sync_usd * (1 - price.batch_discount);
  return { batch_usd, sync_usd, savings_usd: sync_usd - batch_usd };
}

/** Round for display and storage: sub-cent precision matters for per-job costs. */
export function roundUsd(value: number): number {
  return Math.round(value * 1e8) / 1e8;
}
