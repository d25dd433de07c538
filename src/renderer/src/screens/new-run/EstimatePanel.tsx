// What the run will cost before anything is spent: per model tokens and batch cost, typically and at most (every
// job using its max output tokens), the synchronous cost and savings, what to know first (warnings), and the
// first requests exactly as they will be sent. A model without a price can be priced here.
import type { OperationOutput } from '../../../../shared/contract.ts';
import { ErrorNote, SimulatedBadge } from '../../components/bits.tsx';
import { count, plural, readableJson, usd } from '../../format.ts';
import { PriceForModel } from './PriceForModel.tsx';

export type Estimate = OperationOutput<'runs.estimate'>;

/** "typically 1,200, at most 8,000" (money or tokens); one figure when both are the same. */
function Range({
  typical,
  max,
  format,
}: {
  typical: number | null;
  max: number | null;
  format(v: number | null): string;
}) {
  if (typical === max || max === null) return <>{format(typical)}</>;
  return (
    <>
      <span className="typical">{format(typical)}</span>
      <span className="hint at-most"> at most {format(max)}</span>
    </>
  );
}

export function EstimatePanel({
  estimate,
  loading,
  problems,
  blockers,
  onPriced,
}: {
  estimate: Estimate | null;
  loading: boolean;
  problems: string[] | null;
  /** What keeps the estimate from being made (see estimateBlockers). */
  blockers: string[];
  /** A price was saved: estimate again. */
  onPriced(): void;
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
      {!estimate && !problems && blockers.length ? (
        <div className="hint" data-testid="estimate-blockers">
          To see what the run will cost:
          <ul>
            {blockers.map((b) => (
              <li key={b}>{b}</li>
            ))}
          </ul>
        </div>
      ) : null}
      {estimate?.warnings.length ? (
        <div className="warnings" role="note" data-testid="estimate-warnings">
          <strong>Before you start:</strong>
          <ul>
            {estimate.warnings.map((w) => (
              <li key={w}>{w}</li>
            ))}
          </ul>
        </div>
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
                  Output tokens (typically, at most)
                </th>
                <th scope="col" className="num">
                  Batch cost (typically, at most)
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
                  <td className="num">
                    <Range
                      typical={m.output_tokens}
                      max={m.output_tokens_max}
                      format={(v) => count(v ?? 0)}
                    />
                  </td>
                  <td className="num">
                    <Range typical={m.batch_usd} max={m.batch_usd_max} format={usd} />
                    {m.batch_usd === null && !m.simulated ? (
                      <PriceForModel model={m.model} onSaved={onPriced} />
                    ) : null}
                  </td>
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
                <td className="num">
                  <Range
                    typical={estimate.output_tokens}
                    max={estimate.output_tokens_max}
                    format={(v) => count(v ?? 0)}
                  />
                </td>
                <td className="num" data-testid="estimate-total">
                  <strong>
                    <Range typical={estimate.batch_usd} max={estimate.batch_usd_max} format={usd} />
                  </strong>
                </td>
                <td className="num">{usd(estimate.sync_usd)}</td>
                <td className="num savings">
                  <strong>{usd(estimate.savings_usd)}</strong>
                </td>
              </tr>
            </tfoot>
          </table>
          <p className="hint" data-testid="estimate-summary">
            {estimate.batch_usd === null
              ? 'The cost is unknown until every model has a price (set one above, or in Settings → Price overrides)'
              : `Typically ${usd(estimate.batch_usd)}, at most ${usd(estimate.batch_usd_max)}${estimate.simulated ? ' (simulated)' : ''}`}
            , in {plural(estimate.batches.length, 'provider batch', 'provider batches')}
            {estimate.batches.some((b) => b.is_pilot) ? ', starting with a pilot' : ''}. “Typically” is each
            model’s usual answer length; “at most” is every job using its max output tokens (what a cost limit
            checks): set “Max output tokens” to lower it.
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
      <h2 id="preview-title">
        {estimate.preview.length === 1
          ? 'The first request as it will be sent'
          : `First ${estimate.preview.length} requests as they will be sent`}
      </h2>
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
