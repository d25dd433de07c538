// One job in full: its input, the request as sent, the raw answer, parsed fields, schema violations,
// citations with their quoted text, tokens, cost and every attempt.
import { useEffect, useRef, type ReactNode } from 'react';
import { call } from '../../api.ts';
import { ErrorNote, SimulatedBadge, StatusBadge } from '../../components/bits.tsx';
import { count, readableJson, usd } from '../../format.ts';
import { useLoad } from '../../hooks.ts';
import type { JobDetail } from './types.ts';

function Block({ title, children }: { title: string; children: ReactNode }) {
  return (
    <section className="job-block">
      <h3>{title}</h3>
      {children}
    </section>
  );
}

export function JobPanel({
  runId,
  jobId,
  simulated,
  onClose,
}: {
  runId: string;
  jobId: string;
  simulated: boolean;
  onClose(): void;
}) {
  const { data: job, error } = useLoad<JobDetail>(
    () => call('runs.job', { run_id: runId, job_id: jobId }),
    [runId, jobId],
  );
  const panel = useRef<HTMLElement>(null);
  useEffect(() => {
    panel.current?.focus();
    const onKey = (e: KeyboardEvent) => e.key === 'Escape' && onClose();
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [onClose, jobId]);

  const parsed =
    job?.parsed && typeof job.parsed === 'object'
      ? Object.entries(job.parsed as Record<string, unknown>)
      : null;
  return (
    <aside
      className="job-panel"
      aria-label={`Job ${jobId}`}
      tabIndex={-1}
      ref={panel}
      data-testid="job-panel"
    >
      <div className="job-panel-head">
        <h2>{job?.input ?? jobId}</h2>
        <button type="button" onClick={onClose} aria-label="Close job details">
          Close
        </button>
      </div>
      <ErrorNote lines={error} title="This job could not be loaded" />
      {job ? (
        <>
          <p>
            <StatusBadge status={job.status} /> {job.model} · attempt {job.attempts}{' '}
            <SimulatedBadge simulated={simulated} />
          </p>
          <dl className="facts">
            <dt>Tokens</dt>
            <dd>
              {count(job.input_tokens)} in ({count(job.cached_input_tokens)} cached) /{' '}
              {count(job.output_tokens)} out
            </dd>
            <dt>Cost</dt>
            <dd>
              {usd(job.cost_usd)}
              {simulated ? ' (simulated)' : ''}
            </dd>
            {job.error ? (
              <>
                <dt>Error</dt>
                <dd className="inline-error">
                  {job.error_category ? `${job.error_category}: ` : ''}
                  {job.error}
                </dd>
              </>
            ) : null}
          </dl>
          {parsed ? (
            <Block title="Parsed fields">
              <dl className="facts">
                {parsed.map(([k, v]) => (
                  <div key={k}>
                    <dt className="mono">{k}</dt>
                    <dd>{typeof v === 'string' ? v : JSON.stringify(v)}</dd>
                  </div>
                ))}
              </dl>
            </Block>
          ) : null}
          {job.schema_errors.length ? (
            <Block title="Schema violations">
              <ul className="inline-error">
                {job.schema_errors.map((e, i) => (
                  <li key={i}>{e}</li>
                ))}
              </ul>
            </Block>
          ) : null}
          {job.output !== null ? (
            <Block title="Answer">
              <pre className="code wrap" tabIndex={0}>
                {job.output}
              </pre>
            </Block>
          ) : null}
          {job.citations.length ? (
            <Block title="Citations">
              <ol className="citations">
                {job.citations.map((c, i) => (
                  <li key={i}>
                    <blockquote>{c.cited_text}</blockquote>
                    {c.source ? <cite>{c.source}</cite> : null}
                    {c.location ? <span className="hint mono"> {JSON.stringify(c.location)}</span> : null}
                  </li>
                ))}
              </ol>
            </Block>
          ) : null}
          <Block title="Input">
            <pre className="code wrap" tabIndex={0}>
              {readableJson(job.spec)}
            </pre>
          </Block>
          <Block title="Request as sent">
            {job.request === null ? (
              <p className="hint">Not sent yet.</p>
            ) : (
              <pre className="code" tabIndex={0}>
                {readableJson(job.request)}
              </pre>
            )}
          </Block>
          <Block title="Raw provider answer">
            {job.raw === null ? (
              <p className="hint">No answer yet.</p>
            ) : (
              <pre className="code" tabIndex={0}>
                {job.raw.length > 20_000 ? `${job.raw.slice(0, 20_000)}…` : job.raw}
              </pre>
            )}
          </Block>
          {job.attempts_history.length ? (
            <Block title="Attempts">
              <ol>
                {job.attempts_history.map((a, i) => (
                  <li key={i}>
                    <span className="mono">{a.provider_batch_id}</span>: {a.outcome}
                    {a.error ? ` (${a.error})` : ''} {a.cost_usd !== null ? usd(a.cost_usd) : ''}
                  </li>
                ))}
              </ol>
            </Block>
          ) : null}
        </>
      ) : null}
    </aside>
  );
}
