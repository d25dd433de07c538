// batchdesk cancel / retry / release / results / models.
import type { Command } from 'commander';
import { createWriteStream } from 'node:fs';
import { finished } from 'node:stream/promises';
import { runView } from '../../api/run-view.ts';
import { retryRun } from '../../engine/retry.ts';
import { releasePilot, stopRun } from '../../engine/run-lifecycle.ts';
import { columnsFor, EXPORT_FORMATS, exportRun, type ExportFormat } from '../../export/write.ts';
import { openHost, printJson, table, usd, UsageError, type GlobalOptions } from '../io.ts';
import { followRun, summary } from './follow.ts';

export function registerControl(program: Command, global: () => GlobalOptions): void {
  program
    .command('cancel')
    .description('cancel a run: live provider batches are cancelled, finished results kept')
    .argument('<run>', 'run id')
    .action(async (runId: string) => {
      const host = openHost(global());
      try {
        runView(host.ctx, runId);
        stopRun(host.ctx, runId, 'user');
        await host.monitor.tick();
        process.stdout.write(`${summary(runView(host.ctx, runId))}\n`);
      } finally {
        await host.close();
      }
    });

  program
    .command('retry')
    .description('send the failed, expired and cancelled jobs of a run again, optionally to another model')
    .argument('<run>', 'run id')
    .option('--model <id>', 'send them to this model instead')
    .option('--wait', 'wait until the retry has finished')
    .action(async (runId: string, flags: { model?: string; wait?: boolean }) => {
      const host = openHost(global());
      try {
        const outcome = await retryRun(host.ctx, runId, flags.model ? { model: flags.model } : {});
        process.stdout.write(`retrying ${outcome.jobs} jobs in ${outcome.batches} new provider batches${outcome.skipped_max_attempts ? ` (${outcome.skipped_max_attempts} reached the attempt limit)` : ''}\n`);
        process.exitCode = await followRun(host, runId, { wait: flags.wait ?? false, json: false });
      } finally {
        await host.close();
      }
    });

  program
    .command('release')
    .description("submit the rest of a run after its pilot")
    .argument('<run>', 'run id')
    .option('--wait', 'wait until the run has finished')
    .action(async (runId: string, flags: { wait?: boolean }) => {
      const host = openHost(global());
      try {
        releasePilot(host.ctx, runId);
        process.exitCode = await followRun(host, runId, { wait: flags.wait ?? false, json: false });
      } finally {
        await host.close();
      }
    });

  program
    .command('results')
    .description("export a run's results as CSV, JSON or JSONL")
    .argument('<run>', 'run id')
    .option('--format <format>', 'csv, json or jsonl', 'csv')
    .option('-o, --output <file>', 'write to a file instead of stdout')
    .option('--columns <list>', 'comma-separated columns to keep')
    .option('--raw', 'include the raw provider line of each result')
    .action(async (runId: string, flags: { format: string; output?: string; columns?: string; raw?: boolean }) => {
      if (!(EXPORT_FORMATS as readonly string[]).includes(flags.format)) throw new UsageError(`--format must be one of ${EXPORT_FORMATS.join(', ')}`);
      const host = openHost(global());
      try {
        runView(host.ctx, runId);
        const out = flags.output ? createWriteStream(flags.output) : process.stdout;
        const options = { format: flags.format as ExportFormat, ...(flags.columns ? { columns: flags.columns.split(',').map((c) => c.trim()) } : {}), ...(flags.raw ? { includeRaw: true } : {}) };
        try {
          columnsFor(host.store, runId, options);
        } catch (error) {
          throw new UsageError((error as Error).message);
        }
        const rows = await exportRun(host.store, runId, out, options);
        if (flags.output) {
          (out as NodeJS.WritableStream).end();
          await finished(out as NodeJS.WritableStream);
          process.stderr.write(`${rows} rows written to ${flags.output}\n`);
        }
      } finally {
        await host.close();
      }
    });

  program
    .command('models')
    .description('the model catalog: prices per 1M tokens at batch rates, limits and inputs')
    .option('--json', 'machine-readable output')
    .action(async (flags: { json?: boolean }) => {
      const host = openHost(global());
      try {
        const models = host.ctx.registry.models();
        if (flags.json) return printJson(models);
        const rows: (string | number)[][] = [['model', 'input $/1M (batch)', 'output $/1M (batch)', 'context', 'inputs', 'price as of']];
        for (const m of models) {
          const p = m.price;
          const batch = (v: number) => usd(v * (1 - (p?.batch_discount ?? 0)), 3);
          rows.push([m.id, p ? batch(p.input_usd_per_mtok) : 'unknown', p ? batch(p.output_usd_per_mtok) : 'unknown', m.context_tokens, m.inputs.join(','), p ? `${p.as_of}${m.simulated ? ' (simulated)' : ''}` : '']);
        }
        process.stdout.write(table(rows));
      } finally {
        await host.close();
      }
    });
}
