// The monitor's lease with fencing (Kleppmann's fencing tokens): each change of holder raises the lease's epoch,
// every intent is opened under the epoch of the pass that opens it, and right before a create goes out one
// transaction checks that the lease is still held under that epoch and the intent still open (`Fence.confirm`).
// A process frozen past its lease (SIGSTOP, a closed laptop lid) wakes up with an old epoch and sends nothing.
//
// While a pass runs the lease is renewed every third of its length. A create in flight is aborted once the lease
// it was confirmed under has less than a third left without being renewed: a create never outlives the lease.
import { hostname } from 'node:os';
import { randomUUID } from 'node:crypto';
import type { EngineContext } from './context.ts';
import type { LeaseRow } from '../store/repositories/leases.ts';

const LEASE = 'monitor';

export class LeaseLostError extends Error {
  constructor() {
    super('the monitor lease ran out before the provider answered');
    this.name = 'LeaseLostError';
  }
}

/** What a pass needs to create remote objects safely. */
export interface Fence {
  readonly epoch: number;
  /**
   * One transaction: the lease is still ours under this epoch (and is renewed), the intent is open and was opened
   * under this epoch, and the provider batch has no remote id. Only then may the create be sent.
   */
  confirm(intentId: string, providerBatchId: string): boolean;
  /** Aborts when the lease could pass to another monitor before the call ends; dispose it after the call. */
  deadline(): { signal: AbortSignal; dispose(): void };
}

function processIsDead(row: LeaseRow): boolean {
  if (row.host !== hostname()) return false;
  try {
    process.kill(row.pid, 0);
    return false;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'ESRCH';
  }
}

export class MonitorLease {
  readonly holder = randomUUID();
  private readonly ctx: EngineContext;
  private epoch: number | null = null;
  private expiresAt = 0;

  constructor(ctx: EngineContext) {
    this.ctx = ctx;
  }

  /** Take or renew the lease; false when another monitor holds it. */
  hold(): boolean {
    const { store, clock, settings } = this.ctx;
    const expires = clock.now() + settings.leaseMs;
    this.epoch = store.leases.tryAcquire({ name: LEASE, holder: this.holder, pid: process.pid, host: hostname(), expires_at: expires }, clock.now(), processIsDead);
    if (this.epoch !== null) this.expiresAt = expires;
    return this.epoch !== null;
  }

  isHolder(): boolean {
    const lease = this.ctx.store.leases.get(LEASE);
    return lease?.holder === this.holder && lease.expires_at > this.ctx.clock.now();
  }

  release(): void {
    this.ctx.store.leases.release(LEASE, this.holder);
  }

  /** Renew the lease every third of its length while a pass runs (a 200 MB upload can outlast it); returns stop. */
  keepDuringPass(): () => void {
    const renewal = setInterval(() => {
      try {
        this.hold();
      } catch {
        // Busy database: the next renewal or step tries again.
      }
    }, Math.max(50, this.ctx.settings.leaseMs / 3));
    renewal.unref();
    return () => clearInterval(renewal);
  }

  /** The fence of a pass that holds the lease now. */
  fence(): Fence {
    const epoch = this.epoch;
    if (epoch === null) throw new Error('the monitor does not hold its lease');
    const { store, clock, settings } = this.ctx;
    return {
      epoch,
      confirm: (intentId, providerBatchId) =>
        store.tx(() => {
          const now = clock.now();
          if (!store.leases.holds(LEASE, this.holder, epoch, now)) return false;
          const intent = store.intents.get(intentId);
          if (intent?.state !== 'open' || intent.epoch !== epoch) return false;
          if (store.batches.get(providerBatchId)?.remote_id) return false;
          store.leases.extend(LEASE, this.holder, epoch, now + settings.leaseMs);
          this.expiresAt = now + settings.leaseMs;
          return true;
        }),
      deadline: () => this.deadline(),
    };
  }

  private deadline(): { signal: AbortSignal; dispose(): void } {
    const { clock, settings } = this.ctx;
    const margin = settings.leaseMs / 3;
    const lost = new AbortController();
    const disposed = new AbortController();
    void (async () => {
      while (!disposed.signal.aborted) {
        const left = this.expiresAt - margin - clock.now();
        if (left <= 0) return lost.abort(new LeaseLostError());
        await clock.sleep(left, { signal: disposed.signal, unref: true });
      }
    })();
    return { signal: lost.signal, dispose: () => disposed.abort() };
  }
}
