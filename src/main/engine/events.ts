// Engine events: written to the run's timeline (events table) and emitted to live listeners (UI, CLI progress).
// Their shape is the contract's (ContractEvent), written once in src/shared/contract.ts.
import { EventEmitter } from 'node:events';
import type { ContractEvent } from '../../shared/contract.ts';
import type { EventKind } from '../store/repositories/events.ts';
import type { Store } from '../store/store.ts';

export type EngineEvent = ContractEvent;

export class EngineEvents extends EventEmitter<{ event: [ContractEvent] }> {
  /** Record a timeline entry and tell listeners. */
  record(store: Store, at: number, event: ContractEvent): void {
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
