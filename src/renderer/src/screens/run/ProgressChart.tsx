// Progress (jobs finished) and cost over time as a step chart: a figure holds from the moment it was seen until the
// next one, so nothing is drawn between two samples that was never measured. Samples are the run's start, each
// provider batch's end (its stored results), every live progress event seen while the screen is open (at the time
// it arrived), and "now" (the figures the run reports at this moment), marked as a point. Both axes are labelled.
import { count, dateTime, time, usd } from '../../format.ts';
import type { ProgressPoint } from '../../state/live.ts';
import type { RunView } from './types.ts';

const W = 560;
const H = 190;
const LEFT = 56;
const RIGHT = 72;
const TOP = 16;
const BOTTOM = 40;

export function chartPoints(run: RunView, live: ProgressPoint[], now: number): ProgressPoint[] {
  const total = run.jobs.total;
  const points: ProgressPoint[] = [{ at: run.created_at, done: 0, total, cost_usd: 0 }];
  const fromLive = live.filter((p) => p.at > run.created_at && p.at <= now);
  // Without live samples, each batch's end is a sample: what it added, by the results stored for it.
  if (fromLive.length === 0) {
    let done = 0;
    let cost = 0;
    for (const b of [...run.provider_batches]
      .filter((b) => b.finished_at)
      .sort((a, b) => a.finished_at! - b.finished_at!)) {
      const r = b.results;
      done += r ? r.succeeded + r.failed + r.expired + r.cancelled : 0;
      cost += b.actual_usd ?? 0;
      if (b.finished_at! <= now)
        points.push({ at: b.finished_at!, done: Math.min(done, total), total, cost_usd: cost });
    }
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

/** An SVG path that holds each value until the next sample, then steps. */
export function stepPath(points: { x: number; y: number }[]): string {
  return points
    .map((p, i) =>
      i === 0 ? `M${p.x.toFixed(1)},${p.y.toFixed(1)}` : `H${p.x.toFixed(1)} V${p.y.toFixed(1)}`,
    )
    .join(' ');
}

/** `now` is the present for a live run; for one that has ended, the moment it ended (`ended`). */
export function ProgressChart({
  run,
  live,
  now,
  ended = false,
}: {
  run: RunView;
  live: ProgressPoint[];
  now: number;
  ended?: boolean;
}) {
  const points = chartPoints(run, live, now);
  const t0 = points[0]!.at;
  const t1 = Math.max(now, t0 + 1000);
  const total = Math.max(run.jobs.total, 1);
  const maxCost = Math.max(run.cost_usd.estimated ?? 0, ...points.map((p) => p.cost_usd), 1e-9);
  const x = (at: number) => LEFT + ((at - t0) / (t1 - t0)) * (W - LEFT - RIGHT);
  const y = (fraction: number) => H - BOTTOM - fraction * (H - TOP - BOTTOM);
  const progress = points.map((p) => ({ x: x(p.at), y: y(p.done / total) }));
  const cost = points.map((p) => ({ x: x(p.at), y: y(p.cost_usd / maxCost) }));
  const last = points.at(-1)!;
  const sim = run.simulated ? ' (simulated)' : '';
  const mark = ended ? 'ended' : 'now';
  // Over a day apart, the time alone would be ambiguous.
  const at = (ms: number) => (t1 - t0 > 12 * 3600_000 ? dateTime(ms) : time(ms));
  const summary = `Step chart from ${time(t0)} to ${mark} (${time(t1)}): ${count(last.done)} of ${count(run.jobs.total)} jobs finished; cost ${usd(last.cost_usd)}${sim} of an estimated ${usd(run.cost_usd.estimated)}; ${points.length} samples.`;
  const base = H - BOTTOM;
  return (
    <figure className="chart">
      <svg
        viewBox={`0 0 ${W} ${H}`}
        role="img"
        aria-label={summary}
        preserveAspectRatio="xMidYMid meet"
        data-testid="progress-chart"
      >
        <line x1={LEFT} y1={base} x2={W - RIGHT} y2={base} className="chart-axis" />
        <line x1={LEFT} y1={TOP} x2={LEFT} y2={base} className="chart-axis" />
        <line x1={W - RIGHT} y1={TOP} x2={W - RIGHT} y2={base} className="chart-axis" />
        <text x={LEFT - 6} y={TOP + 4} className="chart-label" textAnchor="end">
          {count(run.jobs.total)}
        </text>
        <text x={LEFT - 6} y={base} className="chart-label" textAnchor="end">
          0
        </text>
        <text
          x={12}
          y={(TOP + base) / 2}
          className="chart-label chart-title"
          textAnchor="middle"
          transform={`rotate(-90 12 ${(TOP + base) / 2})`}
        >
          jobs finished
        </text>
        <text x={W - RIGHT + 6} y={TOP + 4} className="chart-label" data-testid="chart-cost-max">
          {usd(maxCost)}
        </text>
        <text x={W - RIGHT + 6} y={base} className="chart-label">
          $0
        </text>
        <text
          x={W - 10}
          y={(TOP + base) / 2}
          className="chart-label chart-title"
          textAnchor="middle"
          transform={`rotate(90 ${W - 10} ${(TOP + base) / 2})`}
        >
          cost{sim}
        </text>
        <path d={stepPath(progress)} className="chart-progress" data-testid="chart-progress" />
        <path d={stepPath(cost)} className="chart-cost" />
        {progress.slice(1, -1).map((p, i) => (
          <circle key={i} cx={p.x} cy={p.y} r={2.5} className="chart-sample" />
        ))}
        <circle
          cx={progress.at(-1)!.x}
          cy={progress.at(-1)!.y}
          r={4.5}
          className="chart-now"
          data-testid="chart-now"
        />
        <text x={LEFT} y={base + 14} className="chart-label">
          {at(t0)}
        </text>
        <text x={W - RIGHT} y={base + 14} className="chart-label" textAnchor="end">
          {mark} {at(t1)}
        </text>
        <text x={(LEFT + W - RIGHT) / 2} y={H - 6} className="chart-label chart-title" textAnchor="middle">
          time
        </text>
      </svg>
      <figcaption>
        <span className="legend legend-progress">jobs finished</span>{' '}
        <span className="legend legend-cost">cost{sim}</span>{' '}
        <span className="legend legend-now">{ended ? 'end' : 'now'}</span>{' '}
        <span className="hint">Each step is a measured sample; the line holds between samples.</span>
      </figcaption>
    </figure>
  );
}
