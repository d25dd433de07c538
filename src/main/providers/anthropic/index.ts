// The Anthropic Message Batches adapter: the Provider interface over @anthropic-ai/sdk.
import type { JobSpec, ModelConfig } from '../../../shared/domain.ts';
import type { CreateInput, PlannedRequest, Provider, ProviderCallOptions, RemoteBatch } from '../../core/provider.ts';
import type { ProviderConfig } from '../config.ts';
import { lazyClients } from './client.ts';
import { requestLine } from './request.ts';
import { parseResults } from './results.ts';
import { ANTHROPIC_LIMITS, cancelBatch, createBatch, downloadResults, findBatch, pollBatch } from './submit.ts';
import { approximateInputTokens, countTokens } from './tokens.ts';
import { validateJob } from './validate.ts';

export { ANTHROPIC_MODELS } from './models.ts';

export function createAnthropicProvider(config: ProviderConfig): Provider {
  const clients = lazyClients(config);
  return {
    name: 'anthropic',
    limits: ANTHROPIC_LIMITS,
    simulated: false,
    validateJob: (job: JobSpec, model: ModelConfig) => validateJob(job, model),
    estimateInputTokens: (job: JobSpec, model: ModelConfig, opts?: ProviderCallOptions) =>
      config.apiKey ? countTokens(clients(), job, model, opts) : approximateInputTokens(job, model),
    requestLine: (request: PlannedRequest) => requestLine(request),
    create: (input: CreateInput, opts?: ProviderCallOptions) => createBatch(clients, input, opts),
    findBatch: (tag, hint, opts) => findBatch(clients, tag, hint, opts),
    poll: (remoteId: string, opts?: ProviderCallOptions) => pollBatch(clients, remoteId, opts),
    cancel: (remoteId: string, opts?: ProviderCallOptions) => cancelBatch(clients, remoteId, opts),
    download: (remote: RemoteBatch, dir: string, opts?: ProviderCallOptions) => downloadResults(clients, remote, dir, opts),
    parseResults: (file: string) => parseResults(file),
  };
}
