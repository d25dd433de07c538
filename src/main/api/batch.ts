// The library API's builder (seed 004): defaults, jobs, limits, then run() → BatchRun.
//
//   const run = await new Batch({ home: './state', resultsDir: './output', maxConcurrent: 10 })
//     .defaults({ model: 'demo/echo', temperature: 0.7 })
//     .addCostLimit({ usd: 15 })
//     .addJob({ file: 'paper.pdf', prompt: 'Summarise' })
//     .run({ wait: true });
import { z } from 'zod';
import type { JobParams, JobSpec, JsonSchema, Message } from '../../shared/domain.ts';
import { InputError } from '../core/errors.ts';
import { planRun, createRun, type PlanPreview, type RunDraft } from '../engine/create-run.ts';
import { describeFile } from '../inputs/attachment.ts';
import { parseDuration } from './duration.ts';
import { planText } from './plan-text.ts';
import { EngineHost, type EngineHostOptions } from './engine-host.ts';
import { BatchRun, type ProgressStats } from './batch-run.ts';

export interface BatchOptions extends EngineHostOptions {
  /** Where finished results are written as results.csv and results.json. */
  resultsDir?: string;
  /** Most provider batches of this run in flight at once. */
  maxConcurrent?: number;
  /** Most jobs per provider batch (the API's own limit applies too). */
  itemsPerBatch?: number;
  name?: string;
}

export interface JobDefaults extends JobParams {
  model?: string;
  system?: string;
}

/** A JSON Schema object, or a zod schema (converted with z.toJSONSchema). */
export type ResponseSchema = JsonSchema | z.ZodType;

interface JobCommon extends JobParams {
  id?: string;
  model?: string;
  system?: string;
  responseModel?: ResponseSchema;
  citations?: boolean;
}
export type JobInput = JobCommon & ({ messages: Message[] } | { file: string; prompt: string } | { input: string | string[]; endpoint: 'embeddings' });

function toJsonSchema(schema: ResponseSchema): JsonSchema {
  if (schema instanceof z.ZodType) {
    const { $schema: _drop, ...rest } = z.toJSONSchema(schema) as JsonSchema;
    return rest;
  }
  return schema;
}

export class Batch {
  private readonly options: BatchOptions;
  private readonly jobs: JobInput[] = [];
  private jobDefaults: JobDefaults = {};
  private costLimitUsd: number | undefined;
  private timeLimitMs: number | undefined;
  private progress: ((stats: ProgressStats) => void) | undefined;

  constructor(options: BatchOptions = {}) {
    this.options = options;
  }

  defaults(defaults: JobDefaults): this {
    this.jobDefaults = { ...this.jobDefaults, ...defaults };
    return this;
  }

  addCostLimit(limit: { usd: number }): this {
    this.costLimitUsd = limit.usd;
    return this;
  }

  /** `{ minutes: 30 }`, `{ hours: 2 }`, `{ ms }` or a duration string such as "90m". */
  addTimeLimit(limit: { ms?: number; seconds?: number; minutes?: number; hours?: number } | string): this {
    this.timeLimitMs =
      typeof limit === 'string' ? parseDuration(limit) : (limit.ms ?? 0) + (limit.seconds ?? 0) * 1e3 + (limit.minutes ?? 0) * 6e4 + (limit.hours ?? 0) * 36e5;
    return this;
  }

  onProgress(callback: (stats: ProgressStats) => void): this {
    this.progress = callback;
    return this;
  }

  addJob(job: JobInput): this {
    this.jobs.push(job);
    return this;
  }

  private async specs(): Promise<JobSpec[]> {
    const specs: JobSpec[] = [];
    for (const [index, job] of this.jobs.entries()) {
      const merged = { ...this.jobDefaults, ...job };
      const model = merged.model;
      if (!model) throw new InputError(`job ${index + 1} has no model: set one in defaults({ model }) or on the job`);
      const params: JobParams = {
        ...(merged.temperature !== undefined ? { temperature: merged.temperature } : {}),
        ...(merged.max_tokens !== undefined ? { max_tokens: merged.max_tokens } : {}),
        ...(merged.top_p !== undefined ? { top_p: merged.top_p } : {}),
      };
      const base = {
        id: job.id ?? `job-${index + 1}`,
        model,
        params,
        endpoint: 'endpoint' in job ? job.endpoint : ('chat' as const),
        ...(merged.system ? { system: merged.system } : {}),
        ...(job.responseModel ? { schema: toJsonSchema(job.responseModel) } : {}),
        ...(job.citations ? { citations: true } : {}),
      };
      if ('messages' in job) specs.push({ ...base, label: base.id, messages: job.messages });
      else if ('file' in job) {
        const file = await describeFile(job.file).catch((error: Error) => {
          throw new InputError(error.message);
        });
        specs.push({ ...base, label: file.name, file, prompt: job.prompt });
      } else specs.push({ ...base, label: base.id, input: job.input });
    }
    return specs;
  }

  private async draft(): Promise<RunDraft> {
    return {
      jobs: await this.specs(),
      source: 'library',
      ...(this.options.name ? { name: this.options.name } : {}),
      ...(this.costLimitUsd !== undefined ? { costLimitUsd: this.costLimitUsd } : {}),
      ...(this.timeLimitMs !== undefined ? { timeLimitMs: this.timeLimitMs } : {}),
      ...(this.options.maxConcurrent ? { maxConcurrent: this.options.maxConcurrent } : {}),
      ...(this.options.itemsPerBatch ? { itemsPerBatch: this.options.itemsPerBatch } : {}),
      ...(this.options.resultsDir ? { resultsDir: this.options.resultsDir } : {}),
    };
  }

  /** The plan and estimate per provider batch, without storing or sending anything. */
  async plan(): Promise<PlanPreview> {
    const host = new EngineHost(this.options);
    try {
      return await planRun(host.ctx, await this.draft(), { requireKeys: false });
    } finally {
      await host.close();
    }
  }

  /**
   * Store the run and start it; `wait: true` resolves when it has finished. `dryRun: true` prints the plan and
   * the estimate per provider batch and returns the plan, storing and sending nothing.
   */
  async run(options: { wait?: boolean; dryRun: true }): Promise<PlanPreview>;
  async run(options?: { wait?: boolean; dryRun?: false }): Promise<BatchRun>;
  async run(options: { wait?: boolean; dryRun?: boolean } = {}): Promise<BatchRun | PlanPreview> {
    if (options.dryRun) {
      const plan = await this.plan();
      process.stdout.write(planText(plan));
      return plan;
    }
    const host = new EngineHost(this.options);
    try {
      const draft = await this.draft();
      const plan = await planRun(host.ctx, draft, { requireKeys: true });
      const runId = await createRun(host.ctx, draft, plan);
      const run = new BatchRun(host, runId, this.progress);
      run.start();
      if (options.wait) await run.waitForCompletion();
      return run;
    } catch (error) {
      await host.close();
      throw error;
    }
  }
}
