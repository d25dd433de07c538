// Time is a parameter: the engine asks a Clock what time it is and to wait, so tests drive both with a manual
// clock instead of patching Date or timers.
export interface SleepOptions {
  /** Stop waiting at once when this aborts. */
  signal?: AbortSignal;
  /** Let the process exit while waiting. */
  unref?: boolean;
}

export interface Clock {
  now(): number;
  /** Resolve after `ms`, or as soon as `signal` aborts. Never rejects. */
  sleep(ms: number, options?: SleepOptions): Promise<void>;
}

/** Wait on `schedule`'s timer; an abort clears it and removes the listener it added. */
function sleepWith(ms: number, options: SleepOptions, schedule: (done: () => void) => () => void): Promise<void> {
  const { signal } = options;
  if (signal?.aborted) return Promise.resolve();
  return new Promise<void>((resolve) => {
    const finish = () => {
      cancel();
      signal?.removeEventListener('abort', finish);
      resolve();
    };
    const cancel = schedule(finish);
    signal?.addEventListener('abort', finish, { once: true });
  });
}

export const systemClock: Clock = {
  now: () => Date.now(),
  sleep: (ms, options = {}) =>
    sleepWith(ms, options, (done) => {
      const timer = setTimeout(done, Math.max(0, ms));
      if (options.unref) timer.unref();
      return () => clearTimeout(timer);
    }),
};

export class ManualClock implements Clock {
  private current: number;
  private readonly timers = new Set<{ at: number; fire: () => void }>();

  constructor(start = Date.UTC(2026, 10, 23, 9, 0, 0)) {
    this.current = start;
  }

  now(): number {
    return this.current;
  }

  sleep(ms: number, options: SleepOptions = {}): Promise<void> {
    return sleepWith(ms, options, (done) => {
      const timer = { at: this.current + Math.max(0, ms), fire: done };
      this.timers.add(timer);
      return () => this.timers.delete(timer);
    });
  }

  /** Sleepers waiting now (for tests). */
  get pendingSleeps(): number {
    return this.timers.size;
  }

  advance(ms: number): void {
    this.set(this.current + ms);
  }

  set(ms: number): void {
    this.current = ms;
    for (const timer of [...this.timers].sort((a, b) => a.at - b.at)) if (timer.at <= this.current) timer.fire();
  }
}
