// One line per provider batch: status, progress, cost, timing and raw files. Counts have one source per state:
// once a batch's results are stored, the row shows them (the same figures the run's counts add up from); while it
// runs, the provider's own counts, labelled as such. Anthropic reports counts only once a batch has ended, so those
// batches say so instead of showing a bar stuck at zero.
import { StatusBadge, TableWrap } from '../../components/bits.tsx';
import { OutcomeBar, outcomeText } from '../../components/OutcomeBar.tsx';
import { count, usd } from '../../format.ts';
import { useLoad } from '../../hooks.ts';
import { call } from '../../api.ts';
import { BatchTiming, isLive, nearExpiry } from './BatchTiming.tsx';
import { RawFiles, type RawFile } from './RawFiles.tsx';
import type { BatchView } from './types.ts';

function Counts({ batch }: { batch: BatchView }) {
  const label = `Progress of ${batch.provider} batch ${batch.model}`;
  const stored = batch.results;
  if (stored) {
    const reported = batch.counts;
    const differs =
      reported !== null && (reported.succeeded !== stored.succeeded || reported.failed !== stored.failed);
    return (
      <>
        <OutcomeBar outcomes={stored} total={batch.request_count} label={label} />
        <span className="hint" data-testid="batch-counts">
          {outcomeText(stored, batch.request_count)} <span className="count-source">(results as stored)</span>
        </span>
        {differs ? (
          <span className="hint count-note">
            {batch.provider} itself counted {count(reported.succeeded)} succeeded, {count(reported.failed)}{' '}
            failed. The figures above come from its result files as stored: an answer that fails the schema
            check counts as failed, and a request it did not answer counts as cancelled or expired with the
            batch.
          </span>
        ) : null}
      </>
    );
  }
  if (!batch.counts_live && isLive(batch))
    return <span className="hint">{batch.provider} reports counts only at the end</span>;
  const counts = batch.counts;
  if (!counts)
    return <span className="hint">{batch.status === 'planned' ? 'not sent yet' : 'no counts yet'}</span>;
  const total = counts.total || batch.request_count;
  return (
    <>
      <OutcomeBar
        outcomes={{ succeeded: counts.succeeded, failed: counts.failed, cancelled: 0, expired: 0 }}
        total={total}
        label={label}
      />
      <span className="hint" data-testid="batch-counts">
        {count(counts.succeeded)} succeeded, {count(counts.failed)} failed, {count(counts.processing)} in
        progress <span className="count-source">(reported by {batch.provider})</span>
      </span>
    </>
  );
}

export function BatchProgress({
  runId,
  batches,
  simulated,
  version,
  now,
}: {
  runId: string;
  batches: BatchView[];
  simulated: boolean;
  version: number;
  now: number;
}) {
  const files = useLoad(() => call('runs.rawFiles', { run_id: runId }), [runId, version], 2000);
  if (batches.length === 0)
    return <p className="hint">No provider batches yet: they are created when the run is submitted.</p>;
  const filesOf = (id: string): RawFile[] =>
    (files.data?.files ?? []).filter((f) => f.provider_batch_id === id);
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
            <th scope="col">Timing</th>
            <th scope="col">Raw files</th>
          </tr>
        </thead>
        <tbody>
          {batches.map((b) => (
            <tr key={b.id} data-testid="batch-row" className={nearExpiry(b, now) ? 'row-warning' : undefined}>
              <th scope="row">
                {b.model}
                {b.is_pilot ? <span className="badge">pilot</span> : null}
                <div className="hint mono">{b.remote_id ?? b.id}</div>
                {b.last_error && !b.blocked ? <div className="inline-error">{b.last_error}</div> : null}
              </th>
              <td>
                <StatusBadge status={b.status} />
              </td>
              <td className="progress-cell">
                <Counts batch={b} />
              </td>
              <td className="num">{count(b.request_count)}</td>
              <td className="num">
                {b.actual_usd === null && !b.results ? 'none yet' : usd(b.actual_usd)} /{' '}
                {usd(b.estimated_usd)}
                {simulated ? <span className="hint"> simulated</span> : null}
              </td>
              <td>
                <BatchTiming batch={b} now={now} />
              </td>
              <td>
                <RawFiles runId={runId} batchId={b.id} files={filesOf(b.id)} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </TableWrap>
  );
}
