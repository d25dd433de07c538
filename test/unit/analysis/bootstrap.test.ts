// Bootstrap intervals: deterministic for a seed (so the CLI, the UI and the CSV show the same numbers), the
// configured number of resamples, and intervals that contain the point estimate on the published examples.
import { describe, expect, it } from 'vitest';
import { agreementReport, type AgreementReport, type Estimate } from '../../../src/main/analysis/agreement/index.ts';
import { COHEN_1960, FLEISS_1971_DIAGNOSES, krippendorffTable, tableFromPairCounts, tableFromRows } from './published-examples.ts';

function estimates(report: AgreementReport): [string, Estimate][] {
  const { overall } = report;
  return [
    ['percent agreement', overall.percent_agreement],
    ['unanimous share', overall.unanimous_share],
    ["Fleiss' κ", overall.fleiss_kappa],
    ['nominal α', overall.krippendorff_alpha.nominal],
    ['ordinal α', overall.krippendorff_alpha.ordinal],
    ['interval α', overall.krippendorff_alpha.interval],
    ...report.pairs.flatMap((p): [string, Estimate][] => [
      [`${p.raters.join('–')} agreement`, p.percent_agreement],
      [`${p.raters.join('–')} κ`, p.cohen_kappa],
    ]),
  ];
}

describe('bootstrap intervals', () => {
  it('are the same for the same seed and differ for another seed', () => {
    const a = agreementReport(krippendorffTable(), { kind: 'interval' }, { seed: 7 });
    const b = agreementReport(krippendorffTable(), { kind: 'interval' }, { seed: 7 });
    const c = agreementReport(krippendorffTable(), { kind: 'interval' }, { seed: 8 });
    expect(JSON.stringify(a)).toBe(JSON.stringify(b));
    expect(a.overall.krippendorff_alpha.interval.ci).not.toEqual(c.overall.krippendorff_alpha.interval.ci);
    expect(a.overall.krippendorff_alpha.interval.value).toBe(c.overall.krippendorff_alpha.interval.value);
  });

  it('use 1,000 resamples and a 95% level by default, and the number asked for otherwise', () => {
    const byDefault = agreementReport(krippendorffTable(), { kind: 'interval' });
    expect(byDefault.bootstrap).toEqual({ method: 'percentile', resampled: 'units', resamples: 1000, seed: 1, level: 0.95 });
    expect(byDefault.overall.krippendorff_alpha.nominal.ci!.resamples).toBe(1000);
    const few = agreementReport(krippendorffTable(), { kind: 'interval' }, { resamples: 200, level: 0.9 });
    expect(few.overall.krippendorff_alpha.nominal.ci!.resamples).toBe(200);
    expect(agreementReport(krippendorffTable(), { kind: 'interval' }, { resamples: 0 }).overall.fleiss_kappa.ci).toBeNull();
  });

  const examples: [string, AgreementReport][] = [
    ["Krippendorff's 12 units", agreementReport(krippendorffTable(), { kind: 'interval' })],
    ["Cohen's 200 units", agreementReport(tableFromPairCounts(COHEN_1960.labels, COHEN_1960.counts), { kind: 'nominal' })],
    ["Fleiss' 30 patients", agreementReport(tableFromRows(['p1', 'p2', 'p3', 'p4', 'p5', 'p6'], FLEISS_1971_DIAGNOSES.ratings), { kind: 'ordinal' })],
  ];
  it.each(examples)('contain the point estimate on %s', (_, report) => {
    for (const [name, estimate] of estimates(report)) {
      if (estimate.value === null) continue;
      expect(estimate.ci, name).not.toBeNull();
      expect(estimate.ci!.low, name).toBeLessThanOrEqual(estimate.value);
      expect(estimate.ci!.high, name).toBeGreaterThanOrEqual(estimate.value);
      expect(estimate.ci!.high - estimate.ci!.low, name).toBeGreaterThan(0);
    }
  });

  it("narrow as units are added: Cohen's table ×4 gives a κ interval about half as wide", () => {
    const once = agreementReport(tableFromPairCounts(COHEN_1960.labels, COHEN_1960.counts), { kind: 'nominal' }).pairs[0]!.cohen_kappa.ci!;
    const fourTimes = COHEN_1960.counts.map((row) => row.map((n) => n * 4));
    const larger = agreementReport(tableFromPairCounts(COHEN_1960.labels, fourTimes), { kind: 'nominal' }).pairs[0]!.cohen_kappa.ci!;
    const ratio = (larger.high - larger.low) / (once.high - once.low);
    expect(ratio).toBeGreaterThan(0.4);
    expect(ratio).toBeLessThan(0.6);
  });
});
