// Wait for a run to finish while the monitor works (here, or in another process that holds the lease).
import type { RunView } from './run-view.ts';
import { isFinished, runView } from './run-view.ts';
import type { EngineHost } from './engine-host.ts';

export interface WaitOptions {
  onUpdate?: (view: RunView) => void;
  signal?: AbortSignal;
  /** How often the store is read for progress (the monitor's own pace is separate). */
  checkEveryMs?: number;
}

export async function waitForRun(host: EngineHost, runId: string, options: WaitOptions = {}): Promise<RunView> {
  if (!host.monitor.running) host.monitor.start({ keepAlive: true });
  const every = options.checkEveryMs ?? Math.min(1000, host.ctx.settings.pollIntervalMs);
  let last = '';
  for (;;) {
    const view = runView(host.ctx, runId);
    const key = JSON.stringify([view.status, view.jobs, view.cost_usd.actual, view.blocked?.reason ?? null]);
    if (key !== last) {
      last = key;
      options.onUpdate?.(view);
    }
    if (isFinished(view.status) || view.status === 'awaiting_release' || options.signal?.aborted) return view;
    host.monitor.poke();
    await new Promise((resolve) => setTimeout(resolve, every));
  }
}
