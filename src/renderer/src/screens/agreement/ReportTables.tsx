// The agreement report as tables: overall statistics, each pair, each model against gold, and the confusion
// matrices, whose cells open the inputs behind them. Numbers use the contract's formatter, so they read as the
// CLI prints them; data-value keeps the full value.
import {
  formatStatistic,
  type AgreementReport,
  type Estimate,
  type RatingValue,
} from '../../../../shared/agreement-report.ts';
import { TableWrap } from '../../components/bits.tsx';

export interface UnitFilter {
  pair?: [string, string];
  cell?: [RatingValue, RatingValue];
}

function Value({ estimate, id }: { estimate: Estimate; id: string }) {
  return (
    <td data-testid={id} data-value={estimate.value ?? ''} title={estimate.note ?? undefined}>
      {formatStatistic(estimate.value)}
      {estimate.ci ? (
        <span className="hint">
          {' '}
          [{formatStatistic(estimate.ci.low)}, {formatStatistic(estimate.ci.high)}]
        </span>
      ) : null}
      {estimate.value === null && estimate.note ? <span className="hint"> ({estimate.note})</span> : null}
    </td>
  );
}

export function OverallTable({ report }: { report: AgreementReport }) {
  const { overall } = report;
  const rows: [string, string, Estimate][] = [
    ['percent_agreement', 'Percent agreement', overall.percent_agreement],
    ['unanimous_share', 'Unanimous share', overall.unanimous_share],
    ['fleiss_kappa', "Fleiss' κ", overall.fleiss_kappa],
    ['krippendorff_alpha_nominal', "Krippendorff's α (nominal)", overall.krippendorff_alpha.nominal],
    ['krippendorff_alpha_ordinal', "Krippendorff's α (ordinal)", overall.krippendorff_alpha.ordinal],
    ['krippendorff_alpha_interval', "Krippendorff's α (interval)", overall.krippendorff_alpha.interval],
  ];
  return (
    <table className="table">
      <caption>
        Overall: {overall.raters.join(', ')} · {overall.units} inputs with two or more answers
      </caption>
      <tbody>
        {rows.map(([key, name, estimate]) => (
          <tr key={key}>
            <th scope="row">{name}</th>
            <Value estimate={estimate} id={`overall-${key}`} />
          </tr>
        ))}
      </tbody>
    </table>
  );
}

export function PairsTable({
  report,
  onShow,
}: {
  report: AgreementReport;
  onShow(filter: UnitFilter): void;
}) {
  return (
    <table className="table">
      <caption>Pairs of raters</caption>
      <thead>
        <tr>
          <th scope="col">Raters</th>
          <th scope="col">Inputs</th>
          <th scope="col">Percent agreement</th>
          <th scope="col">Cohen's κ</th>
          <th scope="col">Disagreements</th>
        </tr>
      </thead>
      <tbody>
        {report.pairs.map((pair, i) => (
          <tr key={pair.raters.join(' ')} data-testid="pair-row">
            <th scope="row">{pair.raters.join(' · ')}</th>
            <td>{pair.units}</td>
            <Value estimate={pair.percent_agreement} id={`pair-${i}-percent_agreement`} />
            <Value estimate={pair.cohen_kappa} id={`pair-${i}-cohen_kappa`} />
            <td>
              <button type="button" onClick={() => onShow({ pair: pair.raters })}>
                Show {pair.units - pair.agreements}
              </button>
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

export function GoldTable({ report }: { report: AgreementReport }) {
  if (!report.against_gold.length) return null;
  return (
    <table className="table">
      <caption>Against the gold column</caption>
      <thead>
        <tr>
          <th scope="col">Model</th>
          <th scope="col">Answered</th>
          <th scope="col">Accuracy</th>
          <th scope="col">Macro-F1</th>
          <th scope="col">Mean abs. error</th>
        </tr>
      </thead>
      <tbody>
        {report.against_gold.map((gold, i) => (
          <tr key={gold.model}>
            <th scope="row">{gold.model}</th>
            <td>
              {gold.answered} of {gold.units}
            </td>
            <Value estimate={gold.accuracy} id={`gold-${i}-accuracy`} />
            <Value estimate={gold.macro_f1} id={`gold-${i}-macro_f1`} />
            <Value estimate={gold.mean_absolute_error} id={`gold-${i}-mean_absolute_error`} />
          </tr>
        ))}
      </tbody>
    </table>
  );
}

export function ConfusionMatrices({
  report,
  onShow,
}: {
  report: AgreementReport;
  onShow(filter: UnitFilter): void;
}) {
  return (
    <>
      {report.pairs.map((pair) =>
        pair.confusion ? (
          <TableWrap key={pair.raters.join(' ')} label={`Confusion matrix ${pair.raters.join(' and ')}`}>
            <table className="table confusion" data-testid="confusion">
              <caption>
                {pair.confusion.rows} (rows) × {pair.confusion.columns} (columns)
              </caption>
              <thead>
                <tr>
                  <td />
                  {pair.confusion.labels.map((label) => (
                    <th scope="col" key={String(label)}>
                      {String(label)}
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {pair.confusion.counts.map((line, i) => (
                  <tr key={String(pair.confusion!.labels[i])}>
                    <th scope="row">{String(pair.confusion!.labels[i])}</th>
                    {line.map((n, j) => {
                      const cell: [RatingValue, RatingValue] = [
                        pair.confusion!.labels[i]!,
                        pair.confusion!.labels[j]!,
                      ];
                      return (
                        <td key={j} className={i === j ? 'agree' : n ? 'differ' : undefined} data-value={n}>
                          {n ? (
                            <button
                              type="button"
                              aria-label={`${n} inputs: ${pair.raters[0]} ${String(cell[0])}, ${pair.raters[1]} ${String(cell[1])}`}
                              onClick={() => onShow({ pair: pair.raters, cell })}
                            >
                              {n}
                            </button>
                          ) : (
                            0
                          )}
                        </td>
                      );
                    })}
                  </tr>
                ))}
              </tbody>
            </table>
          </TableWrap>
        ) : null,
      )}
    </>
  );
}
