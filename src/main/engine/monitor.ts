// The monitor: one per data folder (held by a lease row), it reconciles open intents, starts scheduled runs,
// submits what is due, polls live provider batches, ingests finished ones and settles run statuses. The desktop
// app, `batchdesk watch`, `--wait` and the local server all run this same loop; whoever holds the lease works,
// the others wait and take over if the holder dies.
import { randomUUID } from 'node:crypto';
import { hostname } from 'node:os';
import type { EngineContext } from './context.ts';
import { dispatchRun } from './dispatch.ts';
import { ingestBatch } from './ingester.ts';
import { backoffInterval, pollBatch } from './poller.ts';
import { readFailure } from './provider-errors.ts';
import { reconcileIntents } from './reconcile.ts';
import { refreshRun } from './run-lifecycle.ts';
import type { LeaseRow } from '../store/repositories/leases.ts';
import type { ProviderBatchRow } from '../store/repositories/provider-batches.ts';

const LEASE = 'monitor';
/** Warn when results are still not downloaded this close to the provider deleting them. */
const RESULTS_EXPIRY_WARN_MS = 48 * 3600_000;

function processIsDead(row: LeaseRow): boolean {
  if (row.host !== hostname()) return false;
  try {
    process.kill(row.pid, 0);
    return false;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'ESRCH';
  }
}

/** Run `tasks` with at most `limit` in flight. */
async function withCap<T>(items: T[], limit: number, task: (item: T) => Promise<void>): Promise<void> {
  const queue = [...items];
  await Promise.all(Array.from({ length: Math.min(limit, queue.length) }, async () => {
    for (let item = queue.shift(); item !== undefined; item = queue.shift()) await task(item);
  }));
}

export class Monitor {
  readonly holder = randomUUID();
  private readonly ctx: EngineContext;
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
  }

  /** Take or renew the lease. */
  holdLease(): boolean {
    const { store, clock, settings } = this.ctx;
    return store.leases.tryAcquire({ name: LEASE, holder: this.holder, pid: process.pid, host: hostname(), expires_at: clock.now() + settings.leaseMs }, clock.now(), processIsDead);
  }

  isLeaseHolder(): boolean {
    const lease = this.ctx.store.leases.get(LEASE);
    return lease?.holder === this.holder && lease.expires_at > this.ctx.clock.now();
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
    if (signal.aborted || !this.holdLease()) return false;
    // A pass can outlast the lease (a 200 MB upload): keep renewing it meanwhile, so no other monitor takes over
    // and reconciles an intent whose call is still in flight here.
    const renewal = setInterval(() => {
      try {
        this.holdLease();
      } catch {
        // Busy database: the next renewal or step tries again.
      }
    }, Math.max(50, this.ctx.settings.leaseMs / 3));
    renewal.unref();
    try {
      return await this.work(signal);
    } finally {
      clearInterval(renewal);
    }
  }

  private async work(signal: AbortSignal): Promise<boolean> {
    // Checked again before each step that calls a provider (a frozen process may have lost the lease).
    const stillMine = () => !signal.aborted && this.holdLease();
    const { store, clock, settings } = this.ctx;
    const blocked = await reconcileIntents(this.ctx, signal);
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
      await dispatchRun(this.ctx, run, blocked, signal);
    }
    if (!stillMine()) return false;
    await this.cancelLiveBatchesOfStoppingRuns(signal);
    if (!stillMine()) return false;
    await withCap(store.batches.duePolls(clock.now()), settings.maxConcurrentCalls, (batch) => pollBatch(this.ctx, batch, signal));
    for (const batch of store.batches.awaitingIngest()) {
      if (!stillMine()) return false;
      if (batch.next_poll_at !== null && batch.next_poll_at > clock.now()) continue;
      try {
        await ingestBatch(this.ctx, batch, signal);
      } catch (error) {
        if (signal.aborted) return false;
        const failure = readFailure(error, clock.now());
        store.batches.recordPollFailure(batch.id, `download failed: ${failure.message}`, clock.now() + backoffInterval(this.ctx, batch.poll_failures + 1, failure.retryAfterMs));
        this.warnIfResultsExpireSoon(batch, failure.message);
      }
    }
    for (const run of store.runs.withStatus(['running', 'cancelling', 'awaiting_release'])) {
      refreshRun(this.ctx, run.id);
      this.reportProgress(run.id);
    }
    return true;
  }

  /** Downloads keep failing and the provider deletes the results soon: tell the user once, while there is time. */
  private warnIfResultsExpireSoon(batch: ProviderBatchRow, reason: string): void {
    const { store, clock } = this.ctx;
    const now = clock.now();
    if (batch.results_expire_at === null || batch.results_expire_at - now > RESULTS_EXPIRY_WARN_MS) return;
    if (store.events.hasWarning(batch.run_id, batch.id, 'results_expiring')) return;
    const hours = Math.max(0, Math.round((batch.results_expire_at - now) / 3600_000));
    this.ctx.events.record(store, now, {
      type: 'warning',
      run_id: batch.run_id,
      provider_batch_id: batch.id,
      code: 'results_expiring',
      message: `${batch.provider} deletes the results of batch ${batch.remote_id} in about ${hours} h and downloading them keeps failing (${reason}); still retrying`,
    });
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

  private async cancelLiveBatchesOfStoppingRuns(signal: AbortSignal): Promise<void> {
    const { store, clock } = this.ctx;
    for (const run of store.runs.withStatus(['cancelling'])) {
      for (const batch of store.batches.forRun(run.id)) {
        if (!batch.remote_id || !['validating', 'in_progress', 'finalizing'].includes(batch.status)) continue;
        if (signal.aborted) return;
        // A cancel that failed waits like a poll does (backoff, Retry-After).
        if (batch.next_poll_at !== null && batch.next_poll_at > clock.now()) continue;
        try {
          const provider = await this.ctx.registry.provider(batch.provider);
          const remote = await provider.cancel(batch.remote_id, { signal });
          store.batches.recordPoll(batch.id, remote, clock.now(), clock.now());
        } catch (error) {
          const failure = readFailure(error, clock.now());
          store.batches.recordPollFailure(batch.id, `cancel failed: ${failure.message}`, clock.now() + backoffInterval(this.ctx, batch.poll_failures + 1, failure.retryAfterMs));
        }
      }
    }
  }

  /** When the next pass is worth doing (next poll due, lease renewal, or a scheduled run). */
  private nextWakeIn(): number {
    const { store, clock, settings } = this.ctx;
    const now = clock.now();
    let next = now + Math.min(settings.pollIntervalMs, settings.leaseMs / 3);
    const poll = store.batches.nextPollAt();
    if (poll !== null) next = Math.min(next, poll);
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
      this.ctx.store.leases.release(LEASE, this.holder);
    } catch {
      // The database may already be closed at shutdown.
    }
  }
}
