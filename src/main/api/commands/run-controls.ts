// The run controls every face calls (the UI and the CLI through the service, the library's BatchRun, the
// gateway): cancel, retry, release a pilot, reschedule. Each checks the run exists, changes it in the engine, and
// wakes the monitor so the change takes effect at once.
import type { RunView } from '../../../shared/contract.ts';
import { NotFoundError } from '../../core/errors.ts';
import { rescheduleRun } from '../../engine/reschedule.ts';
import { retryRun as retryInEngine, type RetryOutcome } from '../../engine/retry.ts';
import { releasePilot, stopRun } from '../../engine/run-lifecycle.ts';
import type { EngineHost } from '../engine-host.ts';
import { runView } from '../run-view.ts';

function requireRun(host: EngineHost, runId: string): void {
  if (!host.store.runs.get(runId)) throw new NotFoundError(`no run "${runId}" in ${host.dataFolder} (batchdesk list shows the runs)`);
}

/** Live provider batches are cancelled by the monitor, finished results kept, the rest marked cancelled. */
export function cancelRun(host: EngineHost, runId: string): RunView {
  requireRun(host, runId);
  stopRun(host.ctx, runId, 'user');
  host.monitor.poke();
  return runView(host.ctx, runId);
}

/** Send the failed, expired and cancelled jobs again, optionally to another model. */
export async function retryRun(host: EngineHost, runId: string, model?: string): Promise<RetryOutcome> {
  requireRun(host, runId);
  const outcome = await retryInEngine(host.ctx, runId, model ? { model } : {});
  host.monitor.poke();
  return outcome;
}

/** Let the rest of a pilot run go out. */
export function releaseRun(host: EngineHost, runId: string): RunView {
  requireRun(host, runId);
  releasePilot(host.ctx, runId);
  host.monitor.poke();
  return runView(host.ctx, runId);
}

/** Check the run's live batches now: their next status check is moved to this moment. */
export function checkRunNow(host: EngineHost, runId: string): RunView {
  requireRun(host, runId);
  host.store.batches.dueNow(runId, host.ctx.clock.now());
  host.monitor.poke();
  return runView(host.ctx, runId);
}

export function scheduleRun(host: EngineHost, runId: string, at: number): RunView {
  requireRun(host, runId);
  rescheduleRun(host.ctx, runId, at);
  host.monitor.poke();
  return runView(host.ctx, runId);
}
