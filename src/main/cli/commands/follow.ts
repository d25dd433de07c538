// After a run is created, retried or released: submit what is due now, then either wait (progress bar in a
// TTY) or say how to follow it. Exit code 1 when nothing could be submitted (with the reason), and when a
// waited-for run ends with jobs that did not succeed. A run that is held up says why while it is followed.
import { plural } from '../../../shared/plural.ts';
import { SingleBar, Presets } from 'cli-progress';
import type { RunView } from '../../../shared/contract.ts';
import { waitForRun } from '../../api/wait.ts';
import { blockedText } from '../blocked-text.ts';
import { call, EXIT, printJson, usd, type Cli } from '../io.ts';

export function summary(view: RunView): string {
  const j = view.jobs;
  const sim = view.simulated ? ' (simulated)' : '';
  return `${view.run_id} ${view.status}: ${j.succeeded} succeeded, ${j.failed} failed, ${j.expired} expired, ${j.cancelled} cancelled of ${j.total} · cost ${usd(view.cost_usd.actual)}${sim}`;
}

/** Why nothing of the run went out, when nothing did: its blocked reason, or why its batches ended. */
function nothingSent(view: RunView, now: number): string | null {
  if (view.status === 'scheduled' || view.status === 'awaiting_release') return null;
  if (view.provider_batches.some((b) => b.remote_id)) return null;
  if (view.blocked) return `nothing was submitted yet: ${blockedText(view.blocked, now)}. The run is kept: \`batchdesk watch ${view.run_id}\` (or the app) keeps retrying it; \`batchdesk cancel ${view.run_id}\` drops it`;
  const ended = view.provider_batches.find((b) => b.last_error && (b.status === 'failed' || b.status === 'cancelled'));
  if (ended) return `nothing was submitted: ${ended.last_error}`;
  return null;
}

export async function followRun(cli: Cli, runId: string, options: { wait: boolean; json: boolean }): Promise<number> {
  if (!options.wait) {
    const mine = await cli.host.monitor.tick();
    const view = await call(cli, 'runs.get', { run_id: runId });
    if (options.json) printJson(view);
    if (view.status === 'scheduled') {
      if (!options.json) process.stdout.write(`scheduled for ${new Date(view.scheduled_at!).toISOString()}; keep the app or \`batchdesk watch\` running to submit it\n`);
      return EXIT.ok;
    }
    if (!mine) {
      // Another monitor (the app, `batchdesk serve` or `watch`) holds the lease: it submits the run.
      if (!options.json) process.stdout.write(`another Batchdesk monitor on this data folder submits it; follow with: batchdesk watch ${runId}\n`);
      return EXIT.ok;
    }
    const problem = nothingSent(view, Date.now());
    if (problem) {
      process.stderr.write(`batchdesk: ${problem}\n`);
      return EXIT.failure;
    }
    if (!options.json) process.stdout.write(`submitted ${plural(view.provider_batches.filter((b) => b.remote_id).length, 'provider batch', 'provider batches')}; follow with: batchdesk watch ${runId}\n`);
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
  let lastBlocked = '';
  const sayBlocked = (v: RunView) => {
    const reason = v.blocked?.reason ?? '';
    if (reason === lastBlocked) return;
    lastBlocked = reason;
    if (!v.blocked) return;
    if (json) printJson({ run_id: v.run_id, blocked: v.blocked });
    else process.stderr.write(`${bar ? '\n' : ''}${v.run_id} ${blockedText(v.blocked, Date.now())}\n`);
  };
  try {
    const view = await waitForRun(cli.host, runId, {
      signal: abort.signal,
      onUpdate: (v) => {
        const done = v.jobs.total - v.jobs.pending - v.jobs.running;
        const status = v.blocked ? `${v.status} (blocked)` : v.status;
        if (bar) {
          if (!bar.isActive) bar.start(v.jobs.total, done, { status, cost: usd(v.cost_usd.actual) });
          else bar.update(done, { status, cost: usd(v.cost_usd.actual) });
        } else if (!json) process.stderr.write(`${summary(v)}\n`);
        sayBlocked(v);
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
