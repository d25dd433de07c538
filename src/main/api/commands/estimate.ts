// The estimate every face shows before anything is spent: per model and per provider batch, at batch and at
// synchronous prices, with the first requests exactly as they will be sent (long strings abridged).
import { abridgedStrings } from '../../../shared/abridge.ts';
import type { Estimate } from '../../../shared/contract.ts';
import type { Provider } from '../../core/provider.ts';
import type { PlanPreview } from '../../engine/create-run.ts';
import { requestLineFor } from '../../engine/request-line.ts';
import { addUsd } from '../../engine/plan-totals.ts';
import type { EngineHost } from '../engine-host.ts';
import { plural } from '../../../shared/plural.ts';

const savings = (batch: number | null, sync: number | null) => (batch === null || sync === null ? null : sync - batch);

/** With --allow-partial under a cost limit: how many jobs would not be sent, and that the figures are of the rest. */
function leftOutWarning(plan: PlanPreview): string {
  const sent = plan.jobs - plan.left_out;
  return `the cost limit leaves out ${plural(plan.left_out, 'job')} of ${plan.jobs.toLocaleString('en-US')} (allow partial): ${plural(sent, 'job')} would be sent, and the figures are for ${sent === 1 ? 'it' : 'them'}`;
}

export function estimateOf(plan: PlanPreview): Omit<Estimate, 'preview'> {
  const models = plan.per_model.map((m) => ({
    model: m.model.id,
    provider: m.model.provider,
    jobs: m.jobs,
    input_tokens: m.input_tokens,
    output_tokens: m.output_tokens,
    output_tokens_max: m.output_tokens_max,
    batch_usd: m.batch_usd,
    batch_usd_max: m.batch_usd_max,
    sync_usd: m.sync_usd,
    savings_usd: savings(m.batch_usd, m.sync_usd),
    simulated: m.model.simulated,
  }));
  return {
    jobs: plan.jobs,
    input_tokens: plan.input_tokens,
    output_tokens: plan.output_tokens,
    output_tokens_max: models.reduce((sum, m) => sum + m.output_tokens_max, 0),
    batch_usd: plan.estimated_usd,
    batch_usd_max: models.reduce<number | null>((sum, m) => addUsd(sum, m.batch_usd_max), 0),
    sync_usd: plan.sync_usd,
    savings_usd: savings(plan.estimated_usd, plan.sync_usd),
    simulated: plan.simulated,
    warnings: plan.left_out > 0 ? [...plan.warnings, leftOutWarning(plan)] : plan.warnings,
    per_model: models,
    batches: plan.batches.map((b) => ({
      provider: b.provider,
      model: b.model,
      endpoint: b.endpoint,
      requests: b.requests,
      batch_usd: b.estimated_usd,
      batch_usd_max: b.batch_usd_max,
      sync_usd: b.sync_usd,
      is_pilot: b.is_pilot,
    })),
  };
}

/** The first requests exactly as they would be written (null where the provider cannot be built, e.g. no key yet). */
export async function previewOf(host: EngineHost, plan: PlanPreview): Promise<Estimate['preview']> {
  const preview: Estimate['preview'] = [];
  for (const [seq, { spec, model }] of plan.first.entries()) {
    const provider: Provider | null = await host.ctx.registry.provider(model.provider).catch(() => null);
    const request = provider ? await requestLineFor(provider, { customId: `preview_${seq}`, job: spec, model }).catch(() => null) : null;
    // Abridged here: a huge input (a 4 MB text file, a PDF's base64) would make the answer megabytes of JSON.
    preview.push({ job_id: spec.id, model: model.id, request: abridgedStrings(request) });
  }
  return preview;
}
