// batchdesk run: build jobs from files, a dataset or a requests file; show the plan (--dry-run) or store the run,
// submit what is due, and optionally wait for it.
import type { Command } from 'commander';
import { readFile } from 'node:fs/promises';
import type { JsonSchema } from '../../../shared/domain.ts';
import { parseDuration } from '../../api/duration.ts';
import { InputError } from '../../core/errors.ts';
import { planRun, createRun, type RunDraft } from '../../engine/create-run.ts';
import { planText } from '../../api/plan-text.ts';
import { buildJobs } from '../../inputs/build-jobs.ts';
import { openHost, parseNumber, printJson, usd, UsageError, type GlobalOptions } from '../io.ts';
import { parseAt, parsePilot } from '../when.ts';
import { followRun } from './follow.ts';

interface RunFlags {
  model: string[];
  prompt?: string;
  promptFile?: string;
  system?: string;
  dataset?: string;
  template?: string;
  requests?: string;
  schema?: string;
  maxTokens?: string;
  temperature?: string;
  citations?: boolean;
  costLimit?: string;
  timeLimit?: string;
  pilot?: string;
  at?: string;
  name?: string;
  itemsPerBatch?: string;
  maxConcurrent?: string;
  dryRun?: boolean;
  wait?: boolean;
  json?: boolean;
}

async function readSchema(path: string): Promise<JsonSchema> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch {
    throw new InputError(`cannot read schema file ${path}: no such file`);
  }
  try {
    const schema = JSON.parse(text) as unknown;
    if (typeof schema !== 'object' || schema === null || Array.isArray(schema)) throw new Error();
    return schema as JsonSchema;
  } catch {
    throw new InputError(`schema file ${path} is not a JSON Schema object`);
  }
}

export function registerRun(program: Command, global: () => GlobalOptions): void {
  program
    .command('run')
    .description('create a run from files, a dataset or a requests file, and submit it')
    .argument('[files...]', 'files or folders to process (one job per file and model)')
    .option('--model <id>', 'model id (repeat for several models)', (v: string, acc: string[]) => [...acc, v], [] as string[])
    .option('--prompt <text>', 'the instruction applied to each file')
    .option('--prompt-file <file>', 'read the prompt from a file')
    .option('--system <text>', 'system prompt')
    .option('--dataset <file>', 'CSV or JSONL dataset: one job per row')
    .option('--template <text>', 'prompt template for dataset rows, with {{column}} placeholders')
    .option('--requests <file>', 'an OpenAI-format batch input file (JSONL)')
    .option('--schema <file>', 'JSON Schema for structured output')
    .option('--max-tokens <n>', 'maximum output tokens per job')
    .option('--temperature <t>', 'sampling temperature')
    .option('--citations', 'ask for citations (Anthropic)')
    .option('--cost-limit <usd>', 'never commit more than this many USD')
    .option('--time-limit <duration>', 'cancel what is still running after this long (e.g. 6h)')
    .option('--pilot <n|pct>', 'submit a sample first and wait for release')
    .option('--at <time>', 'submit later: ISO time, HH:MM or +DURATION')
    .option('--name <text>', 'a name for the run')
    .option('--items-per-batch <n>', 'most jobs per provider batch')
    .option('--max-concurrent <n>', 'most provider batches in flight at once')
    .option('--dry-run', 'print the plan and the estimate; store and send nothing')
    .option('--wait', 'wait until the run has finished')
    .option('--json', 'machine-readable output')
    .action(async (files: string[], flags: RunFlags) => {
      const prompt = flags.promptFile ? await readFile(flags.promptFile, 'utf8').catch(() => {
        throw new InputError(`cannot read prompt file ${flags.promptFile}: no such file`);
      }) : flags.prompt;
      const params = {
        ...(flags.maxTokens ? { max_tokens: parseNumber('--max-tokens', flags.maxTokens, { integer: true, min: 1 }) } : {}),
        ...(flags.temperature ? { temperature: parseNumber('--temperature', flags.temperature, { min: 0 }) } : {}),
      };
      const jobs = await buildJobs({
        files,
        models: flags.model,
        params,
        ...(prompt ? { prompt } : {}),
        ...(flags.system ? { system: flags.system } : {}),
        ...(flags.dataset ? { dataset: flags.dataset } : {}),
        ...(flags.template ? { template: flags.template } : {}),
        ...(flags.requests ? { requests: flags.requests } : {}),
        ...(flags.schema ? { schema: await readSchema(flags.schema) } : {}),
        ...(flags.citations ? { citations: true } : {}),
      });
      const host = openHost(global());
      try {
        const now = host.ctx.clock.now();
        const draft: RunDraft = {
          jobs,
          source: 'cli',
          ...(flags.name ? { name: flags.name } : {}),
          ...(flags.costLimit ? { costLimitUsd: parseNumber('--cost-limit', flags.costLimit, { min: 0 }) } : {}),
          ...(flags.timeLimit ? { timeLimitMs: wrap(() => parseDuration(flags.timeLimit!)) } : {}),
          ...(flags.pilot ? { pilot: parsePilot(flags.pilot) } : {}),
          ...(flags.at ? { scheduledAt: parseAt(flags.at, now) } : {}),
          ...(flags.itemsPerBatch ? { itemsPerBatch: parseNumber('--items-per-batch', flags.itemsPerBatch, { integer: true, min: 1 }) } : {}),
          ...(flags.maxConcurrent ? { maxConcurrent: parseNumber('--max-concurrent', flags.maxConcurrent, { integer: true, min: 1 }) } : {}),
        };
        const plan = await planRun(host.ctx, draft, { requireKeys: !flags.dryRun });
        if (flags.dryRun) {
          if (flags.json) printJson({ jobs: plan.jobs.length, estimated_usd: plan.estimated_usd, sync_usd: plan.sync_usd, input_tokens: plan.input_tokens, output_tokens: plan.output_tokens, batches: plan.batches.map((b) => ({ provider: b.provider, model: b.model, endpoint: b.endpoint, requests: b.seqs.length, estimated_usd: b.estimated_usd, is_pilot: b.is_pilot })) });
          else process.stdout.write(planText(plan));
          return;
        }
        const runId = await createRun(host.ctx, draft, plan);
        if (flags.json) printJson({ run_id: runId });
        else process.stdout.write(`run ${runId}: ${plan.jobs.length} jobs, estimated ${usd(plan.estimated_usd)}${plan.jobs.some((j) => j.model.simulated) ? ' (simulated)' : ''}\n`);
        process.exitCode = await followRun(host, runId, { wait: flags.wait ?? false, json: flags.json ?? false });
      } finally {
        await host.close();
      }
    });
}

function wrap<T>(parse: () => T): T {
  try {
    return parse();
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
}
