// Plain-text tables for terminals: the dry-run plan (CLI `run --dry-run`, library `run({ dryRun: true })`) and the
// helpers the CLI's other listings use.
import type { PlanPreview } from '../engine/create-run.ts';

export function usd(value: number | null | undefined, digits = 4): string {
  return value === null || value === undefined ? 'unknown' : `$${value.toFixed(digits)}`;
}

export function table(rows: (string | number)[][]): string {
  const widths = rows[0]?.map((_, i) => Math.max(...rows.map((r) => String(r[i] ?? '').length))) ?? [];
  return rows.map((r) => r.map((c, i) => String(c).padEnd(widths[i]!)).join('  ').trimEnd()).join('\n') + '\n';
}

/** The plan and the estimate per provider batch: batch price, synchronous price and savings. */
export function planText(plan: PlanPreview): string {
  const rows: (string | number)[][] = [['provider', 'model', 'endpoint', 'requests', 'pilot', 'est. batch cost', 'sync cost', 'savings']];
  for (const b of plan.batches) {
    const jobs = b.seqs.map((s) => plan.jobs[s]!.estimate);
    const sync = jobs.every((e) => e.sync_usd !== null) ? jobs.reduce((a, e) => a + e.sync_usd!, 0) : null;
    rows.push([b.provider, b.model, b.endpoint, b.seqs.length, b.is_pilot ? 'yes' : '', usd(b.estimated_usd), usd(sync), sync !== null && b.estimated_usd !== null ? usd(sync - b.estimated_usd) : 'unknown']);
  }
  const simulated = plan.jobs.some((j) => j.model.simulated) ? ' (simulated prices: demo provider)' : '';
  return `${table(rows)}\n${plan.jobs.length} jobs · ${plan.input_tokens} input tokens, ~${plan.output_tokens} output tokens · batch ${usd(plan.estimated_usd)} vs sync ${usd(plan.sync_usd)}${simulated}\n`;
}
