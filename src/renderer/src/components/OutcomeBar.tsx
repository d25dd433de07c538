// A progress bar that shows how jobs ended, not only how many: succeeded, failed, cancelled and expired segments,
// the rest open. A cancelled run with 5 of 10 succeeded shows half green and half grey, never a full bar.
import { count, percent } from '../format.ts';

export interface Outcomes {
  succeeded: number;
  failed: number;
  cancelled: number;
  expired: number;
}

export const OUTCOME_KINDS = ['succeeded', 'failed', 'cancelled', 'expired'] as const;

export function finished(o: Outcomes): number {
  return o.succeeded + o.failed + o.cancelled + o.expired;
}

export function outcomeText(o: Outcomes, total: number): string {
  const parts = OUTCOME_KINDS.filter((k) => o[k] > 0 || k === 'succeeded' || k === 'failed').map(
    (k) => `${count(o[k])} ${k}`,
  );
  const open = total - finished(o);
  return `${parts.join(', ')}${open > 0 ? `, ${count(open)} open` : ''}`;
}

export function OutcomeBar({ outcomes, total, label }: { outcomes: Outcomes; total: number; label: string }) {
  const done = finished(outcomes);
  return (
    <div
      className="progress outcome-bar"
      role="progressbar"
      aria-label={label}
      aria-valuemin={0}
      aria-valuemax={100}
      aria-valuenow={percent(done, total)}
      aria-valuetext={`${count(done)} of ${count(total)} finished: ${outcomeText(outcomes, total)}`}
    >
      {OUTCOME_KINDS.map((kind) =>
        outcomes[kind] > 0 ? (
          <div
            key={kind}
            className={`progress-fill segment-${kind}`}
            data-segment={kind}
            style={{ width: `${total > 0 ? (outcomes[kind] / total) * 100 : 0}%` }}
          />
        ) : null,
      )}
    </div>
  );
}
