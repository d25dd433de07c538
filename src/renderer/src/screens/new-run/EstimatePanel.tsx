// What the run will cost before anything is spent: per model tokens, batch vs synchronous cost and savings,
// and the first requests exactly as they will be sent.
import type { OperationOutput } from '../../../../shared/contract.ts';
import { ErrorNote, SimulatedBadge } from '../../components/bits.tsx';
import { count, readableJson, usd } from '../../format.ts';

export type Estimate = OperationOutput<'runs.estimate'>;

export function EstimatePanel({
  estimate,
  loading,
  problems,
}: {
  estimate: Estimate | null;
  loading: boolean;
  problems: string[] | null;
}) {
  return (
    <section className="panel estimate" aria-labelledby="estimate-title" aria-busy={loading}>
      <h2 id="estimate-title">
        Estimate {estimate ? <SimulatedBadge simulated={estimate.simulated} /> : null}
        {loading ? (
          <span className="hint" role="status">
            {' '}
            updating…
          </span>
        ) : null}
      </h2>
      <ErrorNote lines={problems} title="Fix this to see the cost and start the run:" />
      {!estimate && !problems ? (
        <p className="hint">Add inputs, a prompt and at least one model to see what the run will cost.</p>
      ) : null}
      {estimate ? (
        <>
          <table className="table" data-testid="estimate-table">
            <caption className="visually-hidden">Estimated cost per model</caption>
            <thead>
              <tr>
                <th scope="col">Model</th>
                <th scope="col" className="num">
                  Jobs
                </th>
                <th scope="col" className="num">
                  Input tokens
                </th>
                <th scope="col" className="num">
                  Output tokens
                </th>
                <th scope="col" className="num">
                  Batch cost
                </th>
                <th scope="col" className="num">
                  Synchronous
                </th>
                <th scope="col" className="num">
                  You save
                </th>
              </tr>
            </thead>
            <tbody>
              {estimate.per_model.map((m) => (
                <tr key={m.model} data-testid="estimate-row">
                  <th scope="row">
                    {m.model} <SimulatedBadge simulated={m.simulated} />
                  </th>
                  <td className="num">{count(m.jobs)}</td>
                  <td className="num">{count(m.input_tokens)}</td>
                  <td className="num">{count(m.output_tokens)}</td>
                  <td className="num">{usd(m.batch_usd)}</td>
                  <td className="num">{usd(m.sync_usd)}</td>
                  <td className="num savings">{usd(m.savings_usd)}</td>
                </tr>
              ))}
            </tbody>
            <tfoot>
              <tr>
                <th scope="row">Total</th>
                <td className="num">{count(estimate.jobs)}</td>
                <td className="num">{count(estimate.input_tokens)}</td>
                <td className="num">{count(estimate.output_tokens)}</td>
                <td className="num">
                  <strong>{usd(estimate.batch_usd)}</strong>
                </td>
                <td className="num">{usd(estimate.sync_usd)}</td>
                <td className="num savings">
                  <strong>{usd(estimate.savings_usd)}</strong>
                </td>
              </tr>
            </tfoot>
          </table>
          <p className="hint">
            {estimate.batches.length} provider batch{estimate.batches.length === 1 ? '' : 'es'}
            {estimate.batches.some((b) => b.is_pilot) ? ', starting with a pilot' : ''}. Output tokens are an
            estimate: set “Max output tokens” to cap them.
            {estimate.simulated ? ' Demo models are simulated: no money is spent.' : ''}
          </p>
        </>
      ) : null}
    </section>
  );
}

export function RequestPreview({ estimate }: { estimate: Estimate | null }) {
  if (!estimate || estimate.preview.length === 0) return null;
  return (
    <section className="panel" aria-labelledby="preview-title">
      <h2 id="preview-title">First {estimate.preview.length} requests as they will be sent</h2>
      {estimate.preview.slice(0, 3).map((p) => (
        <details key={p.job_id} className="preview" open={estimate.preview.length === 1}>
          <summary>
            {p.job_id} → {p.model}
          </summary>
          <pre className="code" tabIndex={0}>
            {readableJson(p.request)}
          </pre>
        </details>
      ))}
    </section>
  );
}
