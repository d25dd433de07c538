// Every run, newest first: status, progress, cost so far against the estimate, models, created. Pages by
// cursor; refreshes on live events.
import { useState } from 'react';
import type { OperationOutput } from '../../../../shared/contract.ts';
import { call } from '../../api.ts';
import { EmptyState, ErrorNote, SimulatedBadge, StatusBadge, TableWrap } from '../../components/bits.tsx';
import { OutcomeBar } from '../../components/OutcomeBar.tsx';
import { count, dateTime, usd } from '../../format.ts';
import { useLoad } from '../../hooks.ts';
import { useLive } from '../../state/live.ts';
import { hrefOf } from '../../state/route.ts';

const PAGE = 50;
type Page = OperationOutput<'runs.list'>;

export function RunsScreen() {
  const [cursors, setCursors] = useState<string[]>([]);
  const after = cursors.at(-1);
  const live = useLive((s) => s.any);
  const { data, error, loading } = useLoad<Page>(
    () => call('runs.list', { limit: PAGE, ...(after ? { after } : {}) }),
    [after, live],
    1000,
  );

  return (
    <div className="screen">
      <div className="screen-head">
        <h1 tabIndex={-1}>Runs</h1>
        <a className="button primary" href={hrefOf({ name: 'new' })}>
          New run
        </a>
      </div>
      <ErrorNote lines={error} title="The runs could not be loaded" />
      {data && data.data.length === 0 && cursors.length === 0 ? (
        <EmptyState
          title="No runs yet"
          action={
            <a className="button primary" href={hrefOf({ name: 'new' })}>
              Start your first run
            </a>
          }
        >
          <p>
            A run sends one request per file or dataset row to one or more models through their batch APIs, at
            half the usual price. Start with New run: drop your files, write the prompt, pick the models, and
            check the estimate before anything is spent.
          </p>
          <p>No API key yet? The demo models are free and simulated, so you can try everything first.</p>
        </EmptyState>
      ) : null}
      {data && data.data.length > 0 ? (
        <TableWrap label="Runs">
          <table className="table runs-table" aria-busy={loading}>
            <caption className="visually-hidden">Runs, newest first</caption>
            <thead>
              <tr>
                <th scope="col">Run</th>
                <th scope="col">Status</th>
                <th scope="col">Progress</th>
                <th scope="col" className="num">
                  Cost so far / estimate
                </th>
                <th scope="col">Models</th>
                <th scope="col">Created</th>
              </tr>
            </thead>
            <tbody>
              {data.data.map((run) => {
                const done = run.jobs.succeeded + run.jobs.failed + run.jobs.expired + run.jobs.cancelled;
                return (
                  <tr key={run.run_id} data-testid="run-row">
                    <th scope="row">
                      <a href={hrefOf({ name: 'run', id: run.run_id })}>{run.name || run.run_id}</a>{' '}
                      <SimulatedBadge simulated={run.simulated} />
                    </th>
                    <td>
                      <StatusBadge status={run.status} />
                    </td>
                    <td className="progress-cell">
                      <OutcomeBar
                        outcomes={run.jobs}
                        total={run.jobs.total}
                        label={`Progress of ${run.name || run.run_id}`}
                      />
                      <span className="hint">
                        {count(done)} / {count(run.jobs.total)}
                        {run.jobs.failed ? `, ${count(run.jobs.failed)} failed` : ''}
                        {run.jobs.cancelled ? `, ${count(run.jobs.cancelled)} cancelled` : ''}
                        {run.jobs.expired ? `, ${count(run.jobs.expired)} expired` : ''}
                      </span>
                    </td>
                    <td className="num">
                      {usd(run.cost_usd.actual)} / {usd(run.cost_usd.estimated)}
                      {run.simulated ? <span className="hint"> simulated</span> : null}
                    </td>
                    <td>{run.models.join(', ')}</td>
                    <td>{dateTime(run.created_at)}</td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </TableWrap>
      ) : null}
      <div className="button-row pager">
        <button
          type="button"
          disabled={cursors.length === 0}
          onClick={() => setCursors((c) => c.slice(0, -1))}
        >
          Newer
        </button>
        <button
          type="button"
          disabled={!data?.has_more}
          onClick={() => data?.last_id && setCursors((c) => [...c, data.last_id!])}
        >
          Older
        </button>
      </div>
    </div>
  );
}
