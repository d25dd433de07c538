// The estimate every face shows before anything is spent: per model and per provider batch, at batch and at
// synchronous prices, with the first requests exactly as they will be sent.
import type { Estimate } from '../../../shared/contract.ts';
import type { Provider } from '../../core/provider.ts';
import type { PlanPreview } from '../../engine/create-run.ts';
import type { EngineHost } from '../engine-host.ts';

export const PREVIEW_REQUESTS = 3;

const add = (a: number | null, b: number | null) => (a === null || b === null ? null : a + b);
const savings = (batch: number | null, sync: number | null) => (batch === null || sync === null ? null : sync - batch);

export function estimateOf(plan: PlanPreview): Omit<Estimate, 'preview'> {
  const perModel = new Map<string, Estimate['per_model'][number]>();
  for (const { model, estimate } of plan.jobs) {
    const entry = perModel.get(model.id) ?? { model: model.id, provider: model.provider, jobs: 0, input_tokens: 0, output_tokens: 0, batch_usd: 0, sync_usd: 0, savings_usd: 0, simulated: model.simulated };
    entry.jobs += 1;
    entry.input_tokens += estimate.input_tokens;
    entry.output_tokens += estimate.output_tokens;
    entry.batch_usd = add(entry.batch_usd, estimate.batch_usd);
    entry.sync_usd = add(entry.sync_usd, estimate.sync_usd);
    entry.savings_usd = savings(entry.batch_usd, entry.sync_usd);
    perModel.set(model.id, entry);
  }
  return {
    jobs: plan.jobs.length,
    input_tokens: plan.input_tokens,
    output_tokens: plan.output_tokens,
    batch_usd: plan.estimated_usd,
    sync_usd: plan.sync_usd,
    savings_usd: savings(plan.estimated_usd, plan.sync_usd),
    simulated: plan.jobs.some((j) => j.model.simulated),
    warnings: plan.warnings,
    per_model: [...perModel.values()],
    batches: plan.batches.map((b) => ({
      provider: b.provider,
      model: b.model,
      endpoint: b.endpoint,
      requests: b.seqs.length,
      batch_usd: b.estimated_usd,
      sync_usd: b.seqs.reduce<number | null>((sum, seq) => add(sum, plan.jobs[seq]!.estimate.sync_usd), 0),
      is_pilot: b.is_pilot,
    })),
  };
}

/** The first requests exactly as they would be written (null where the provider cannot be built, e.g. no key yet). */
export async function previewOf(host: EngineHost, plan: PlanPreview): Promise<Estimate['preview']> {
  const preview: Estimate['preview'] = [];
  for (const [seq, { spec, model }] of plan.jobs.slice(0, PREVIEW_REQUESTS).entries()) {
    const provider: Provider | null = await host.ctx.registry.provider(model.provider).catch(() => null);
    const request = provider ? await provider.requestLine({ customId: `preview_${seq}`, job: spec, model }).catch(() => null) : null;
    preview.push({ job_id: spec.id, model: model.id, request });
  }
  return preview;
}
