// batchdesk list / status / watch: see runs and follow them.
import type { Command } from 'commander';
import { runView } from '../../api/run-view.ts';
import { EXIT, openHost, parseNumber, printJson, table, usd, type GlobalOptions } from '../io.ts';
import { summary, watchRun } from './follow.ts';

export function registerInspect(program: Command, global: () => GlobalOptions): void {
  program
    .command('list')
    .description('list runs, newest first')
    .option('--limit <n>', 'runs per page', '20')
    .option('--after <run>', 'start after this run id (cursor paging)')
    .option('--json', 'machine-readable output')
    .action(async (flags: { limit: string; after?: string; json?: boolean }) => {
      const host = openHost(global());
      try {
        const limit = parseNumber('--limit', flags.limit, { integer: true, min: 1 });
        const rows = host.store.runs.list(limit + 1, flags.after);
        const page = rows.slice(0, limit).map((r) => runView(host.ctx, r.id));
        if (flags.json) {
          printJson({ data: page, has_more: rows.length > limit, first_id: page[0]?.run_id ?? null, last_id: page.at(-1)?.run_id ?? null });
          return;
        }
        if (page.length === 0) return void process.stdout.write('no runs yet: start one with batchdesk run --model demo/echo --prompt "Summarise" FILES...\n');
        const lines: (string | number)[][] = [['run', 'status', 'jobs', 'succeeded', 'failed', 'cost', 'created', 'name']];
        for (const v of page) {
          lines.push([v.run_id, v.status, v.jobs.total, v.jobs.succeeded, v.jobs.failed + v.jobs.expired, `${usd(v.cost_usd.actual)}${v.simulated ? '*' : ''}`, new Date(v.created_at).toISOString().slice(0, 16), v.name]);
        }
        process.stdout.write(table(lines));
        if (page.some((v) => v.simulated)) process.stdout.write('* simulated cost (demo provider)\n');
        if (rows.length > limit) process.stdout.write(`more: batchdesk list --after ${page.at(-1)!.run_id}\n`);
      } finally {
        await host.close();
      }
    });

  program
    .command('status')
    .description("a run's progress, costs and provider batches")
    .argument('<run>', 'run id')
    .option('--json', 'machine-readable output')
    .action(async (runId: string, flags: { json?: boolean }) => {
      const host = openHost(global());
      try {
        const view = runView(host.ctx, runId);
        if (flags.json) return printJson(view);
        process.stdout.write(`${summary(view)}\nestimated ${usd(view.cost_usd.estimated)}${view.cost_usd.limit !== null ? ` · limit ${usd(view.cost_usd.limit, 2)}` : ''}\n`);
        const rows: (string | number)[][] = [['provider batch', 'provider', 'model', 'status', 'requests', 'counts', 'remote id']];
        for (const b of view.provider_batches) {
          const counts = b.counts ? `${b.counts.succeeded} ok / ${b.counts.failed} failed${b.counts_live ? '' : ' (final counts only at the end)'}` : '';
          rows.push([b.id.slice(0, 8), b.provider, b.model, b.status, b.request_count, counts, b.remote_id ?? '']);
        }
        process.stdout.write(table(rows));
        for (const event of host.store.events.forRun(runId).filter((e) => e.kind === 'warning').slice(-5)) process.stdout.write(`warning: ${event.message}\n`);
      } finally {
        await host.close();
      }
    });

  program
    .command('watch')
    .description('run the monitor until RUN (or every live run) has finished')
    .argument('[run]', 'run id')
    .option('--json', 'machine-readable output')
    .action(async (runId: string | undefined, flags: { json?: boolean }) => {
      const host = openHost(global());
      try {
        if (runId) {
          runView(host.ctx, runId);
          process.exitCode = await watchRun(host, runId, flags.json ?? false);
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
            const live = host.store.runs.withStatus(['scheduled', 'running', 'cancelling']);
            if (live.length === 0) break;
            code = Math.max(code, await watchRun(host, live[0]!.id, flags.json ?? false));
          }
        } finally {
          process.off('SIGINT', stop);
          process.off('SIGTERM', stop);
        }
        process.exitCode = code;
      } finally {
        await host.close();
      }
    });
}
