// Long work on the event loop, in slices: `pause()` yields to the loop (timers, I/O, other requests) once the
// current slice has run for SLICE_MS, and costs nothing otherwise. A `serve` process estimating a huge input keeps
// answering other requests this way.

/** Yield to the event loop after this much work (ms). */
export const SLICE_MS = 10;

// Two turns of setImmediate: work resumed from an I/O callback by one setImmediate runs in the same loop iteration's
// check phase, straight after that callback, before the loop polls for new I/O (a waiting request). The second
// turn puts a poll phase between the two slices of work, whichever phase the first one ran in.
const yieldToLoop = () => new Promise<void>((resolve) => setImmediate(() => setImmediate(resolve)));

export class TimeSlice {
  private started = performance.now();

  /** Yield if this slice has run long enough; then `signal` (if any) may abort the work. */
  async pause(signal?: AbortSignal): Promise<void> {
    if (performance.now() - this.started <= SLICE_MS) return;
    await yieldToLoop();
    signal?.throwIfAborted();
    this.started = performance.now();
  }
}
