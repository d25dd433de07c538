// A small inline SVG of progress (jobs finished) and cost over time, from the run's own figures: its start,
// each provider batch's end, and the live progress events seen while the screen is open.
import { usd, time } from '../../format.ts';
import type { ProgressPoint } from '../../state/live.ts';
import type { RunView } from './types.ts';

const W = 480;
const H = 140;
const PAD = 40;

export function chartPoints(run: RunView, live: ProgressPoint[], now: number): ProgressPoint[] {
  const total = run.jobs.total;
  const points: ProgressPoint[] = [{ at: run.created_at, done: 0, total, cost_usd: 0 }];
  // Live points (seen while this screen was open) are exact; without them, each batch's end is a step.
  const fromLive = live.filter((p) => p.at > run.created_at);
  let done = 0;
  let cost = 0;
  if (fromLive.length === 0)
    for (const b of [...run.provider_batches]
      .filter((b) => b.finished_at)
      .sort((a, b) => a.finished_at! - b.finished_at!)) {
      done += b.counts ? b.counts.succeeded + b.counts.failed : b.request_count;
      cost += b.actual_usd ?? 0;
      points.push({ at: b.finished_at!, done: Math.min(done, total), total, cost_usd: cost });
    }
  points.push(...fromLive);
  const c = run.jobs;
  points.push({
    at: now,
    done: c.succeeded + c.failed + c.expired + c.cancelled,
    total,
    cost_usd: run.cost_usd.actual,
  });
  return points.sort((a, b) => a.at - b.at);
}

export function ProgressChart({ run, live, now }: { run: RunView; live: ProgressPoint[]; now: number }) {
  const points = chartPoints(run, live, now);
  const t0 = points[0]!.at;
  const t1 = Math.max(points.at(-1)!.at, t0 + 1);
  const maxCost = Math.max(run.cost_usd.estimated ?? 0, ...points.map((p) => p.cost_usd), 1e-9);
  const x = (at: number) => PAD + ((at - t0) / (t1 - t0)) * (W - 2 * PAD);
  const y = (fraction: number) => H - PAD + -fraction * (H - 2 * PAD);
  const line = (value: (p: ProgressPoint) => number) =>
    points.map((p, i) => `${i ? 'L' : 'M'}${x(p.at).toFixed(1)},${y(value(p)).toFixed(1)}`).join(' ');
  const last = points.at(-1)!;
  const summary = `Progress ${last.done} of ${last.total} jobs; cost ${usd(last.cost_usd)}${run.simulated ? ' (simulated)' : ''} since ${time(t0)}.`;
  return (
    <figure className="chart">
      <svg viewBox={`0 0 ${W} ${H}`} role="img" aria-label={summary} preserveAspectRatio="xMidYMid meet">
        <line x1={PAD} y1={H - PAD} x2={W - PAD} y2={H - PAD} className="chart-axis" />
        <line x1={PAD} y1={PAD} x2={PAD} y2={H - PAD} className="chart-axis" />
        <text x={PAD - 4} y={PAD + 4} className="chart-label" textAnchor="end">
          100%
        </text>
        <text x={W - PAD + 4} y={PAD + 4} className="chart-label">
          {usd(maxCost)}
        </text>
        <path d={line((p) => (p.total ? p.done / p.total : 0))} className="chart-progress" />
        <path d={line((p) => p.cost_usd / maxCost)} className="chart-cost" />
        <text x={PAD} y={H - 8} className="chart-label">
          {time(t0)}
        </text>
        <text x={W - PAD} y={H - 8} className="chart-label" textAnchor="end">
          {time(t1)}
        </text>
      </svg>
      <figcaption>
        <span className="legend legend-progress">jobs finished</span>{' '}
        <span className="legend legend-cost">cost{run.simulated ? ' (simulated)' : ''}</span>
      </figcaption>
    </figure>
  );
}
