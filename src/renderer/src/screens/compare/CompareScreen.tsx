// Several models on the same inputs: one row per input, each model's answer side by side, and for structured
// output whether the models agree on each field.
import { useState } from 'react';
import { call } from '../../api.ts';
import { EmptyState, ErrorNote, StatusBadge, TableWrap } from '../../components/bits.tsx';
import { useLoad } from '../../hooks.ts';
import { useLive } from '../../state/live.ts';
import { hrefOf } from '../../state/route.ts';

const PAGE = 100;

function show(value: unknown): string {
  if (value === undefined || value === null) return '—';
  return typeof value === 'string' ? value : JSON.stringify(value);
}

export function CompareScreen({ runId }: { runId: string }) {
  const [offset, setOffset] = useState(0);
  const version = useLive((s) => s.version[runId] ?? 0);
  const { data, error } = useLoad(
    () => call('runs.compare', { run_id: runId, limit: PAGE, offset }),
    [runId, offset, version],
    2000,
  );

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
          {data.fields.length ? (
            <p className="hint">
              Per field: <span className="agree">agree</span> when every model gave the same value,{' '}
              <span className="differ">differ</span> otherwise.
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
                  {data.fields.length ? <th scope="col">Agreement</th> : null}
                </tr>
              </thead>
              <tbody>
                {data.rows.map((row, i) => (
                  <tr key={`${row.input}-${i}`} data-testid="compare-row">
                    <th scope="row">{row.input}</th>
                    {data.models.map((m) => {
                      const answer = row.answers[m];
                      if (!answer) return <td key={m}>—</td>;
                      const parsed =
                        answer.parsed && typeof answer.parsed === 'object'
                          ? (answer.parsed as Record<string, unknown>)
                          : null;
                      return (
                        <td key={m}>
                          {answer.status !== 'succeeded' ? <StatusBadge status={answer.status} /> : null}
                          {parsed && data.fields.length ? (
                            <dl className="facts compact">
                              {data.fields.map((f) => (
                                <div key={f} className={row.agreement[f] === false ? 'differ' : undefined}>
                                  <dt className="mono">{f}</dt>
                                  <dd>{show(parsed[f])}</dd>
                                </div>
                              ))}
                            </dl>
                          ) : (
                            <p className="answer">{answer.output ?? ''}</p>
                          )}
                        </td>
                      );
                    })}
                    {data.fields.length ? (
                      <td>
                        <ul className="agreement">
                          {data.fields.map((f) => (
                            <li key={f} className={row.agreement[f] ? 'agree' : 'differ'}>
                              {f}: {row.agreement[f] ? 'agree' : 'differ'}
                            </li>
                          ))}
                        </ul>
                      </td>
                    ) : null}
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
            <button type="button" disabled={data.rows.length < PAGE} onClick={() => setOffset(offset + PAGE)}>
              Next
            </button>
          </div>
        </>
      ) : null}
    </div>
  );
}
