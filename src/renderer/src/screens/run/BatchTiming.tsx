// When a provider batch was sent, when the provider gives up on it (a countdown, a warning once it has run 20 h),
// when Batchdesk looks at it next, and why it is held up when it is.
import { dateTime, duration, relative, time } from '../../format.ts';
import type { BatchView } from './types.ts';

/** Past this age a live batch is close to its 24 h window: finished results are kept, the rest will expire. */
export const EXPIRY_WARNING_AFTER_MS = 20 * 3600_000;

const LIVE = new Set(['submitting', 'validating', 'in_progress', 'finalizing', 'cancelling']);

export function isLive(batch: BatchView): boolean {
  return LIVE.has(batch.status);
}

export function nearExpiry(batch: BatchView, now: number): boolean {
  return (
    batch.expires_at !== null &&
    batch.submitted_at !== null &&
    isLive(batch) &&
    now - batch.submitted_at >= EXPIRY_WARNING_AFTER_MS
  );
}

export function BatchTiming({ batch, now }: { batch: BatchView; now: number }) {
  const warn = nearExpiry(batch, now);
  return (
    <div className="batch-timing">
      <div>{batch.submitted_at ? `Sent ${dateTime(batch.submitted_at)}` : 'Not sent yet'}</div>
      {batch.expires_at !== null && isLive(batch) ? (
        <div className={warn ? 'expiry expiry-warning' : 'expiry hint'} data-testid="batch-expiry">
          {warn ? (
            <strong>Expires {relative(batch.expires_at, now)}</strong>
          ) : (
            <>Expires {relative(batch.expires_at, now)}</>
          )}{' '}
          ({dateTime(batch.expires_at)})
          {warn
            ? `: running ${duration(now - batch.submitted_at!)} of the provider's ${duration(batch.expires_at - batch.submitted_at!)}; what is unfinished then expires (finished results are kept)`
            : ''}
        </div>
      ) : null}
      {batch.finished_at ? <div className="hint">Ended {dateTime(batch.finished_at)}</div> : null}
      {batch.blocked ? (
        <div className="inline-error" data-testid="batch-blocked">
          Held up: {batch.blocked.reason}
          {batch.blocked.retry_at !== null ? ` (trying again ${relative(batch.blocked.retry_at, now)})` : ''}
        </div>
      ) : batch.next_check_at !== null ? (
        <div className="hint" data-testid="batch-next-check">
          Next check{' '}
          {batch.next_check_at <= now
            ? 'now'
            : `${relative(batch.next_check_at, now)}, at ${time(batch.next_check_at)}`}
        </div>
      ) : null}
    </div>
  );
}
