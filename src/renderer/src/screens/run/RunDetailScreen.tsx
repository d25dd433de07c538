// One run: where it stands (per provider batch), what happened (timeline, chart, warnings), what can be done
// (actions), and every job (virtualised table + job panel).
import { useCallback, useRef, useState } from 'react';
import { call } from '../../api.ts';
import { EmptyState, ErrorNote, SimulatedBadge, StatusBadge } from '../../components/bits.tsx';
import { OutcomeBar } from '../../components/OutcomeBar.tsx';
import { count, dateTime, plural, usd } from '../../format.ts';
import { useLoad, useNow } from '../../hooks.ts';
import { useLive } from '../../state/live.ts';
import { hrefOf } from '../../state/route.ts';
import { BatchProgress } from './BatchProgress.tsx';
import { JobPanel } from './JobPanel.tsx';
import { JobsTable } from './JobsTable.tsx';
import { PilotBanner } from './PilotBanner.tsx';
import { ProgressChart } from './ProgressChart.tsx';
import { RunActions } from './RunActions.tsx';
import { runWarnings, Timeline, Warnings } from './Timeline.tsx';

export function RunDetailScreen({ runId }: { runId: string }) {
  const version = useLive((s) => s.version[runId] ?? 0);
  const livePoints = useLive((s) => s.points[runId]);
  const [nonce, setNonce] = useState(0);
  const now = useNow(1000);
  const [openJob, setOpenJob] = useState<string | null>(null);
  // Closing the job panel (Esc or Close) puts focus back on the row that opened it, not on the page body.
  const openedFrom = useRef<string | null>(null);
  const openJobRow = useCallback((jobId: string) => {
    openedFrom.current = jobId;
    setOpenJob(jobId);
  }, []);
  const closeJob = useCallback(() => {
    setOpenJob(null);
    const jobId = openedFrom.current;
    if (jobId)
      requestAnimationFrame(() =>
        document.querySelector<HTMLElement>(`[data-job-id="${CSS.escape(jobId)}"]`)?.focus(),
      );
  }, []);
  const run = useLoad(() => call('runs.get', { run_id: runId }), [runId, version, nonce], 1000);
  const timeline = useLoad(() => call('runs.timeline', { run_id: runId }), [runId, version, nonce], 1000);
  const shape = useLoad(() => call('runs.compare', { run_id: runId, limit: 1 }), [runId, nonce]);

  if (run.error && !run.data)
    return (
      <div className="screen">
        <h1 tabIndex={-1}>Run</h1>
        <ErrorNote lines={run.error} title="This run could not be opened" />
        <EmptyState title="Nothing to show" action={<a href={hrefOf({ name: 'runs' })}>Back to all runs</a>}>
          <p>The run may have been deleted, or the link is wrong. Pick it from the list of runs.</p>
        </EmptyState>
      </div>
    );
  const view = run.data;
  if (!view)
    return (
      <div className="screen">
        <h1 tabIndex={-1}>Run</h1>
        <p role="status">Loading…</p>
      </div>
    );
  const c = view.jobs;
  const done = c.succeeded + c.failed + c.expired + c.cancelled;
  const models = shape.data?.models ?? [...new Set(view.provider_batches.map((b) => b.model))];
  const fields = shape.data?.fields ?? [];
  const warnings = runWarnings(view, timeline.data?.events ?? [], now);
  const ended = view.status === 'completed' || view.status === 'cancelled';

  return (
    <div className={`screen run-detail${openJob ? ' with-panel' : ''}`}>
      <div className="run-main">
        <p className="breadcrumb">
          <a href={hrefOf({ name: 'runs' })}>Runs</a> /
        </p>
        <div className="screen-head">
          <h1 tabIndex={-1}>
            {view.name || view.run_id} <SimulatedBadge simulated={view.simulated} />
          </h1>
          <StatusBadge status={view.status} />
        </div>
        <div className="summary" data-testid="run-summary">
          <OutcomeBar outcomes={c} total={c.total} label="Run progress" />
          <p>
            <span data-testid="run-status">{view.status.replace(/_/g, ' ')}</span> · {count(done)} of{' '}
            {plural(c.total, 'job')} finished: {count(c.succeeded)} succeeded, {count(c.failed)} failed,{' '}
            {count(c.expired)} expired, {count(c.cancelled)} cancelled, {count(c.pending + c.running)} open.
          </p>
          <p>
            Cost so far <strong>{usd(view.cost_usd.actual)}</strong> of an estimated{' '}
            {usd(view.cost_usd.estimated)}
            {view.cost_usd.limit !== null ? `, limit ${usd(view.cost_usd.limit)}` : ''}
            {view.simulated ? ' (simulated: nothing was spent)' : ''}. Created {dateTime(view.created_at)}
            {view.scheduled_at ? `, scheduled for ${dateTime(view.scheduled_at)}` : ''}.
          </p>
          <PilotBanner run={view} />
        </div>
        <RunActions run={view} models={models} fields={fields} onChanged={() => setNonce((n) => n + 1)} />
        <Warnings warnings={warnings} />
        <section aria-labelledby="batches-title">
          <h2 id="batches-title">Provider batches</h2>
          <BatchProgress
            runId={runId}
            batches={view.provider_batches}
            simulated={view.simulated}
            version={version + nonce}
            now={now}
          />
        </section>
        <div className="two-columns">
          <section aria-labelledby="chart-title">
            <h2 id="chart-title">Progress and cost</h2>
            <ProgressChart
              run={view}
              live={livePoints ?? []}
              ended={ended}
              now={
                ended
                  ? Math.max(view.created_at, ...view.provider_batches.map((b) => b.finished_at ?? 0))
                  : now
              }
            />
          </section>
          <section aria-labelledby="timeline-title">
            <h2 id="timeline-title">Timeline</h2>
            <Timeline events={timeline.data?.events ?? []} />
          </section>
        </div>
        <JobsTable
          runId={runId}
          models={models}
          fields={fields}
          version={version + nonce}
          simulated={view.simulated}
          onOpen={openJobRow}
        />
      </div>
      {openJob ? (
        <JobPanel runId={runId} jobId={openJob} simulated={view.simulated} onClose={closeJob} />
      ) : null}
    </div>
  );
}
