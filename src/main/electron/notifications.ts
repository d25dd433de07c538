// An OS notification when a run finishes or fails, so nobody has to watch a 24-hour batch. Respects the
// "notifications" setting, read at the moment the run ends (the user may have changed it since start-up).
import type { ContractEvent, JobCountsSchema } from '../../shared/contract.ts';
import type { z } from 'zod';

type JobCounts = z.output<typeof JobCountsSchema>;

export interface RunNotification {
  title: string;
  body: string;
  run_id: string;
}

function plural(n: number, word: string): string {
  return `${n.toLocaleString('en-US')} ${word}${n === 1 ? '' : 's'}`;
}

/** What to tell the user about an event, or null when it is not worth a notification. */
export function runNotification(event: ContractEvent, runName: string): RunNotification | null {
  if (event.type !== 'finished') return null;
  const counts: JobCounts = event.counts;
  const failed = counts.failed + counts.expired;
  const name = runName || event.run_id;
  if (event.status === 'cancelled') {
    return {
      run_id: event.run_id,
      title: 'Run stopped',
      body: `${name}: cancelled with ${plural(counts.succeeded, 'job')} done.`,
    };
  }
  if (counts.total > 0 && counts.succeeded === 0 && failed > 0) {
    return {
      run_id: event.run_id,
      title: 'Run failed',
      body: `${name}: all ${plural(failed, 'job')} failed. Open it to see why.`,
    };
  }
  if (failed > 0) {
    return {
      run_id: event.run_id,
      title: 'Run finished with failures',
      body: `${name}: ${counts.succeeded.toLocaleString('en-US')} succeeded, ${failed.toLocaleString('en-US')} failed.`,
    };
  }
  return {
    run_id: event.run_id,
    title: 'Run finished',
    body: `${name}: ${plural(counts.succeeded, 'job')} succeeded.`,
  };
}

export interface NotifierDeps {
  /** Whether the user wants notifications (the "notifications" setting). */
  enabled(): Promise<boolean>;
  /** The run's display name, or null when it cannot be read. */
  runName(runId: string): Promise<string | null>;
  /** Shows it (Electron's Notification); false where the OS has no notifications. */
  show(notification: RunNotification): void;
  log?: (line: string) => void;
}

/** An event listener that notifies on finished runs. Its failures are logged, never thrown into the engine. */
export function createRunNotifier(deps: NotifierDeps): (event: ContractEvent) => Promise<void> {
  return async (event) => {
    if (event.type !== 'finished') return;
    try {
      if (!(await deps.enabled())) return;
      const notification = runNotification(event, (await deps.runName(event.run_id)) ?? '');
      if (notification) deps.show(notification);
    } catch (error) {
      deps.log?.(`batchdesk notifications: ${(error as Error).message}`);
    }
  };
}
