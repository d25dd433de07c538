// The first pass of run creation: read the draft's jobs once, as they stream from the input, and check each one
// (unique id, a model that exists and is not retired, a key for its provider when required, inputs and endpoint
// the model serves, the provider's own checks). Each checked job goes to the spool with its rule token count,
// and the sample to count exactly is picked on the way. Nothing is stored.
import { TimeSlice } from '../core/time-slice.ts';
import { join } from 'node:path';
import type { JobSpec, ModelConfig, ProviderName } from '../../shared/domain.ts';
import { InputError } from '../core/errors.ts';
import type { Provider } from '../core/provider.ts';
import { jobTokensByRule } from '../core/token-rules/index.ts';
import { inputKindOf } from '../inputs/attachment.ts';
import type { EngineContext } from './context.ts';
import type { CreateOptions, RunDraft } from './create-run.ts';
import { ExactCountSample } from './estimate.ts';
import { JobSpool } from './job-spool.ts';

/** Jobs kept whole for the estimate's preview of the first requests. */
export const PREVIEW_JOBS = 3;

export interface CheckedJobs {
  spool: JobSpool;
  /** Every model the jobs use, in first-seen order; spool lines name them by index. */
  models: ModelConfig[];
  providers: Map<ProviderName, Provider | null>;
  sample: ExactCountSample;
  first: { spec: JobSpec; model: ModelConfig }[];
  problems: string[];
  warnings: string[];
  /** When the jobs will be submitted: the prices and lifecycles of then apply. */
  submitAt: number;
}

type Resolved = { model: ModelConfig; warning: string | null } | { problem: string };

async function providerOrNull(ctx: EngineContext, name: ProviderName): Promise<Provider | null> {
  return ctx.registry.provider(name).catch(() => null);
}

export async function checkJobs(ctx: EngineContext, draft: RunDraft, options: CreateOptions): Promise<CheckedJobs> {
  const problems: string[] = [];
  if (draft.costLimitUsd !== undefined && !(draft.costLimitUsd > 0)) problems.push('the cost limit must be a positive number of USD');
  const submitAt = draft.scheduledAt ?? ctx.clock.now();
  const seen = new Set<string>();
  const resolved = new Map<string, Resolved>();
  const modelIndex = new Map<string, number>();
  const models: ModelConfig[] = [];
  const providers = new Map<ProviderName, Provider | null>();
  const warnings = new Set<string>();
  const sample = new ExactCountSample();
  const first: CheckedJobs['first'] = [];
  const spool = new JobSpool(join(ctx.store.dataFolder, 'tmp'));
  // A huge job (a 10 MB prompt) takes tens of ms per step: the loop gets a turn between steps (serve stays responsive).
  const slice = new TimeSlice();
  try {
    for await (const spec of draft.jobs) {
      await slice.pause();
      if (seen.has(spec.id)) problems.push(`duplicate job id "${spec.id}"`);
      seen.add(spec.id);
      let known = resolved.get(spec.model);
      if (!known) {
        try {
          known = ctx.registry.resolveForNewWork(spec.model, submitAt);
        } catch (error) {
          known = { problem: (error as Error).message };
        }
        resolved.set(spec.model, known);
      }
      if ('problem' in known) {
        problems.push(known.problem);
        continue;
      }
      const { model } = known;
      if (known.warning) warnings.add(known.warning);
      if (!providers.has(model.provider)) {
        const provider = await providerOrNull(ctx, model.provider);
        providers.set(model.provider, provider);
        if (!provider && options.requireKeys) {
          await ctx.registry.provider(model.provider).catch((error: Error) => problems.push(error.message));
        }
      }
      const provider = providers.get(model.provider) ?? null;
      const job: JobSpec = { ...spec, model: model.id };
      if (job.file && !model.inputs.includes(inputKindOf(job.file.media_type))) {
        problems.push(`${job.label}: ${model.id} does not accept ${inputKindOf(job.file.media_type)} input`);
      }
      if (!model.endpoints.includes(job.endpoint)) problems.push(`${job.label}: ${model.id} does not serve the ${job.endpoint} endpoint`);
      if (job.schema && !model.structured_output) problems.push(`${job.label}: ${model.id} has no structured output`);
      if (provider) for (const problem of provider.validateJob(job, model)) problems.push(`${job.label}: ${problem}`);
      await slice.pause();
      let index = modelIndex.get(model.id);
      if (index === undefined) {
        modelIndex.set(model.id, (index = models.length));
        models.push(model);
      }
      const ruleTokens = jobTokensByRule(job, model);
      sample.offer(spool.count, job, model, ruleTokens);
      await slice.pause();
      spool.add(index, ruleTokens, job);
      if (first.length < PREVIEW_JOBS) first.push({ spec: job, model });
    }
    if (seen.size === 0) throw new InputError('no inputs: give files, --dataset, --requests or messages');
  } catch (error) {
    spool.dispose();
    throw error;
  }
  if (draft.costLimitUsd !== undefined) {
    for (const model of models) {
      if (model.price === null) problems.push(`${model.id} has no known price, so a cost limit cannot be enforced: set a price for it in settings, or run without --cost-limit`);
    }
  }
  return { spool, models, providers, sample, first, problems, warnings: [...warnings], submitAt };
}
