// Move a run that has sent nothing yet to another time; its time limit moves with it.
import { InputError, NotFoundError } from '../core/errors.ts';
import type { EngineContext } from './context.ts';

export function rescheduleRun(ctx: EngineContext, runId: string, at: number): void {
  const { store, clock, events } = ctx;
  const run = store.runs.get(runId);
  if (!run) throw new NotFoundError(`no run "${runId}"`);
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
