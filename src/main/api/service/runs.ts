// Runs as the Runs list and Run screens see them: paging, one run, its timeline, and the controls (cancel,
// retry, release a pilot, reschedule, open its folder). Every control pokes the monitor so it acts at once.
import { mkdir } from 'node:fs/promises';
import { InputError, NotFoundError } from '../../core/errors.ts';
import { retryRun } from '../../engine/retry.ts';
import { releasePilot, stopRun } from '../../engine/run-lifecycle.ts';
import { runFolder } from '../../store/data-folder.ts';
import type { RunRow } from '../../store/repositories/runs.ts';
import { runView } from '../run-view.ts';
import { asInputError } from './errors.ts';
import type { FeatureHandlers, ServiceDeps } from './types.ts';

function existing(deps: ServiceDeps, runId: string): RunRow {
  const run = deps.host.store.runs.get(runId);
  if (!run) throw new NotFoundError(`no run "${runId}"`);
  return run;
}

function summaryOf(deps: ServiceDeps, runId: string) {
  const { provider_batches: _batches, pilot: _pilot, ...summary } = runView(deps.host.ctx, runId);
  return { ...summary, models: deps.host.store.jobs.models(runId) };
}

/** Move a run that has sent nothing yet to another time (its time limit moves with it). */
function reschedule(deps: ServiceDeps, run: RunRow, at: number): void {
  const { store, clock, events } = deps.host.ctx;
  const sent = store.batches.forRun(run.id).some((b) => b.status !== 'planned');
  if (!(run.status === 'scheduled' || (run.status === 'running' && !sent))) {
    throw new InputError(`run ${run.id} is ${run.status}${sent ? ' and already sent work' : ''}: only a run that has not started can be rescheduled`);
  }
  const now = clock.now();
  const start = run.scheduled_at ?? run.created_at;
  const deadline = run.deadline_at === null ? null : Math.max(now, at) + (run.deadline_at - start);
  store.tx(() => {
    store.runs.update(run.id, { scheduled_at: at, deadline_at: deadline }, now);
    const status = at > now ? 'scheduled' : 'running';
    store.runs.setStatus(run.id, status, now);
    events.record(store, now, { type: 'status', run_id: run.id, provider_batch_id: null, status, message: `scheduled for ${new Date(at).toISOString()}` });
  });
}

export function runHandlers(deps: ServiceDeps): FeatureHandlers<'runs.list' | 'runs.get' | 'runs.timeline' | 'runs.cancel' | 'runs.retry' | 'runs.release' | 'runs.schedule' | 'runs.openFolder'> {
  const { host } = deps;
  const poke = () => host.monitor.poke();
  return {
    'runs.list': async ({ limit, after }) => {
      if (after !== undefined) existing(deps, after);
      const rows = host.store.runs.list(limit + 1, after);
      const data = rows.slice(0, limit).map((run) => summaryOf(deps, run.id));
      return { data, has_more: rows.length > limit, first_id: data[0]?.run_id ?? null, last_id: data.at(-1)?.run_id ?? null };
    },
    'runs.get': async ({ run_id }) => runView(host.ctx, run_id),
    'runs.timeline': async ({ run_id }) => {
      existing(deps, run_id);
      return { events: host.store.events.forRun(run_id).map(({ run_id: _run, ...event }) => event) };
    },
    'runs.cancel': async ({ run_id }) => {
      existing(deps, run_id);
      stopRun(host.ctx, run_id, 'user');
      poke();
      return runView(host.ctx, run_id);
    },
    'runs.retry': async ({ run_id, model }) => {
      const outcome = await retryRun(host.ctx, run_id, model ? { model } : {});
      poke();
      return outcome;
    },
    'runs.release': async ({ run_id }) => {
      existing(deps, run_id);
      await asInputError(() => releasePilot(host.ctx, run_id));
      poke();
      return runView(host.ctx, run_id);
    },
    'runs.schedule': async ({ run_id, at }) => {
      reschedule(deps, existing(deps, run_id), at);
      poke();
      return runView(host.ctx, run_id);
    },
    'runs.openFolder': async ({ run_id }) => {
      existing(deps, run_id);
      const path = runFolder(host.dataFolder, run_id);
      await mkdir(path, { recursive: true });
      await deps.platform.openPath?.(path);
      return { path };
    },
  };
}
