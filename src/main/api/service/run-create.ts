// runs.estimate and runs.create: the New run screen's inputs become jobs (inputs/build-jobs), a plan with its
// estimate (engine/create-run), and, on create, a stored run the monitor submits.
import type { z } from 'zod';
import type { EstimateSchema, NewRunSchema } from '../../../shared/contract.ts';
import type { Provider } from '../../core/provider.ts';
import { planRun, createRun, type PlanPreview, type RunDraft } from '../../engine/create-run.ts';
import { buildJobs } from '../../inputs/build-jobs.ts';
import type { FeatureHandlers, ServiceDeps } from './types.ts';

type NewRun = z.output<typeof NewRunSchema>;
type Estimate = z.output<typeof EstimateSchema>;

export const PREVIEW_REQUESTS = 3;

async function draftOf(input: NewRun): Promise<RunDraft> {
  const { name, cost_limit_usd, time_limit_ms, pilot, scheduled_at, ...inputs } = input;
  return {
    jobs: await buildJobs(inputs),
    source: 'ui',
    ...(name ? { name } : {}),
    ...(cost_limit_usd !== undefined ? { costLimitUsd: cost_limit_usd } : {}),
    ...(time_limit_ms !== undefined ? { timeLimitMs: time_limit_ms } : {}),
    ...(pilot !== undefined ? { pilot } : {}),
    ...(scheduled_at !== undefined ? { scheduledAt: scheduled_at } : {}),
  };
}

const add = (a: number | null, b: number | null) => (a === null || b === null ? null : a + b);
const savings = (batch: number | null, sync: number | null) => (batch === null || sync === null ? null : sync - batch);

/** The first requests exactly as they would be written (null where the provider cannot be built, e.g. no key yet). */
async function previewOf(deps: ServiceDeps, plan: PlanPreview): Promise<Estimate['preview']> {
  const preview: Estimate['preview'] = [];
  for (const [seq, { spec, model }] of plan.jobs.slice(0, PREVIEW_REQUESTS).entries()) {
    const provider: Provider | null = await deps.host.ctx.registry.provider(model.provider).catch(() => null);
    const request = provider ? await provider.requestLine({ customId: `preview_${seq}`, job: spec, model }).catch(() => null) : null;
    preview.push({ job_id: spec.id, model: model.id, request });
  }
  return preview;
}

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
    per_model: [...perModel.values()],
    batches: plan.batches.map((b) => ({ provider: b.provider, model: b.model, endpoint: b.endpoint, requests: b.seqs.length, batch_usd: b.estimated_usd, is_pilot: b.is_pilot })),
  };
}

export function runCreateHandlers(deps: ServiceDeps): FeatureHandlers<'runs.estimate' | 'runs.create'> {
  const { host } = deps;
  return {
    'runs.estimate': async (input) => {
      const plan = await planRun(host.ctx, await draftOf(input), { requireKeys: false });
      return { ...estimateOf(plan), preview: await previewOf(deps, plan) };
    },
    'runs.create': async (input) => {
      const draft = await draftOf(input);
      const plan = await planRun(host.ctx, draft, { requireKeys: true });
      const runId = await createRun(host.ctx, draft, plan);
      host.monitor.poke();
      return { run_id: runId };
    },
  };
}
