import type { OperationOutput } from '../../../../shared/contract.ts';

export type RunView = OperationOutput<'runs.get'>;
export type BatchView = RunView['provider_batches'][number];
export type TimelineEvent = OperationOutput<'runs.timeline'>['events'][number];
export type JobRow = OperationOutput<'runs.jobs'>['data'][number];
export type JobDetail = OperationOutput<'runs.job'>;
