// Long work on the event loop, in slices: `pause()` yields to the loop (timers, I/O, other requests) once the
// current slice has run for SLICE_MS, and costs nothing otherwise. A `serve` process estimating a huge input keeps
// answering other requests this way.

/** Yield to the event loop after this much work (ms). */
export const SLICE_MS = 10;

const yieldToLoop = () => new Promise<void>((resolve) => setImmediate(resolve));

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
