// The agreement report as one tidy CSV table: one number per row, so R or pandas can filter and pivot it, and every
// value is the report's own (full precision, not rounded). Rows: the raters, the overall statistics, each pair,
// each model against gold with its per-label scores, and every confusion-matrix cell.
import { stringify } from 'csv-stringify/sync';
import { neutraliseFormula } from './csv.ts';
import type { AgreementReport, Estimate, RatingValue } from '../../shared/agreement-report.ts';

export const AGREEMENT_CSV_COLUMNS = ['section', 'rater_a', 'rater_b', 'label_a', 'label_b', 'statistic', 'value', 'ci_low', 'ci_high', 'ci_resamples', 'note'] as const;

type Row = Partial<Record<(typeof AGREEMENT_CSV_COLUMNS)[number], string | number | null>>;

const label = (value: RatingValue | undefined) => (value === undefined ? null : String(value));
const estimateRow = (base: Row, statistic: string, estimate: Estimate): Row => ({
  ...base,
  statistic,
  value: estimate.value,
  ci_low: estimate.ci?.low ?? null,
  ci_high: estimate.ci?.high ?? null,
  ci_resamples: estimate.ci?.resamples ?? null,
  note: estimate.note,
});

export function agreementRows(report: AgreementReport): Row[] {
  const rows: Row[] = [];
  for (const rater of report.raters) {
    rows.push({ section: 'raters', rater_a: rater.name, statistic: 'rated', value: rater.rated, note: rater.role });
    rows.push({ section: 'raters', rater_a: rater.name, statistic: 'missing', value: rater.missing, note: rater.role });
  }
  const { overall } = report;
  const base: Row = { section: 'overall' };
  rows.push({ ...base, statistic: 'units', value: overall.units }, { ...base, statistic: 'pairable_values', value: overall.pairable_values });
  rows.push(estimateRow(base, 'percent_agreement', overall.percent_agreement), estimateRow(base, 'unanimous_share', overall.unanimous_share), estimateRow(base, 'fleiss_kappa', overall.fleiss_kappa));
  for (const metric of ['nominal', 'ordinal', 'interval'] as const) rows.push(estimateRow(base, `krippendorff_alpha_${metric}`, overall.krippendorff_alpha[metric]));
  for (const pair of report.pairs) {
    const at: Row = { section: 'pair', rater_a: pair.raters[0], rater_b: pair.raters[1] };
    rows.push({ ...at, statistic: 'units', value: pair.units }, { ...at, statistic: 'agreements', value: pair.agreements });
    rows.push(estimateRow(at, 'percent_agreement', pair.percent_agreement), estimateRow(at, 'cohen_kappa', pair.cohen_kappa));
  }
  for (const gold of report.against_gold) {
    const at: Row = { section: 'against_gold', rater_a: gold.model, rater_b: gold.gold };
    rows.push({ ...at, statistic: 'units', value: gold.units }, { ...at, statistic: 'answered', value: gold.answered });
    for (const statistic of ['accuracy', 'macro_f1', 'cohen_kappa', 'mean_absolute_error'] as const) rows.push(estimateRow(at, statistic, gold[statistic]));
    for (const score of gold.per_label) {
      const perLabel: Row = { section: 'per_label', rater_a: gold.model, rater_b: gold.gold, label_a: label(score.label) };
      for (const statistic of ['support', 'predicted', 'precision', 'recall', 'f1'] as const) rows.push({ ...perLabel, statistic, value: score[statistic] });
    }
  }
  for (const pair of report.pairs) {
    if (!pair.confusion) continue;
    const { rows: rowRater, columns, labels, counts } = pair.confusion;
    counts.forEach((line, i) => line.forEach((count, j) => rows.push({ section: 'confusion', rater_a: rowRater, rater_b: columns, label_a: label(labels[i]), label_b: label(labels[j]), statistic: 'count', value: count })));
  }
  return rows;
}

export function agreementCsv(report: AgreementReport): string {
  const rows = agreementRows(report).map((row) => AGREEMENT_CSV_COLUMNS.map((column) => row[column] ?? null));
  // Labels and rater names come from model output: a cell never starts a formula (csv.ts).
  return stringify([[...AGREEMENT_CSV_COLUMNS], ...rows], { cast: { number: (n) => String(n), string: neutraliseFormula } });
}
