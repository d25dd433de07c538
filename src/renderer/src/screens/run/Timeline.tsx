// The run's status timeline and the warnings worth acting on (near the 24 h limit, results expiring).
import { duration, relative, time } from '../../format.ts';
import { nearExpiry } from './BatchTiming.tsx';
import type { RunView, TimelineEvent } from './types.ts';

export function runWarnings(run: RunView, events: TimelineEvent[], now = Date.now()): string[] {
  const warnings = events.filter((e) => e.kind === 'warning').map((e) => e.message);
  for (const b of run.provider_batches) {
    if (nearExpiry(b, now)) {
      const message = `${b.provider} batch ${b.remote_id ?? b.id} has been running ${duration(now - b.submitted_at!)}; it expires ${relative(b.expires_at!, now)} (finished results are kept).`;
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
