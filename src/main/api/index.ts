// The library API: what `import { Batch } from 'batchdesk'` gives.
export { Batch, type BatchOptions, type JobDefaults, type JobInput, type ResponseSchema } from './batch.ts';
export { BatchRun, type ProgressStats } from './batch-run.ts';
export { EngineHost, type EngineHostOptions } from './engine-host.ts';
export { runView, type RunView, type ProviderBatchView } from './run-view.ts';
export { CostTracker, COST_LIMIT_REASON } from '../engine/cost-tracker.ts';
export { ProviderRegistry, UnknownModelError } from '../providers/registry.ts';
export { InputError, NotFoundError } from '../core/errors.ts';
export { ForbiddenError } from './service/errors.ts';
export type { Provider, ProviderLimits, RemoteBatch, ResultLine } from '../core/provider.ts';
export type { Job, JobResult, JobSpec, ModelConfig } from './types.ts';
