// Several models on the same inputs: each model's totals (jobs, tokens, cost), then one row per input with each
// model's full answer side by side, tokens and cost, and for structured output whether the models agree on each
// field. "Disagreements only" keeps the inputs where they differ; the wide export writes the same table.
import { useState } from 'react';
import { call, errorLines } from '../../api.ts';
import { EmptyState, ErrorNote, TableWrap } from '../../components/bits.tsx';
import { count, usd } from '../../format.ts';
import { useLoad } from '../../hooks.ts';
import { useLive } from '../../state/live.ts';
import { hrefOf } from '../../state/route.ts';
import { exportAndDownload } from '../run/export-download.ts';
import { CompareCell } from './CompareCell.tsx';

const PAGE = 100;

export function CompareScreen({ runId }: { runId: string }) {
  const [offset, setOffset] = useState(0);
  const [onlyDisagreements, setOnlyDisagreements] = useState(false);
  const [note, setNote] = useState<string | null>(null);
  const [exportError, setExportError] = useState<string[] | null>(null);
  const version = useLive((s) => s.version[runId] ?? 0);
  const run = useLoad(() => call('runs.get', { run_id: runId }), [runId]);
  const { data, error } = useLoad(
    () => call('runs.compare', { run_id: runId, limit: PAGE, offset, disagreements_only: onlyDisagreements }),
    [runId, offset, onlyDisagreements, version],
    2000,
  );
  const simulated = run.data?.simulated ?? false;
  const exportWide = async (format: 'csv' | 'xlsx') => {
    setNote(null);
    setExportError(null);
    try {
      setNote(await exportAndDownload({ run_id: runId, format, layout: 'wide' }));
    } catch (e) {
      setExportError(errorLines(e));
    }
  };

  return (
    <div className="screen">
      <p className="breadcrumb">
        <a href={hrefOf({ name: 'runs' })}>Runs</a> / <a href={hrefOf({ name: 'run', id: runId })}>{runId}</a>{' '}
        /
      </p>
      <h1 tabIndex={-1}>Compare models</h1>
      <ErrorNote lines={error} title="The comparison could not be loaded" />
      {data && data.models.length < 2 ? (
        <EmptyState
          title="Only one model in this run"
          action={<a href={hrefOf({ name: 'new' })}>Start a run with two models</a>}
        >
          <p>Comparing needs the same inputs sent to two or more models. Choose several models on New run.</p>
        </EmptyState>
      ) : null}
      {data && data.models.length >= 2 ? (
        <>
          <TableWrap label="Totals per model">
            <table className="table compare-totals" data-testid="compare-totals">
              <caption>Per model, over the whole run{simulated ? ' (simulated costs)' : ''}</caption>
              <thead>
                <tr>
                  <th scope="col">Model</th>
                  <th scope="col" className="num">
                    Jobs
                  </th>
                  <th scope="col" className="num">
                    Succeeded
                  </th>
                  <th scope="col" className="num">
                    Input tokens
                  </th>
                  <th scope="col" className="num">
                    Output tokens
                  </th>
                  <th scope="col" className="num">
                    Cost
                  </th>
                </tr>
              </thead>
              <tbody>
                {data.totals.map((t) => (
                  <tr key={t.model} data-testid="compare-total">
                    <th scope="row">{t.model}</th>
                    <td className="num">{count(t.jobs)}</td>
                    <td className="num">{count(t.succeeded)}</td>
                    <td className="num">{count(t.input_tokens)}</td>
                    <td className="num">{count(t.output_tokens)}</td>
                    <td className="num">{usd(t.cost_usd)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </TableWrap>
          <div className="compare-controls">
            <label className="checkbox">
              <input
                type="checkbox"
                checked={onlyDisagreements}
                onChange={(e) => {
                  setOnlyDisagreements(e.target.checked);
                  setOffset(0);
                }}
              />{' '}
              Disagreements only
            </label>
            <div className="button-row">
              <button type="button" onClick={() => void exportWide('csv')}>
                Export wide CSV
              </button>
              <button type="button" onClick={() => void exportWide('xlsx')}>
                Export wide XLSX
              </button>
            </div>
          </div>
          {note ? (
            <p role="status" className="ok">
              {note}
            </p>
          ) : null}
          <ErrorNote lines={exportError} title="The export failed:" />
          {data.fields.length ? (
            <p className="hint">
              Per field: <span className="agree">agree</span> when every model gave the same value,{' '}
              <span className="differ">differ</span> otherwise.
            </p>
          ) : (
            <p className="hint">
              Free-text answers: an input counts as a disagreement when the texts are not identical.
            </p>
          )}
          {data.rows.length === 0 ? (
            <p className="hint" role="status">
              {onlyDisagreements
                ? 'The models agree on every input on this page and after it.'
                : 'No answers yet.'}
            </p>
          ) : null}
          <TableWrap label="Answers per model">
            <table className="table compare">
              <caption className="visually-hidden">Answers per input and model</caption>
              <thead>
                <tr>
                  <th scope="col">Input</th>
                  {data.models.map((m) => (
                    <th scope="col" key={m}>
                      {m}
                    </th>
                  ))}
                  <th scope="col">Agreement</th>
                </tr>
              </thead>
              <tbody>
                {data.rows.map((row, i) => (
                  <tr key={`${row.input}-${i}`} data-testid="compare-row">
                    <th scope="row">{row.input}</th>
                    {data.models.map((m) => (
                      <CompareCell
                        key={m}
                        answer={row.answers[m]}
                        fields={data.fields}
                        row={row}
                        label={`the answer of ${m} to ${row.input}`}
                        simulated={simulated}
                      />
                    ))}
                    <td>
                      {data.fields.length ? (
                        <ul className="agreement">
                          {data.fields.map((f) => (
                            <li key={f} className={row.agreement[f] ? 'agree' : 'differ'}>
                              {f}: {row.agreement[f] ? 'agree' : 'differ'}
                            </li>
                          ))}
                        </ul>
                      ) : (
                        <span className={row.agree ? 'agree' : 'differ'}>
                          {row.agree ? 'same text' : 'differ'}
                        </span>
                      )}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </TableWrap>
          <div className="button-row pager">
            <button
              type="button"
              disabled={offset === 0}
              onClick={() => setOffset(Math.max(0, offset - PAGE))}
            >
              Previous
            </button>
            <button type="button" disabled={!data.has_more} onClick={() => setOffset(offset + PAGE)}>
              Next
            </button>
          </div>
        </>
      ) : null}
    </div>
  );
}
