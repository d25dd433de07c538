// The run's status timeline and the warnings worth acting on (near the 24 h limit, results expiring).
import { time } from '../../format.ts';
import type { RunView, TimelineEvent } from './types.ts';

const DAY_MS = 24 * 3600_000;
const WARN_AFTER_MS = 20 * 3600_000;

export function runWarnings(run: RunView, events: TimelineEvent[], now = Date.now()): string[] {
  const warnings = events.filter((e) => e.kind === 'warning').map((e) => e.message);
  for (const b of run.provider_batches) {
    const live = ['validating', 'in_progress', 'finalizing'].includes(b.status);
    if (live && b.submitted_at && now - b.submitted_at > WARN_AFTER_MS) {
      const left = Math.max(0, Math.round((b.submitted_at + DAY_MS - now) / 3600_000));
      const message = `${b.provider} batch ${b.remote_id ?? b.id} has been running ${Math.round((now - b.submitted_at) / 3600_000)} h; it expires in about ${left} h (finished results are kept).`;
      if (!warnings.some((w) => w.includes(b.remote_id ?? b.id))) warnings.push(message);
    }
  }
  return [...new Set(warnings)];
}

export function Warnings({ warnings }: { warnings: string[] }) {
  if (warnings.length === 0) return null;
  return (
    <section className="warnings" aria-labelledby="warnings-title">
      <h2 id="warnings-title">Warnings</h2>
      <ul>
        {warnings.map((w, i) => (
          <li key={i}>{w}</li>
        ))}
      </ul>
    </section>
  );
}

export function Timeline({ events }: { events: TimelineEvent[] }) {
  if (events.length === 0) return <p className="hint">Nothing has happened yet.</p>;
  return (
    <ol className="timeline" tabIndex={0} aria-label="Status timeline">
      {events.map((e) => (
        <li key={e.id} className={`timeline-${e.kind}`}>
          <time dateTime={new Date(e.at).toISOString()}>{time(e.at)}</time>{' '}
          <span className="timeline-kind">{e.kind}</span> {e.message}
        </li>
      ))}
    </ol>
  );
}
