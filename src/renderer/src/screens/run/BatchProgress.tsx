// One line per provider batch: status, progress, cost. Anthropic reports counts only once a batch has ended,
// so those batches say so instead of showing a bar stuck at zero.
import { ProgressBar, StatusBadge, TableWrap } from '../../components/bits.tsx';
import { count, dateTime, usd } from '../../format.ts';
import type { BatchView } from './types.ts';

function Counts({ batch }: { batch: BatchView }) {
  const finished = ['completed', 'failed', 'expired', 'cancelled'].includes(batch.status);
  if (!batch.counts_live && !finished)
    return <span className="hint">{batch.provider} reports counts only at the end</span>;
  const counts = batch.counts;
  if (!counts)
    return <span className="hint">{batch.status === 'planned' ? 'not sent yet' : 'no counts yet'}</span>;
  const done = counts.succeeded + counts.failed;
  return (
    <>
      <ProgressBar
        done={done}
        total={counts.total || batch.request_count}
        label={`Progress of ${batch.provider} batch ${batch.model}`}
      />
      <span className="hint">
        {count(counts.succeeded)} succeeded, {count(counts.failed)} failed, {count(counts.processing)} in
        progress
      </span>
    </>
  );
}

export function BatchProgress({ batches, simulated }: { batches: BatchView[]; simulated: boolean }) {
  if (batches.length === 0)
    return <p className="hint">No provider batches yet: they are created when the run is submitted.</p>;
  return (
    <TableWrap label="Provider batches">
      <table className="table batches">
        <caption className="visually-hidden">Provider batches</caption>
        <thead>
          <tr>
            <th scope="col">Provider batch</th>
            <th scope="col">Status</th>
            <th scope="col">Progress</th>
            <th scope="col" className="num">
              Requests
            </th>
            <th scope="col" className="num">
              Cost / estimate
            </th>
            <th scope="col">Submitted</th>
          </tr>
        </thead>
        <tbody>
          {batches.map((b) => (
            <tr key={b.id} data-testid="batch-row">
              <th scope="row">
                {b.model}
                {b.is_pilot ? <span className="badge">pilot</span> : null}
                <div className="hint mono">{b.remote_id ?? b.id}</div>
                {b.last_error ? <div className="inline-error">{b.last_error}</div> : null}
              </th>
              <td>
                <StatusBadge status={b.status} />
              </td>
              <td className="progress-cell">
                <Counts batch={b} />
              </td>
              <td className="num">{count(b.request_count)}</td>
              <td className="num">
                {usd(b.actual_usd)} / {usd(b.estimated_usd)}
                {simulated ? <span className="hint"> simulated</span> : null}
              </td>
              <td>{dateTime(b.submitted_at)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </TableWrap>
  );
}
