// The run's jobs, virtualised (@tanstack/react-virtual) so 100,000 rows scroll smoothly: only the visible rows
// exist in the DOM and only their chunks are fetched. Filters by status, model and error category; search.
import { useVirtualizer } from '@tanstack/react-virtual';
import { useEffect, useRef, useState, type KeyboardEvent } from 'react';
import {
  ERROR_CATEGORIES,
  JOB_STATUSES,
  type ErrorCategory,
  type JobStatus,
} from '../../../../shared/domain.ts';
import { ErrorNote, StatusBadge } from '../../components/bits.tsx';
import { count, usd } from '../../format.ts';
import { useDebounced } from '../../hooks.ts';
import { useJobPages, type JobFilter } from './job-pages.ts';
import type { JobRow } from './types.ts';

const ROW_HEIGHT = 36;

function fieldText(row: JobRow, field: string): string {
  const value =
    row.parsed && typeof row.parsed === 'object' ? (row.parsed as Record<string, unknown>)[field] : undefined;
  if (value === undefined || value === null) return '';
  return typeof value === 'string' ? value : JSON.stringify(value);
}

/** Structured fields get a column each (as in the CSV export); free text gets one output column. */
function gridColumns(fields: string[]): string {
  const middle = fields.length ? fields.map(() => 'minmax(6rem, 1fr)').join(' ') : 'minmax(10rem, 2fr)';
  return `4.5rem minmax(8rem, 1.3fr) minmax(7rem, 1fr) 7rem ${middle} 8rem 6rem minmax(6rem, 1fr)`;
}

export function JobsTable({
  runId,
  models,
  fields,
  version,
  simulated,
  onOpen,
}: {
  runId: string;
  models: string[];
  fields: string[];
  version: number;
  simulated: boolean;
  onOpen(jobId: string): void;
}) {
  const [status, setStatus] = useState<JobStatus | ''>('');
  const [model, setModel] = useState('');
  const [category, setCategory] = useState<ErrorCategory | ''>('');
  const [searchText, setSearchText] = useState('');
  const search = useDebounced(searchText.trim(), 300);
  const filter: JobFilter = {
    ...(status ? { status: [status] } : {}),
    ...(model ? { model } : {}),
    ...(category ? { error_category: category } : {}),
    ...(search ? { search } : {}),
  };
  const { total, rows, complete, rowAt, ensure, error } = useJobPages(runId, filter, version);
  const filtered = Object.keys(filter).length > 0;
  const scroller = useRef<HTMLDivElement>(null);
  const columns = gridColumns(fields);
  const virtualizer = useVirtualizer({
    count: rows,
    getScrollElement: () => scroller.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 12,
  });
  const items = virtualizer.getVirtualItems();
  const first = items[0]?.index ?? 0;
  const last = items.at(-1)?.index ?? 0;
  // eslint-disable-next-line react-hooks/exhaustive-deps -- ensure is a fresh closure over the same pager each render
  useEffect(() => ensure(first, last), [first, last, rows]);

  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>, index: number, jobId: string | undefined) => {
    if ((event.key === 'Enter' || event.key === ' ') && jobId) {
      event.preventDefault();
      onOpen(jobId);
    }
    if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
      event.preventDefault();
      const next = Math.min(rows - 1, Math.max(0, index + (event.key === 'ArrowDown' ? 1 : -1)));
      virtualizer.scrollToIndex(next);
      requestAnimationFrame(() =>
        scroller.current?.querySelector<HTMLElement>(`[data-index="${next}"]`)?.focus(),
      );
    }
  };

  return (
    <section className="jobs" aria-labelledby="jobs-title">
      <div className="jobs-head">
        <h2 id="jobs-title">
          Jobs{' '}
          {total !== null ? (
            <span className="hint">
              {filtered
                ? `(${count(complete ? rows : Math.max(0, rows - 1))}${complete ? '' : '+'} matching of ${count(total)})`
                : `(${count(total)})`}
            </span>
          ) : null}
        </h2>
        <div className="filters" role="search" aria-label="Filter jobs">
          <label>
            Status
            <select value={status} onChange={(e) => setStatus(e.target.value as JobStatus | '')}>
              <option value="">all</option>
              {JOB_STATUSES.map((s) => (
                <option key={s}>{s}</option>
              ))}
            </select>
          </label>
          <label>
            Model
            <select value={model} onChange={(e) => setModel(e.target.value)}>
              <option value="">all</option>
              {models.map((m) => (
                <option key={m}>{m}</option>
              ))}
            </select>
          </label>
          <label>
            Error
            <select value={category} onChange={(e) => setCategory(e.target.value as ErrorCategory | '')}>
              <option value="">any</option>
              {ERROR_CATEGORIES.map((c) => (
                <option key={c} value={c}>
                  {c.replace(/_/g, ' ')}
                </option>
              ))}
            </select>
          </label>
          <label>
            Search
            <input
              type="search"
              value={searchText}
              placeholder="input or job id"
              onChange={(e) => setSearchText(e.target.value)}
            />
          </label>
        </div>
      </div>
      <ErrorNote lines={error} title="The jobs could not be loaded" />
      <div className="jobs-grid" role="table" aria-label="Jobs" aria-rowcount={rows + 1}>
        <div
          className="jobs-row jobs-header"
          role="row"
          aria-rowindex={1}
          style={{ gridTemplateColumns: columns }}
        >
          {[
            '#',
            'Input',
            'Model',
            'Status',
            ...(fields.length ? fields.map((f) => `out.${f}`) : ['Output']),
            'Tokens in / out',
            'Cost',
            'Error',
          ].map((h) => (
            <span key={h} role="columnheader">
              {h}
            </span>
          ))}
        </div>
        <div ref={scroller} className="jobs-scroll" data-testid="jobs-scroll" role="rowgroup">
          {total !== null && rows === 0 && complete ? (
            <p className="hint jobs-empty">
              {filtered ? 'No jobs match these filters.' : 'This run has no jobs.'}
            </p>
          ) : null}
          <div style={{ height: virtualizer.getTotalSize(), position: 'relative' }}>
            {items.map((item) => {
              const row = rowAt(item.index);
              return (
                <div
                  key={item.key}
                  role="row"
                  aria-rowindex={item.index + 2}
                  data-index={item.index}
                  data-testid="job-row"
                  data-job-id={row?.job_id}
                  tabIndex={0}
                  className={`jobs-row${row?.status === 'failed' ? ' row-failed' : ''}`}
                  style={{
                    position: 'absolute',
                    top: 0,
                    left: 0,
                    right: 0,
                    height: ROW_HEIGHT,
                    transform: `translateY(${item.start}px)`,
                    gridTemplateColumns: columns,
                  }}
                  onClick={() => row && onOpen(row.job_id)}
                  onKeyDown={(e) => onKeyDown(e, item.index, row?.job_id)}
                >
                  {row ? (
                    <>
                      <span role="cell" className="num">
                        {row.seq + 1}
                      </span>
                      <span role="cell" className="ellipsis" title={row.job_id}>
                        {row.input}
                      </span>
                      <span role="cell" className="ellipsis">
                        {row.model}
                      </span>
                      <span role="cell">
                        <StatusBadge status={row.status} />
                      </span>
                      {fields.length ? (
                        fields.map((f) => (
                          <span key={f} role="cell" className="ellipsis" data-field={f}>
                            {fieldText(row, f)}
                          </span>
                        ))
                      ) : (
                        <span role="cell" className="ellipsis">
                          {row.output ?? ''}
                        </span>
                      )}
                      <span role="cell" className="num">
                        {count(row.input_tokens)} / {count(row.output_tokens)}
                      </span>
                      <span role="cell" className="num">
                        {usd(row.cost_usd)}
                        {simulated && row.cost_usd !== null ? '*' : ''}
                      </span>
                      <span role="cell" className="ellipsis" title={row.error ?? undefined}>
                        {row.error_category ? `${row.error_category}: ` : ''}
                        {row.error ?? ''}
                      </span>
                    </>
                  ) : (
                    <span role="cell" className="hint">
                      loading row {item.index + 1}…
                    </span>
                  )}
                </div>
              );
            })}
          </div>
        </div>
      </div>
      {simulated ? <p className="hint">* simulated cost (demo provider): nothing was spent.</p> : null}
    </section>
  );
}
