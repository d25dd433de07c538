// Plain-text tables for terminals: the estimate (CLI `run --dry-run`, library `run({ dryRun: true })`) and the
// helpers the CLI's other listings use.
import { plural } from '../../shared/plural.ts';
import type { Estimate } from '../../shared/contract.ts';

export function usd(value: number | null | undefined, digits = 4): string {
  return value === null || value === undefined ? 'unknown' : `$${value.toFixed(digits)}`;
}

export function table(rows: (string | number)[][]): string {
  const widths = rows[0]?.map((_, i) => Math.max(...rows.map((r) => String(r[i] ?? '').length))) ?? [];
  return rows.map((r) => r.map((c, i) => String(c).padEnd(widths[i]!)).join('  ').trimEnd()).join('\n') + '\n';
}

/** The plan and the estimate per provider batch: typical batch price, the ceiling, synchronous price and savings. */
export function estimateText(estimate: Estimate): string {
  const rows: (string | number)[][] = [['provider', 'model', 'endpoint', 'requests', 'pilot', 'batch cost (typical)', 'at most', 'sync cost', 'savings']];
  for (const b of estimate.batches) {
    const saved = b.sync_usd !== null && b.batch_usd !== null ? usd(b.sync_usd - b.batch_usd) : 'unknown';
    rows.push([b.provider, b.model, b.endpoint, b.requests, b.is_pilot ? 'yes' : '', usd(b.batch_usd), usd(b.batch_usd_max), usd(b.sync_usd), saved]);
  }
  const simulated = estimate.simulated ? ' (simulated prices: demo provider)' : '';
  const warnings = estimate.warnings.map((w) => `warning: ${w}\n`).join('');
  const tokens = `${estimate.input_tokens} input tokens, ~${estimate.output_tokens} output tokens (at most ${estimate.output_tokens_max})`;
  return `${table(rows)}\n${warnings}${plural(estimate.jobs, 'job')} · ${tokens} · typically ${usd(estimate.batch_usd)}, at most ${usd(estimate.batch_usd_max)} at batch prices vs ${usd(estimate.sync_usd)} synchronous${simulated}\n`;
}
