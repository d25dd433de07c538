// The monitor: one per data folder (held by a lease row), it reconciles open intents, starts scheduled runs,
// submits what is due, polls live provider batches, ingests finished ones and settles run statuses. The desktop
// app, `batchdesk watch`, `--wait` and the local server all run this same loop; whoever holds the lease works,
// the others wait and take over if the holder dies.
import type { EngineContext } from './context.ts';
import { cancelLiveBatches, ingestFinished } from './batch-steps.ts';
import { dispatchRun } from './dispatch.ts';
import { MonitorLease } from './monitor-lease.ts';
import { settleOrphans } from './orphans.ts';
import { pollBatch } from './poller.ts';
import { readFailure } from './provider-errors.ts';
import { reconcileIntents } from './reconcile.ts';
import { refreshRun } from './run-lifecycle.ts';

/** Run `tasks` with at most `limit` in flight. */
async function withCap<T>(items: T[], limit: number, task: (item: T) => Promise<void>): Promise<void> {
  const queue = [...items];
  await Promise.all(Array.from({ length: Math.min(limit, queue.length) }, async () => {
    for (let item = queue.shift(); item !== undefined; item = queue.shift()) await task(item);
  }));
}

export class Monitor {
  private readonly ctx: EngineContext;
  private readonly lease: MonitorLease;
  private readonly abort = new AbortController();
  private current: Promise<boolean> = Promise.resolve(false);
  private loop: Promise<void> | null = null;
  private wake: (() => void) | null = null;
  /** A poke that arrived while a pass was running: one more pass follows at once (nothing it asked for is missed). */
  private again = false;
  private passing = false;
  private passes = 0;
  private errors = 0;
  private readonly lastProgress = new Map<string, string>();

  constructor(ctx: EngineContext) {
    this.ctx = ctx;
    this.lease = new MonitorLease(ctx);
  }

  get holder(): string {
    return this.lease.holder;
  }

  /** Take or renew the lease. */
  holdLease(): boolean {
    return this.lease.hold();
  }

  isLeaseHolder(): boolean {
    return this.lease.isHolder();
  }

  /** One pass of the loop. Returns false when another monitor holds the lease. Passes never overlap. */
  tick(): Promise<boolean> {
    const run = this.current.then(async () => {
      this.passing = true;
      try {
        return await this.pass();
      } finally {
        this.passing = false;
        this.passes += 1;
      }
    });
    this.current = run.catch(() => false);
    return run;
  }

  /** A pass is in progress (for diagnostics and tests: a create's lease deadline is a sleep too). */
  get busy(): boolean {
    return this.passing;
  }

  /** Passes done so far (for diagnostics and tests). */
  get passCount(): number {
    return this.passes;
  }

  /** Aborts when the monitor stops: provider calls in flight are cancelled with it. */
  get stopSignal(): AbortSignal {
    return this.abort.signal;
  }

  private async pass(): Promise<boolean> {
    const signal = this.abort.signal;
    if (signal.aborted || !this.lease.hold()) return false;
    // A pass can outlast the lease (a 200 MB upload): keep renewing it meanwhile, so no other monitor takes over
    // and reconciles an intent whose call is still in flight here.
    const stopKeeping = this.lease.keepDuringPass();
    try {
      return await this.work(signal);
    } finally {
      stopKeeping();
    }
  }

  private async work(signal: AbortSignal): Promise<boolean> {
    // Checked again before each step that calls a provider (a frozen process may have lost the lease).
    const stillMine = () => !signal.aborted && this.lease.hold();
    const { store, clock, settings } = this.ctx;
    const fence = this.lease.fence();
    const blocked = await reconcileIntents(this.ctx, signal);
    if (!stillMine()) return false;
    await settleOrphans(this.ctx, signal);
    if (!stillMine()) return false;
    const now = clock.now();
    for (const run of store.runs.withStatus(['scheduled'])) {
      if (run.scheduled_at !== null && run.scheduled_at <= now) {
        store.tx(() => {
          store.runs.setStatus(run.id, 'running', now);
          this.ctx.events.record(store, now, { type: 'status', run_id: run.id, provider_batch_id: null, status: 'running', message: 'scheduled time reached: submitting' });
        });
      }
    }
    for (const run of store.runs.withStatus(['running'])) {
      if (!stillMine()) return false;
      if (!(await dispatchRun(this.ctx, run, blocked, fence, signal))) return false;
    }
    if (!stillMine()) return false;
    await cancelLiveBatches(this.ctx, signal);
    if (!stillMine()) return false;
    await withCap(store.batches.duePolls(clock.now()), settings.maxConcurrentCalls, (batch) => pollBatch(this.ctx, batch, signal));
    if (!(await ingestFinished(this.ctx, signal, stillMine))) return false;
    for (const run of store.runs.withStatus(['running', 'cancelling', 'awaiting_release'])) {
      refreshRun(this.ctx, run.id);
      this.reportProgress(run.id);
    }
    return true;
  }

  /** Tell listeners about a run's progress when its counts or cost changed since the last report. */
  private reportProgress(runId: string): void {
    const { store } = this.ctx;
    const counts = store.jobs.counts(runId);
    const cost_usd = store.results.actualUsd(runId);
    const key = JSON.stringify([counts, cost_usd]);
    if (this.lastProgress.get(runId) === key) return;
    this.lastProgress.set(runId, key);
    this.ctx.events.emit('event', { type: 'progress', run_id: runId, counts, cost_usd });
  }

  /** When the next pass is worth doing (next poll due, lease renewal, or a scheduled run). */
  private nextWakeIn(): number {
    const { store, clock, settings } = this.ctx;
    const now = clock.now();
    let next = now + Math.min(settings.pollIntervalMs, settings.leaseMs / 3);
    const poll = store.batches.nextPollAt();
    if (poll !== null) next = Math.min(next, poll);
    const orphan = store.orphans.nextDueAt();
    if (orphan !== null) next = Math.min(next, orphan);
    for (const run of store.runs.withStatus(['scheduled'])) if (run.scheduled_at !== null) next = Math.min(next, run.scheduled_at);
    return Math.max(50, next - now);
  }

  /**
   * Run passes until stopped, sleeping until the next one is due. `keepAlive: false` lets the process exit while
   * the monitor sleeps (library use: remote batches go on and BatchRun.open picks them up later).
   */
  start(options: { keepAlive?: boolean } = {}): void {
    if (this.loop) return;
    this.loop = (async () => {
      while (!this.abort.signal.aborted) {
        try {
          await this.tick();
          this.errors = 0;
        } catch (error) {
          this.errors += 1;
          process.emitWarning(`batchdesk monitor: ${readFailure(error, this.ctx.clock.now()).message}`);
        }
        if (this.again) {
          this.again = false;
          continue;
        }
        const wait = this.errors ? Math.min(60_000, 1000 * 2 ** this.errors) : this.nextWakeIn();
        await this.sleep(wait, options.keepAlive !== false);
      }
    })();
  }

  /** Sleep until `ms` have passed, a poke, or stop; every listener it adds is removed when it wakes. */
  private async sleep(ms: number, keepAlive: boolean): Promise<void> {
    const wake = new AbortController();
    const onStop = () => wake.abort();
    this.abort.signal.addEventListener('abort', onStop, { once: true });
    this.wake = () => wake.abort();
    try {
      await this.ctx.clock.sleep(ms, { signal: wake.signal, unref: !keepAlive });
    } finally {
      this.abort.signal.removeEventListener('abort', onStop);
      this.wake = null;
    }
  }

  /** Do a pass now (e.g. right after a run was created or cancelled); during a pass, one more pass after it. */
  poke(): void {
    if (this.passing) this.again = true;
    this.wake?.();
  }

  get running(): boolean {
    return this.loop !== null && !this.abort.signal.aborted;
  }

  /** Resolves when the pass in progress (if any) has finished. */
  async waitForIdle(): Promise<void> {
    await this.current;
  }

  /** Stop: abort calls in flight, finish the pass, release the lease. Remote batches keep running. */
  async stop(): Promise<void> {
    this.abort.abort();
    await this.current;
    await this.loop;
    try {
      this.lease.release();
    } catch {
      // The database may already be closed at shutdown.
    }
  }
}
