// BatchRun: one run of the library API. It keeps the monitor going while the process lives, reports status
// and results, and can be reopened after a restart with BatchRun.open(id) without re-sending anything.
import { createWriteStream } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { finished } from 'node:stream/promises';
import type { JobResult } from '../../shared/domain.ts';
import type { ContractEvent } from '../../shared/contract.ts';
import { cancelRun } from './commands/run-controls.ts';
import { exportRun } from '../export/write.ts';
import { EngineHost, type EngineHostOptions } from './engine-host.ts';
import { jobResults } from './job-results.ts';
import { isFinished, runView, type RunView } from './run-view.ts';
import { waitForRun } from './wait.ts';

export interface ProgressStats {
  run_id: string;
  total: number;
  completed: number;
  succeeded: number;
  failed: number;
  cost_usd: number;
}

export class BatchRun {
  readonly id: string;
  private readonly host: EngineHost;
  private readonly listener: ((event: ContractEvent) => void) | null = null;

  constructor(host: EngineHost, id: string, onProgress?: (stats: ProgressStats) => void) {
    this.host = host;
    this.id = id;
    if (onProgress) {
      this.listener = (event) => {
        if (event.type !== 'progress' || event.run_id !== id) return;
        const c = event.counts;
        onProgress({ run_id: id, total: c.total, completed: c.succeeded + c.failed + c.expired + c.cancelled, succeeded: c.succeeded, failed: c.failed + c.expired + c.cancelled, cost_usd: event.cost_usd });
      };
      host.ctx.events.on('event', this.listener);
    }
  }

  /** Reopen a stored run (e.g. after a restart): polling resumes; nothing already sent is sent again. */
  static open(id: string, options: EngineHostOptions & { onProgress?: (stats: ProgressStats) => void } = {}): BatchRun {
    const host = new EngineHost(options);
    runView(host.ctx, id);
    const run = new BatchRun(host, id, options.onProgress);
    run.start();
    return run;
  }

  /** Start the monitor in the background (the process may exit meanwhile; the run resumes on open()). */
  start(): void {
    if (!this.host.monitor.running) this.host.monitor.start({ keepAlive: false });
    this.host.monitor.poke();
  }

  get isComplete(): boolean {
    return isFinished(this.host.store.runs.get(this.id)!.status);
  }

  /** Progress and costs; `{ print: true }` also writes a one-line summary to stdout. */
  status(options: { print?: boolean } = {}): RunView {
    const view = runView(this.host.ctx, this.id);
    if (options.print) {
      const j = view.jobs;
      const sim = view.simulated ? ' (simulated)' : '';
      process.stdout.write(`${view.run_id} ${view.status}: ${j.succeeded}/${j.total} succeeded, ${j.failed} failed, ${j.running} running · $${view.cost_usd.actual.toFixed(4)}${sim}\n`);
    }
    return view;
  }

  /** Results by job id (finished jobs only, plus the reason for the ones that failed). */
  results(): Record<string, JobResult> {
    return Object.fromEntries(jobResults(this.host.ctx, this.id).map((r) => [r.job_id, r]));
  }

  /** Resolve once every job has ended; writes results.csv and results.json to resultsDir if one was given. */
  async waitForCompletion(options: { signal?: AbortSignal } = {}): Promise<RunView> {
    const view = await waitForRun(this.host, this.id, options);
    const dir = this.host.store.runs.get(this.id)?.options.resultsDir;
    if (dir && isFinished(view.status)) {
      await mkdir(dir, { recursive: true });
      for (const format of ['csv', 'json'] as const) {
        const out = createWriteStream(join(dir, `results.${format}`));
        await exportRun(this.host.store, this.id, out, { format });
        out.end();
        await finished(out);
      }
    }
    if (isFinished(view.status)) await this.host.monitor.stop();
    return view;
  }

  /** Cancel: live provider batches are cancelled, finished results kept, the rest marked cancelled. */
  async cancel(): Promise<RunView> {
    cancelRun(this.host, this.id);
    if (!this.host.monitor.running) this.host.monitor.start({ keepAlive: false });
    await this.host.monitor.tick();
    return this.status();
  }

  /** Stop polling and close the store. Remote batches keep running; BatchRun.open(id) resumes them. */
  async shutdown(options: { waitForActive?: boolean } = {}): Promise<void> {
    if (options.waitForActive && !this.isComplete) await this.waitForCompletion();
    if (this.listener) this.host.ctx.events.off('event', this.listener);
    await this.host.close();
  }
}
