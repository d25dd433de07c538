// batchdesk run: flags become the contract's NewRun; `runs.estimate` (--dry-run) or `runs.create` does the rest,
// through the same run commands and input check as every other face. Then submit what is due, and optionally wait.
import { plural } from '../../../shared/plural.ts';
import type { Command } from 'commander';
import type { NewRunInput } from '../../../shared/contract.ts';
import { parseDuration } from '../../api/duration.ts';
import { estimateText } from '../../api/estimate-text.ts';
import { formatUsd } from '../../../shared/money.ts';
import { call, openCli, parseNumber, printJson, usd, UsageError, type GlobalOptions } from '../io.ts';
import { parseAt, parsePilot } from '../when.ts';
import { followRun } from './follow.ts';

export interface RunFlags {
  model: string[];
  prompt?: string;
  promptFile?: string;
  system?: string;
  dataset?: string;
  template?: string;
  idColumn?: string;
  requests?: string;
  fromBundle?: string;
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
  maxEnqueuedTokens?: string;
  dryRun?: boolean;
  wait?: boolean;
  json?: boolean;
  endpoint?: string;
  embedColumn?: string;
  chunkTokens?: string;
  chunkOverlap?: string;
  dimensions?: string;
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
    bundle: flags.fromBundle,
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
    endpoint: flags.endpoint ? endpointOf(flags.endpoint) : undefined,
    embed_column: flags.embedColumn,
    chunk_tokens: flags.chunkTokens ? parseNumber('--chunk-tokens', flags.chunkTokens, { integer: true, min: 1 }) : undefined,
    chunk_overlap: flags.chunkOverlap ? parseNumber('--chunk-overlap', flags.chunkOverlap, { integer: true, min: 0 }) : undefined,
    dimensions: flags.dimensions ? parseNumber('--dimensions', flags.dimensions, { integer: true, min: 1 }) : undefined,
    max_enqueued_tokens: flags.maxEnqueuedTokens ? parseNumber('--max-enqueued-tokens', flags.maxEnqueuedTokens, { integer: true, min: 1 }) : undefined,
  };
  const given = Object.fromEntries(Object.entries(optional).filter(([, value]) => value !== undefined));
  return { files, models: flags.model, params, ...given };
}

function endpointOf(value: string): 'chat' | 'embeddings' {
  if (value === 'chat' || value === 'embeddings') return value;
  throw new UsageError(`--endpoint must be chat or embeddings, got "${value}"`);
}

/** Options of every run, chat or embeddings. */
function commonOptions(command: Command): Command {
  return command
    .option('--model <id>', 'model id (repeat for several models)', (v: string, acc: string[]) => [...acc, v], [] as string[])
    .option('--dataset <file>', 'CSV, TSV or JSONL dataset: one job per row')
    .option('--template <text>', 'the text of each dataset row, with {{column}} placeholders (chat: the prompt)')
    .option('--id-column <name>', 'dataset column that names each row (default: a column named id, else the row number)')
    .option('--requests <file>', 'an OpenAI-format batch input file (JSONL)')
    .option('--from-bundle <dir>', 'send the requests of a methods bundle (batchdesk bundle) again, as they were')
    .option('--encoding <name>', 'text encoding of the inputs (default: detected; e.g. utf-8, windows-1252, utf-16le)')
    .option('--cost-limit <usd>', 'never commit more than this many USD (checked against the ceiling: every job using its max tokens)')
    .option('--allow-partial', 'with --cost-limit below what the run may cost: submit the jobs that fit and leave the rest out')
    .option('--time-limit <duration>', 'cancel what is still running after this long (e.g. 6h)')
    .option('--pilot <n|pct>', 'submit a sample first and wait for release')
    .option('--at <time>', 'submit later: ISO time, HH:MM or +DURATION')
    .option('--name <text>', 'a name for the run')
    .option('--items-per-batch <n>', 'most jobs per provider batch')
    .option('--max-concurrent <n>', 'most provider batches in flight at once')
    .option('--max-enqueued-tokens <n>', "most input tokens enqueued at the provider per model (your organisation's batch queue limit)")
    .option('--dry-run', 'print the plan and the estimate; store and send nothing')
    .option('--wait', 'wait until the run has finished')
    .option('--json', 'machine-readable output')
    .option('--embed-column <name>', 'embeddings: the dataset column whose text is embedded')
    .option('--chunk-tokens <n>', "embeddings of files: most tokens per chunk (default: the model's input limit)")
    .option('--chunk-overlap <n>', 'embeddings of files: tokens each chunk repeats from the one before (default 0)')
    .option('--dimensions <n>', 'embeddings: shorter vectors, where the model can (OpenAI text-embedding-3, Gemini)');
}

/** Estimate (--dry-run) or create and follow a run from the flags: the action of `run` and `embed`. */
export async function runAction(files: string[], flags: RunFlags, global: GlobalOptions): Promise<void> {
  const input = newRunOf(files, flags, Date.now());
  const cli = openCli(global);
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
    else process.stdout.write(`run ${run_id}: ${plural(view.jobs.total, 'job')}, estimated ${usd(view.cost_usd.estimated)}${view.simulated ? ' (simulated)' : ''}\n`);
    // Right after creation, a cancelled job is one the cost limit left out (--allow-partial).
    if (view.jobs.cancelled > 0 && view.cost_usd.limit !== null && !flags.json) {
      process.stdout.write(`${view.jobs.cancelled} of ${plural(view.jobs.total, 'job')} left out: they do not fit under the cost limit of ${formatUsd(view.cost_usd.limit ?? 0)} (${view.jobs.total - view.jobs.cancelled} submitted)\n`);
    }
    process.exitCode = await followRun(cli, run_id, { wait: flags.wait ?? false, json: flags.json ?? false });
  } finally {
    await cli.close();
  }
}

export function registerEmbed(program: Command, global: () => GlobalOptions): void {
  commonOptions(
    program
      .command('embed')
      .description('embed files (chunked by the model\'s input limit), a dataset column or a requests file: one vector per chunk, row or line')
      .argument('[files...]', 'text files, PDFs or folders'),
  ).action((files: string[], flags: RunFlags) => runAction(files, { ...flags, endpoint: 'embeddings' }, global()));
}

export function registerRun(program: Command, global: () => GlobalOptions): void {
  commonOptions(
    program
      .command('run')
      .description('create a run from files, a dataset or a requests file, and submit it')
      .argument('[files...]', 'files or folders to process (one job per file and model)'),
  )
    .option('--endpoint <name>', 'chat (default) or embeddings (the same as batchdesk embed)')
    .option('--prompt <text>', 'the instruction applied to each file')
    .option('--prompt-file <file>', 'read the prompt from a file')
    .option('--system <text>', 'system prompt')
    .option('--schema <file>', 'JSON Schema for structured output')
    .option('--max-tokens <n>', 'maximum output tokens per job')
    .option('--temperature <t>', 'sampling temperature')
    .option('--citations', 'ask for citations (Anthropic)')
    .action((files: string[], flags: RunFlags) => runAction(files, flags, global()));
}
