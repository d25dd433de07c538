// A run's pilot: while its sample runs, only that it runs (rates and a projected cost from half a pilot would
// mislead); once every pilot batch's results are stored, what it showed and what the whole run would cost.
import { plural, usd } from '../../format.ts';
import type { RunView } from './types.ts';

export function pilotEnded(run: RunView): boolean {
  const pilots = run.provider_batches.filter((b) => b.is_pilot);
  return pilots.length > 0 && pilots.every((b) => b.results !== null);
}

export function PilotBanner({ run }: { run: RunView }) {
  const pilot = run.pilot;
  if (!pilot) return null;
  const size = run.provider_batches.filter((b) => b.is_pilot).reduce((n, b) => n + b.request_count, 0);
  if (!pilotEnded(run))
    return (
      <p className="pilot" data-testid="pilot">
        Pilot of {plural(size, 'job')} running: how many succeeded and what the whole run would cost are shown
        when it ends. The rest waits for your release.
      </p>
    );
  const sim = run.simulated ? ' (simulated)' : '';
  return (
    <p className="pilot" data-testid="pilot">
      Pilot of {plural(pilot.jobs, 'job')} ended: {Math.round(pilot.success_rate * 100)}% succeeded
      {pilot.schema_valid_rate !== null
        ? `, ${Math.round(pilot.schema_valid_rate * 100)}% matched the schema`
        : ''}
      , cost {usd(pilot.cost_usd)}
      {sim}; the whole run would cost about {usd(pilot.projected_cost_usd)}
      {sim}.{' '}
      {pilot.released
        ? 'Released: the rest was sent.'
        : run.status === 'awaiting_release'
          ? 'Waiting for you to release the rest.'
          : ''}
    </p>
  );
}
