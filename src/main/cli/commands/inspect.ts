// batchdesk list / status / watch: see runs and follow them, through the service's operations.
import type { Command } from 'commander';
import { formatUsd } from '../../../shared/money.ts';
import { batchNotes, blockedText, inWords } from '../blocked-text.ts';
import { call, EXIT, openCli, parseNumber, printJson, table, usd, type GlobalOptions } from '../io.ts';
import { summary, watchRun } from './follow.ts';

export function registerInspect(program: Command, global: () => GlobalOptions): void {
  program
    .command('list')
    .description('list runs, newest first')
    .option('--limit <n>', 'runs per page', '20')
    .option('--after <run>', 'start after this run id (cursor paging)')
    .option('--json', 'machine-readable output')
    .action(async (flags: { limit: string; after?: string; json?: boolean }) => {
      const limit = parseNumber('--limit', flags.limit, { integer: true, min: 1 });
      const cli = openCli(global());
      try {
        const page = await call(cli, 'runs.list', { limit: Math.min(limit, 200), ...(flags.after ? { after: flags.after } : {}) });
        if (flags.json) return printJson(page);
        if (page.data.length === 0) return void process.stdout.write('no runs yet: start one with batchdesk run --model demo/echo --prompt "Summarise" FILES...\n');
        const lines: (string | number)[][] = [['run', 'status', 'jobs', 'succeeded', 'failed', 'cost', 'created', 'name']];
        for (const v of page.data) {
          lines.push([v.run_id, v.status, v.jobs.total, v.jobs.succeeded, v.jobs.failed + v.jobs.expired, `${usd(v.cost_usd.actual)}${v.simulated ? '*' : ''}`, new Date(v.created_at).toISOString().slice(0, 16), v.name]);
        }
        process.stdout.write(table(lines));
        for (const v of page.data) if (v.blocked) process.stdout.write(`${v.run_id} ${blockedText(v.blocked, Date.now())}\n`);
        if (page.data.some((v) => v.simulated)) process.stdout.write('* simulated cost (demo provider)\n');
        if (page.has_more) process.stdout.write(`more: batchdesk list --after ${page.last_id}\n`);
      } finally {
        await cli.close();
      }
    });

  program
    .command('status')
    .description("a run's progress, costs and provider batches")
    .argument('<run>', 'run id')
    .option('--json', 'machine-readable output')
    .action(async (runId: string, flags: { json?: boolean }) => {
      const cli = openCli(global());
      try {
        const view = await call(cli, 'runs.get', { run_id: runId });
        if (flags.json) return printJson(view);
        process.stdout.write(`${summary(view)}\nestimated ${usd(view.cost_usd.estimated)}${view.cost_usd.limit !== null ? ` · limit ${formatUsd(view.cost_usd.limit)}` : ''}\n`);
        const rows: (string | number)[][] = [['provider batch', 'provider', 'model', 'status', 'requests', 'counts', 'remote id', 'next check']];
        for (const b of view.provider_batches) {
          const counts = b.counts ? `${b.counts.succeeded} ok / ${b.counts.failed} failed${b.counts_live ? '' : ' (final counts only at the end)'}` : '';
          rows.push([b.id.slice(0, 8), b.provider, b.model, b.status, b.request_count, counts, b.remote_id ?? '', b.next_check_at === null ? '' : inWords(b.next_check_at - Date.now())]);
        }
        process.stdout.write(table(rows));
        for (const note of batchNotes(view, Date.now())) process.stdout.write(`${note}\n`);
        const { events } = await call(cli, 'runs.timeline', { run_id: runId });
        for (const event of events.filter((e) => e.kind === 'warning').slice(-5)) process.stdout.write(`warning: ${event.message}\n`);
      } finally {
        await cli.close();
      }
    });

  program
    .command('watch')
    .description('run the monitor until RUN (or every live run) has finished')
    .argument('[run]', 'run id')
    .option('--json', 'machine-readable output')
    .action(async (runId: string | undefined, flags: { json?: boolean }) => {
      const cli = openCli(global());
      try {
        if (runId) {
          await call(cli, 'runs.get', { run_id: runId });
          process.exitCode = await watchRun(cli, runId, flags.json ?? false);
          return;
        }
        let code: number = EXIT.ok;
        // SIGINT / SIGTERM end the whole watch (watchRun stops the run it is following on the same signal).
        let stopped = false;
        const stop = () => (stopped = true);
        process.on('SIGINT', stop);
        process.on('SIGTERM', stop);
        try {
          while (!stopped) {
            const live = await liveRun(cli);
            if (live === null) break;
            code = Math.max(code, await watchRun(cli, live, flags.json ?? false));
          }
        } finally {
          process.off('SIGINT', stop);
          process.off('SIGTERM', stop);
        }
        process.exitCode = code;
      } finally {
        await cli.close();
      }
    });
}

/** The oldest run still scheduled, running or cancelling. */
async function liveRun(cli: Parameters<typeof call>[0]): Promise<string | null> {
  let oldest: string | null = null;
  for (let after: string | undefined; ; ) {
    const page = await call(cli, 'runs.list', { limit: 200, ...(after ? { after } : {}) });
    for (const run of page.data) if (['scheduled', 'running', 'cancelling'].includes(run.status)) oldest = run.run_id;
    if (!page.has_more) return oldest;
    after = page.last_id ?? undefined;
  }
}
