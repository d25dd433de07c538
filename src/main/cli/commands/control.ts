// batchdesk cancel / retry / release / results / models: the service's operations, printed for a terminal.
import { plural } from '../../../shared/plural.ts';
import type { Command } from 'commander';
import { ExportRequestSchema } from '../../../shared/contract.ts';
import { idsPathFor, parseInput, writeExport, writeExportFile } from '../../api/service/index.ts';
import { call, openCli, printJson, table, usd, UsageError, type GlobalOptions } from '../io.ts';
import { followRun, summary } from './follow.ts';

const EXPORT_FORMATS = ExportRequestSchema.shape.format.options;

/** "deprecated, shuts down 2026-12-11 → openai/gpt-6-luna"; nothing for a current model. */
function lifecycleText(lifecycle: { status: string; shutdown_on?: string | undefined; replacement?: string | undefined } | undefined): string {
  if (!lifecycle || lifecycle.status === 'current') return '';
  const when = lifecycle.shutdown_on ? `, shuts down ${lifecycle.shutdown_on}` : '';
  return `${lifecycle.status}${when}${lifecycle.replacement ? ` → ${lifecycle.replacement}` : ''}`;
}

export function registerControl(program: Command, global: () => GlobalOptions): void {
  program
    .command('cancel')
    .description('cancel a run: live provider batches are cancelled, finished results kept')
    .argument('<run>', 'run id')
    .action(async (runId: string) => {
      const cli = openCli(global());
      try {
        await call(cli, 'runs.cancel', { run_id: runId });
        await cli.host.monitor.tick();
        process.stdout.write(`${summary(await call(cli, 'runs.get', { run_id: runId }))}\n`);
      } finally {
        await cli.close();
      }
    });

  program
    .command('retry')
    .description('send the failed, expired and cancelled jobs of a run again, optionally to another model')
    .argument('<run>', 'run id')
    .option('--model <id>', 'send them to this model instead')
    .option('--wait', 'wait until the retry has finished')
    .action(async (runId: string, flags: { model?: string; wait?: boolean }) => {
      const cli = openCli(global());
      try {
        const outcome = await call(cli, 'runs.retry', { run_id: runId, ...(flags.model ? { model: flags.model } : {}) });
        process.stdout.write(`retrying ${plural(outcome.jobs, 'job')} in ${plural(outcome.batches, 'new provider batch', 'new provider batches')}${outcome.skipped_max_attempts ? ` (${outcome.skipped_max_attempts} reached the attempt limit)` : ''}\n`);
        process.exitCode = await followRun(cli, runId, { wait: flags.wait ?? false, json: false });
      } finally {
        await cli.close();
      }
    });

  program
    .command('release')
    .description('submit the rest of a run after its pilot')
    .argument('<run>', 'run id')
    .option('--wait', 'wait until the run has finished')
    .action(async (runId: string, flags: { wait?: boolean }) => {
      const cli = openCli(global());
      try {
        await call(cli, 'runs.release', { run_id: runId });
        process.exitCode = await followRun(cli, runId, { wait: flags.wait ?? false, json: false });
      } finally {
        await cli.close();
      }
    });

  program
    .command('results')
    .description("export a run's results as CSV, JSON, JSONL or Parquet, or its vectors as NumPy .npy (with an ids file)")
    .argument('<run>', 'run id')
    .option('--format <format>', EXPORT_FORMATS.join(', '), 'csv')
    .option('-o, --output <file>', 'write to a file instead of stdout')
    .option('--columns <list>', 'comma-separated columns to keep')
    .option('--raw', 'include the raw provider line of each result')
    .action(async (runId: string, flags: { format: string; output?: string; columns?: string; raw?: boolean }) => {
      if (!(EXPORT_FORMATS as readonly string[]).includes(flags.format)) throw new UsageError(`--format must be one of ${EXPORT_FORMATS.join(', ')}`);
      const request = parseInput(ExportRequestSchema, {
        run_id: runId,
        format: flags.format,
        ...(flags.columns ? { columns: flags.columns.split(',').map((c) => c.trim()) } : {}),
        ...(flags.raw ? { include_raw: true } : {}),
      });
      const cli = openCli(global());
      try {
        await call(cli, 'runs.get', { run_id: runId });
        if (!flags.output) {
          await writeExport(cli.host, request, process.stdout);
          if (request.format === 'npy') process.stderr.write(`the job id of each row: batchdesk results ${runId} --format npy_ids\n`);
          return;
        }
        const rows = await writeExportFile(cli.host, request, flags.output);
        process.stderr.write(`${rows} ${request.format === 'npy' ? 'vectors' : 'rows'} written to ${flags.output}\n`);
        if (request.format === 'npy') {
          const ids = idsPathFor(flags.output);
          await writeExportFile(cli.host, { ...request, format: 'npy_ids' }, ids);
          process.stderr.write(`their job ids, one a line in the same order, written to ${ids}\n`);
        }
      } finally {
        await cli.close();
      }
    });

  program
    .command('models')
    .description('the model catalog: prices per 1M tokens at batch rates, limits, inputs and lifecycle')
    .option('--refresh <file|url>', 'load a newer price table (a JSON file, or an http(s) URL fetched now)')
    .option('--json', 'machine-readable output')
    .action(async (flags: { json?: boolean; refresh?: string }) => {
      const cli = openCli(global());
      try {
        if (flags.refresh) {
          const source = /^https?:\/\//.test(flags.refresh) ? { url: flags.refresh } : { path: flags.refresh };
          const loaded = await call(cli, 'models.refresh', source);
          if (flags.json) return printJson(loaded);
          return void process.stdout.write(`price table from ${loaded.origin}: ${loaded.models} models, checked on ${loaded.checked_on}\n`);
        }
        const models = await call(cli, 'models.list', {});
        if (flags.json) return printJson(models);
        const rows: (string | number)[][] = [['model', 'input $/1M (batch)', 'output $/1M (batch)', 'context', 'inputs', 'price as of', 'lifecycle']];
        for (const m of models) {
          const p = m.price;
          const batch = (v: number) => usd(v * (1 - (p?.batch_discount ?? 0)), 3);
          rows.push([m.id, p ? batch(p.input_usd_per_mtok) : 'unknown', p ? batch(p.output_usd_per_mtok) : 'unknown', m.context_tokens, m.inputs.join(','), p ? `${p.as_of}${m.simulated ? ' (simulated)' : ''}` : '', lifecycleText(m.lifecycle)]);
        }
        process.stdout.write(table(rows));
      } finally {
        await cli.close();
      }
    });
}
