// batchdesk run: flags become the contract's NewRun; `runs.estimate` (--dry-run) or `runs.create` does the rest,
// through the same run commands and input check as every other face. Then submit what is due, and optionally wait.
import type { Command } from 'commander';
import type { NewRunInput } from '../../../shared/contract.ts';
import { parseDuration } from '../../api/duration.ts';
import { estimateText } from '../../api/estimate-text.ts';
import { formatUsd } from '../../../shared/money.ts';
import { call, openCli, parseNumber, printJson, usd, UsageError, type GlobalOptions } from '../io.ts';
import { parseAt, parsePilot } from '../when.ts';
import { followRun } from './follow.ts';

interface RunFlags {
  model: string[];
  prompt?: string;
  promptFile?: string;
  system?: string;
  dataset?: string;
  template?: string;
  idColumn?: string;
  requests?: string;
  schema?: string;
  encoding?: string;
  maxTokens?: string;
  temperature?: string;
  citations?: boolean;
  costLimit?: string;
  allowPartial?: boolean;
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

function usage<T>(parse: () => T): T {
  try {
    return parse();
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
}

/** The flags as the contract's NewRun (relative paths as given: the run commands resolve them). */
export function newRunOf(files: string[], flags: RunFlags, now: number): NewRunInput {
  const params = {
    ...(flags.maxTokens ? { max_tokens: parseNumber('--max-tokens', flags.maxTokens, { integer: true, min: 1 }) } : {}),
    ...(flags.temperature ? { temperature: parseNumber('--temperature', flags.temperature, { min: 0 }) } : {}),
  };
  const optional = {
    prompt: flags.prompt,
    prompt_file: flags.promptFile,
    system: flags.system,
    dataset: flags.dataset,
    template: flags.template,
    id_column: flags.idColumn,
    requests: flags.requests,
    schema_file: flags.schema,
    encoding: flags.encoding,
    name: flags.name,
    citations: flags.citations ? true : undefined,
    cost_limit_usd: flags.costLimit ? parseNumber('--cost-limit', flags.costLimit, { min: 0 }) : undefined,
    allow_partial: flags.allowPartial ? true : undefined,
    time_limit_ms: flags.timeLimit ? usage(() => parseDuration(flags.timeLimit!)) : undefined,
    pilot: flags.pilot ? parsePilot(flags.pilot) : undefined,
    scheduled_at: flags.at ? parseAt(flags.at, now) : undefined,
    items_per_batch: flags.itemsPerBatch ? parseNumber('--items-per-batch', flags.itemsPerBatch, { integer: true, min: 1 }) : undefined,
    max_concurrent: flags.maxConcurrent ? parseNumber('--max-concurrent', flags.maxConcurrent, { integer: true, min: 1 }) : undefined,
  };
  const given = Object.fromEntries(Object.entries(optional).filter(([, value]) => value !== undefined));
  return { files, models: flags.model, params, ...given };
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
    .option('--dataset <file>', 'CSV, TSV or JSONL dataset: one job per row')
    .option('--template <text>', 'prompt template for dataset rows, with {{column}} placeholders')
    .option('--id-column <name>', 'dataset column that names each row (default: a column named id, else the row number)')
    .option('--requests <file>', 'an OpenAI-format batch input file (JSONL)')
    .option('--schema <file>', 'JSON Schema for structured output')
    .option('--encoding <name>', 'text encoding of the inputs (default: detected; e.g. utf-8, windows-1252, utf-16le)')
    .option('--max-tokens <n>', 'maximum output tokens per job')
    .option('--temperature <t>', 'sampling temperature')
    .option('--citations', 'ask for citations (Anthropic)')
    .option('--cost-limit <usd>', 'never commit more than this many USD (checked against the ceiling: every job using its max tokens)')
    .option('--allow-partial', 'with --cost-limit below what the run may cost: submit the jobs that fit and leave the rest out')
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
      const input = newRunOf(files, flags, Date.now());
      const cli = openCli(global());
      try {
        if (flags.dryRun) {
          const estimate = await call(cli, 'runs.estimate', input);
          if (flags.json) printJson(estimate);
          else process.stdout.write(estimateText(estimate));
          return;
        }
        const { run_id } = await call(cli, 'runs.create', input);
        const view = await call(cli, 'runs.get', { run_id });
        if (flags.json) printJson({ run_id });
        else process.stdout.write(`run ${run_id}: ${view.jobs.total} jobs, estimated ${usd(view.cost_usd.estimated)}${view.simulated ? ' (simulated)' : ''}\n`);
        // Right after creation, a cancelled job is one the cost limit left out (--allow-partial).
        if (view.jobs.cancelled > 0 && !flags.json) {
          process.stdout.write(`${view.jobs.cancelled} of ${view.jobs.total} jobs left out: they do not fit under the cost limit of ${formatUsd(view.cost_usd.limit ?? 0)} (${view.jobs.total - view.jobs.cancelled} submitted)\n`);
        }
        process.exitCode = await followRun(cli, run_id, { wait: flags.wait ?? false, json: flags.json ?? false });
      } finally {
        await cli.close();
      }
    });
}
