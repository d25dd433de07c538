// How the CLI says that something is held up: "blocked: cannot reach 127.0.0.1:5199: connection refused; retrying
// in 2 min", and why a provider batch ended when it ended for good.
import type { ProviderBatchView, RunView } from '../../shared/contract.ts';

type Blocked = NonNullable<RunView['blocked']>;

/** "in 40 s", "in 2 min", "in 3 h"; "now" when due. */
export function inWords(ms: number): string {
  if (ms <= 1000) return 'now';
  if (ms < 90_000) return `in ${Math.round(ms / 1000)} s`;
  if (ms < 90 * 60_000) return `in ${Math.round(ms / 60_000)} min`;
  return `in ${Math.round(ms / 3600_000)} h`;
}

export function blockedText(blocked: Blocked, now: number): string {
  const retry = blocked.retry_at === null ? '' : `; retrying ${inWords(blocked.retry_at - now)}`;
  return `blocked: ${blocked.reason}${retry}`;
}

/** One line per provider batch that is held up or ended for a reason of its own, and per orphan. */
export function batchNotes(view: RunView, now: number): string[] {
  const notes: string[] = [];
  const id = (b: Pick<ProviderBatchView, 'id'>) => b.id.slice(0, 8);
  for (const b of view.provider_batches) {
    if (b.blocked) notes.push(`${id(b)} ${blockedText(b.blocked, now)}`);
    else if (b.last_error && (b.status === 'failed' || b.status === 'cancelled')) notes.push(`${id(b)} ${b.status}: ${b.last_error}`);
  }
  for (const o of view.orphans) {
    notes.push(`${o.provider_batch_id.slice(0, 8)} orphan: ${o.provider} batch ${o.remote_id} was created late and is not part of the run; ${o.state === 'cancelled' ? 'cancelled at the provider' : 'being cancelled at the provider'}`);
  }
  return notes;
}
