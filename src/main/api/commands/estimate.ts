// The estimate every face shows before anything is spent: per model and per provider batch, at batch and at
// synchronous prices, with the first requests exactly as they will be sent.
import type { Estimate } from '../../../shared/contract.ts';
import type { Provider } from '../../core/provider.ts';
import type { PlanPreview } from '../../engine/create-run.ts';
import { requestLineFor } from '../../engine/request-line.ts';
import type { EngineHost } from '../engine-host.ts';

export const PREVIEW_REQUESTS = 3;

const add = (a: number | null, b: number | null) => (a === null || b === null ? null : a + b);
const savings = (batch: number | null, sync: number | null) => (batch === null || sync === null ? null : sync - batch);

export function estimateOf(plan: PlanPreview): Omit<Estimate, 'preview'> {
  const perModel = new Map<string, Estimate['per_model'][number]>();
  for (const { model, estimate } of plan.jobs) {
    const entry = perModel.get(model.id) ?? { model: model.id, provider: model.provider, jobs: 0, input_tokens: 0, output_tokens: 0, output_tokens_max: 0, batch_usd: 0, batch_usd_max: 0, sync_usd: 0, savings_usd: 0, simulated: model.simulated };
    entry.jobs += 1;
    entry.input_tokens += estimate.input_tokens;
    entry.output_tokens += estimate.output_tokens;
    entry.output_tokens_max += estimate.output_tokens_max;
    entry.batch_usd = add(entry.batch_usd, estimate.batch_usd);
    entry.batch_usd_max = add(entry.batch_usd_max, estimate.batch_usd_max);
    entry.sync_usd = add(entry.sync_usd, estimate.sync_usd);
    entry.savings_usd = savings(entry.batch_usd, entry.sync_usd);
    perModel.set(model.id, entry);
  }
  const models = [...perModel.values()];
  const total = (pick: (m: Estimate['per_model'][number]) => number | null) => models.reduce<number | null>((sum, m) => add(sum, pick(m)), 0);
  const sumOver = (seqs: number[], pick: (e: PlanPreview['jobs'][number]['estimate']) => number | null) => seqs.reduce<number | null>((sum, seq) => add(sum, pick(plan.jobs[seq]!.estimate)), 0);
  return {
    jobs: plan.jobs.length,
    input_tokens: plan.input_tokens,
    output_tokens: plan.output_tokens,
    output_tokens_max: models.reduce((sum, m) => sum + m.output_tokens_max, 0),
    batch_usd: plan.estimated_usd,
    batch_usd_max: total((m) => m.batch_usd_max),
    sync_usd: plan.sync_usd,
    savings_usd: savings(plan.estimated_usd, plan.sync_usd),
    simulated: plan.jobs.some((j) => j.model.simulated),
    warnings: plan.warnings,
    per_model: models,
    batches: plan.batches.map((b) => ({
      provider: b.provider,
      model: b.model,
      endpoint: b.endpoint,
      requests: b.seqs.length,
      batch_usd: b.estimated_usd,
      batch_usd_max: sumOver(b.seqs, (e) => e.batch_usd_max),
      sync_usd: sumOver(b.seqs, (e) => e.sync_usd),
      is_pilot: b.is_pilot,
    })),
  };
}

/** The first requests exactly as they would be written (null where the provider cannot be built, e.g. no key yet). */
export async function previewOf(host: EngineHost, plan: PlanPreview): Promise<Estimate['preview']> {
  const preview: Estimate['preview'] = [];
  for (const [seq, { spec, model }] of plan.jobs.slice(0, PREVIEW_REQUESTS).entries()) {
    const provider: Provider | null = await host.ctx.registry.provider(model.provider).catch(() => null);
    const request = provider ? await requestLineFor(provider, { customId: `preview_${seq}`, job: spec, model }).catch(() => null) : null;
    preview.push({ job_id: spec.id, model: model.id, request });
  }
  return preview;
}
