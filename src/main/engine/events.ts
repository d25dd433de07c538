// Engine events: written to the run's timeline (events table) and emitted to live listeners (UI, CLI progress).
import { EventEmitter } from 'node:events';
import type { JobCounts, RunStatus, BatchStatus } from '../../shared/domain.ts';
import type { EventKind } from '../store/repositories/events.ts';
import type { Store } from '../store/store.ts';

export type EngineEvent =
  | { type: 'progress'; run_id: string; counts: JobCounts; cost_usd: number }
  | { type: 'status'; run_id: string; provider_batch_id: string | null; status: RunStatus | BatchStatus; message: string }
  | { type: 'finished'; run_id: string; status: RunStatus; counts: JobCounts }
  | { type: 'warning'; run_id: string; provider_batch_id: string | null; code: string; message: string };

export class EngineEvents extends EventEmitter<{ event: [EngineEvent] }> {
  /** Record a timeline entry and tell listeners. */
  record(store: Store, at: number, event: EngineEvent): void {
    const kind: EventKind = event.type === 'status' ? 'status' : event.type;
    if (event.type !== 'progress') {
      const message = event.type === 'finished' ? `run ${event.status}` : event.message;
      const data: Record<string, unknown> =
        event.type === 'warning' ? { code: event.code } : event.type === 'status' ? { status: event.status } : { status: event.status, counts: event.counts };
      store.events.add({
        run_id: event.run_id,
        provider_batch_id: 'provider_batch_id' in event ? event.provider_batch_id : null,
        at,
        kind,
        message,
        data,
      });
    }
    this.emit('event', event);
  }
}
