// Runs as the Runs list and Run screens see them: paging, one run, its timeline, and the controls (cancel, retry,
// release a pilot, reschedule, open its folder), which are the run commands every face shares.
import { mkdir } from 'node:fs/promises';
import { NotFoundError } from '../../core/errors.ts';
import { runFolder } from '../../store/data-folder.ts';
import { cancelRun, checkRunNow, releaseRun, retryRun, scheduleRun } from '../commands/run-controls.ts';
import { runSummary, runView } from '../run-view.ts';
import type { FeatureHandlers, ServiceDeps } from './types.ts';

export function runHandlers(deps: ServiceDeps): FeatureHandlers<'runs.list' | 'runs.get' | 'runs.timeline' | 'runs.cancel' | 'runs.retry' | 'runs.release' | 'runs.schedule' | 'runs.check' | 'runs.openFolder'> {
  const { host } = deps;
  const existing = (runId: string) => {
    if (!host.store.runs.get(runId)) throw new NotFoundError(`no run "${runId}"`);
  };
  return {
    'runs.list': async ({ limit, after }) => {
      if (after !== undefined) existing(after);
      const rows = host.store.runs.list(limit + 1, after);
      const data = rows.slice(0, limit).map((run) => runSummary(host.ctx, run.id));
      return { data, has_more: rows.length > limit, first_id: data[0]?.run_id ?? null, last_id: data.at(-1)?.run_id ?? null };
    },
    'runs.get': async ({ run_id }) => runView(host.ctx, run_id),
    'runs.timeline': async ({ run_id }) => {
      existing(run_id);
      return { events: host.store.events.forRun(run_id).map(({ run_id: _run, ...event }) => event) };
    },
    'runs.cancel': async ({ run_id }) => cancelRun(host, run_id),
    'runs.retry': async ({ run_id, model }) => retryRun(host, run_id, model),
    'runs.release': async ({ run_id }) => releaseRun(host, run_id),
    'runs.schedule': async ({ run_id, at }) => scheduleRun(host, run_id, at),
    'runs.check': async ({ run_id }) => checkRunNow(host, run_id),
    'runs.openFolder': async ({ run_id }) => {
      existing(run_id);
      const path = runFolder(host.dataFolder, run_id);
      await mkdir(path, { recursive: true });
      await deps.platform.openPath?.(path);
      return { path };
    },
  };
}
