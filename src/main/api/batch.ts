// The library API's builder (seed 004): defaults, jobs, limits, then run() → BatchRun. It only gathers what the
// caller gives; checking, planning and creating the run are the run commands every face shares.
//
//   const run = await new Batch({ home: './state', resultsDir: './output', maxConcurrent: 10 })
//     .defaults({ model: 'demo/echo', temperature: 0.7 })
//     .addCostLimit({ usd: 15 })
//     .addJob({ file: 'paper.pdf', prompt: 'Summarise' })
//     .run({ wait: true });
import { z } from 'zod';
import type { Estimate, NewRunInput } from '../../shared/contract.ts';
import type { JobParams, JsonSchema, Message } from '../../shared/domain.ts';
import type { JobDraft } from '../../shared/run-inputs.ts';
import { InputError } from '../core/errors.ts';
import { estimateRun, submitRun } from './commands/submit-run.ts';
import { parseDuration } from './duration.ts';
import { estimateText } from './estimate-text.ts';
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
  private allowPartial = false;
  private timeLimitMs: number | undefined;
  private progress: ((stats: ProgressStats) => void) | undefined;

  constructor(options: BatchOptions = {}) {
    this.options = options;
  }

  defaults(defaults: JobDefaults): this {
    this.jobDefaults = { ...this.jobDefaults, ...defaults };
    return this;
  }

  /** Checked against the run's ceiling; `allowPartial`: submit the jobs that fit instead of refusing the run. */
  addCostLimit(limit: { usd: number; allowPartial?: boolean }): this {
    this.costLimitUsd = limit.usd;
    this.allowPartial = limit.allowPartial ?? false;
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

  /** The jobs as drafts for the run commands, defaults applied (the commands check them). */
  private drafts(): JobDraft[] {
    return this.jobs.map((job, index) => {
      const merged = { ...this.jobDefaults, ...job };
      if (!merged.model) throw new InputError(`job ${index + 1} has no model: set one in defaults({ model }) or on the job`);
      const params: JobParams = {
        ...(merged.temperature !== undefined ? { temperature: merged.temperature } : {}),
        ...(merged.max_tokens !== undefined ? { max_tokens: merged.max_tokens } : {}),
        ...(merged.top_p !== undefined ? { top_p: merged.top_p } : {}),
      };
      const id = job.id ?? `job-${index + 1}`;
      const common = {
        id,
        model: merged.model,
        params,
        ...(merged.system ? { system: merged.system } : {}),
        ...(job.responseModel ? { schema: toJsonSchema(job.responseModel) } : {}),
        ...(job.citations ? { citations: true } : {}),
      };
      if ('messages' in job) return { ...common, messages: job.messages };
      if ('file' in job) return { ...common, file: job.file, prompt: job.prompt };
      return { ...common, endpoint: 'embeddings' as const, input: job.input };
    });
  }

  private request(): NewRunInput {
    return {
      jobs: this.drafts(),
      ...(this.options.name ? { name: this.options.name } : {}),
      ...(this.costLimitUsd !== undefined ? { cost_limit_usd: this.costLimitUsd } : {}),
      ...(this.allowPartial ? { allow_partial: true } : {}),
      ...(this.timeLimitMs !== undefined ? { time_limit_ms: this.timeLimitMs } : {}),
      ...(this.options.maxConcurrent ? { max_concurrent: this.options.maxConcurrent } : {}),
      ...(this.options.itemsPerBatch ? { items_per_batch: this.options.itemsPerBatch } : {}),
    };
  }

  /** The estimate per model and provider batch, without storing or sending anything. */
  async plan(): Promise<Estimate> {
    const host = new EngineHost(this.options);
    try {
      return await estimateRun(host, this.request(), { source: 'library' });
    } finally {
      await host.close();
    }
  }

  /**
   * Store the run and start it; `wait: true` resolves when it has finished. `dryRun: true` prints the estimate per
   * provider batch and returns it, storing and sending nothing.
   */
  async run(options: { wait?: boolean; dryRun: true }): Promise<Estimate>;
  async run(options?: { wait?: boolean; dryRun?: false }): Promise<BatchRun>;
  async run(options: { wait?: boolean; dryRun?: boolean } = {}): Promise<BatchRun | Estimate> {
    if (options.dryRun) {
      const estimate = await this.plan();
      process.stdout.write(estimateText(estimate));
      return estimate;
    }
    const host = new EngineHost(this.options);
    try {
      const { run_id } = await submitRun(host, this.request(), { source: 'library', ...(this.options.resultsDir ? { resultsDir: this.options.resultsDir } : {}) });
      const run = new BatchRun(host, run_id, this.progress);
      run.start();
      if (options.wait) await run.waitForCompletion();
      return run;
    } catch (error) {
      await host.close();
      throw error;
    }
  }
}
