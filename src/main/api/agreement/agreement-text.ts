// The agreement report as plain-text tables for a terminal (batchdesk agreement without --json).
import { formatEstimate, formatStatistic, type AgreementReport } from '../../../shared/agreement-report.ts';
import { table } from '../estimate-text.ts';

function confusionText(report: AgreementReport): string {
  const blocks: string[] = [];
  for (const pair of report.pairs) {
    if (!pair.confusion) continue;
    const { rows, columns, labels, counts } = pair.confusion;
    const header = [`${rows} ↓ / ${columns} →`, ...labels.map(String)];
    blocks.push(table([header, ...counts.map((line, i) => [String(labels[i]), ...line])]));
  }
  return blocks.length ? `\nConfusion matrices\n${blocks.join('\n')}` : '';
}

export function agreementText(report: AgreementReport): string {
  const { overall } = report;
  const level = `${Math.round(report.bootstrap.level * 100)}%`;
  const out: string[] = [];
  out.push(`Agreement on ${report.field.name ?? 'the answers'} (${report.field.kind}) · ${report.units} units · ${report.bootstrap.resamples} bootstrap resamples, ${level} intervals\n\n`);
  out.push(table([['rater', 'role', 'rated', 'missing'], ...report.raters.map((r) => [r.name, r.role, r.rated, r.missing])]));
  const alpha = overall.krippendorff_alpha;
  out.push(`\nOverall (${overall.raters.join(', ')}; ${overall.units} units with two or more ratings)\n`);
  out.push(
    table([
      ['statistic', `value [${level} CI]`, 'note'],
      ['percent agreement', formatEstimate(overall.percent_agreement), overall.percent_agreement.note ?? ''],
      ['unanimous share', formatEstimate(overall.unanimous_share), overall.unanimous_share.note ?? ''],
      ["Fleiss' kappa", formatEstimate(overall.fleiss_kappa), overall.fleiss_kappa.note ?? ''],
      ["Krippendorff's alpha (nominal)", formatEstimate(alpha.nominal), alpha.nominal.note ?? ''],
      ["Krippendorff's alpha (ordinal)", formatEstimate(alpha.ordinal), alpha.ordinal.note ?? ''],
      ["Krippendorff's alpha (interval)", formatEstimate(alpha.interval), alpha.interval.note ?? ''],
    ]),
  );
  out.push('\nPairs\n');
  out.push(table([['rater a', 'rater b', 'units', 'agreements', 'percent agreement', "Cohen's kappa"], ...report.pairs.map((p) => [p.raters[0], p.raters[1], p.units, p.agreements, formatEstimate(p.percent_agreement), formatEstimate(p.cohen_kappa)])]));
  if (report.against_gold.length) {
    out.push('\nAgainst gold\n');
    out.push(
      table([
        ['model', 'gold', 'units', 'answered', 'accuracy', 'macro-F1', "Cohen's kappa", 'mean abs. error'],
        ...report.against_gold.map((g) => [g.model, g.gold, g.units, g.answered, formatEstimate(g.accuracy), formatEstimate(g.macro_f1), formatStatistic(g.cohen_kappa.value), formatStatistic(g.mean_absolute_error.value)]),
      ]),
    );
  }
  out.push(confusionText(report));
  out.push(`\n${report.notes.map((n) => `note: ${n}`).join('\n')}\n`);
  return out.join('');
}
