// After a run is created, retried or released: submit what is due now, then either wait (progress bar in a
// TTY) or say how to follow it. Exit code 1 when a waited-for run ends with jobs that did not succeed.
import { SingleBar, Presets } from 'cli-progress';
import type { RunView } from '../../../shared/contract.ts';
import { waitForRun } from '../../api/wait.ts';
import { call, EXIT, printJson, usd, type Cli } from '../io.ts';

export function summary(view: RunView): string {
  const j = view.jobs;
  const sim = view.simulated ? ' (simulated)' : '';
  return `${view.run_id} ${view.status}: ${j.succeeded} succeeded, ${j.failed} failed, ${j.expired} expired, ${j.cancelled} cancelled of ${j.total} · cost ${usd(view.cost_usd.actual)}${sim}`;
}

export async function followRun(cli: Cli, runId: string, options: { wait: boolean; json: boolean }): Promise<number> {
  if (!options.wait) {
    await cli.host.monitor.tick();
    const view = await call(cli, 'runs.get', { run_id: runId });
    if (options.json) printJson(view);
    else if (view.status === 'scheduled') process.stdout.write(`scheduled for ${new Date(view.scheduled_at!).toISOString()}; keep the app or \`batchdesk watch\` running to submit it\n`);
    else process.stdout.write(`submitted ${view.provider_batches.filter((b) => b.remote_id).length} provider batches; follow with: batchdesk watch ${runId}\n`);
    return EXIT.ok;
  }
  return watchRun(cli, runId, options.json);
}

export async function watchRun(cli: Cli, runId: string, json: boolean): Promise<number> {
  const tty = process.stderr.isTTY && !json;
  const bar = tty ? new SingleBar({ format: '{bar} {value}/{total} jobs · {status} · {cost}', hideCursor: true }, Presets.shades_classic) : null;
  const abort = new AbortController();
  const stop = () => abort.abort();
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
  try {
    const view = await waitForRun(cli.host, runId, {
      signal: abort.signal,
      onUpdate: (v) => {
        const done = v.jobs.total - v.jobs.pending - v.jobs.running;
        if (bar) {
          if (!bar.isActive) bar.start(v.jobs.total, done, { status: v.status, cost: usd(v.cost_usd.actual) });
          else bar.update(done, { status: v.status, cost: usd(v.cost_usd.actual) });
        } else if (!json) process.stderr.write(`${summary(v)}\n`);
      },
    });
    bar?.stop();
    if (abort.signal.aborted) {
      process.stderr.write(`stopped watching; provider batches keep running. Resume with: batchdesk watch ${runId}\n`);
      return EXIT.failure;
    }
    if (json) printJson(view);
    else process.stdout.write(`${summary(view)}\n`);
    if (view.status === 'awaiting_release') {
      if (!json) process.stdout.write(`pilot finished: release the rest with batchdesk release ${runId}\n`);
      return EXIT.ok;
    }
    return view.jobs.succeeded === view.jobs.total ? EXIT.ok : EXIT.failure;
  } finally {
    process.off('SIGINT', stop);
    process.off('SIGTERM', stop);
  }
}
