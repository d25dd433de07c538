// Cohen's κ per pair and Fleiss' κ equal the published worked examples (issue 18 acceptance: "Cohen's and Fleiss' κ
// textbook tables … to 1e-9").
import { describe, expect, it } from 'vitest';
import { agreementReport } from '../../../src/main/analysis/agreement/index.ts';
import {
  COHEN_1960,
  FLEISS_1971_DIAGNOSES,
  FLEISS_TEN_SUBJECTS,
  tableFromCategoryCounts,
  tableFromPairCounts,
  tableFromRows,
} from './published-examples.ts';

const NO_BOOTSTRAP = { resamples: 0 };

describe("Cohen's κ", () => {
  const report = agreementReport(tableFromPairCounts(COHEN_1960.labels, COHEN_1960.counts), { kind: 'nominal', levels: COHEN_1960.labels }, NO_BOOTSTRAP);
  const [pair] = report.pairs;

  it("equals Cohen (1960)'s worked example: κ = 29/59 (published .49)", () => {
    expect(pair!.cohen_kappa.value).toBeCloseTo(COHEN_1960.kappa, 9);
    expect(Math.abs(pair!.cohen_kappa.value! - COHEN_1960.kappa)).toBeLessThan(1e-9);
    expect(pair!.cohen_kappa.value!.toFixed(2)).toBe(COHEN_1960.publishedKappa.toFixed(2));
  });

  it('reports the pair percent agreement p_o = .70 over the 200 units both judges rated', () => {
    expect(pair!.units).toBe(200);
    expect(pair!.agreements).toBe(140);
    expect(Math.abs(pair!.percent_agreement.value! - COHEN_1960.observed)).toBeLessThan(1e-9);
  });

  it('gives back the cross-tabulation as the confusion matrix, in the field’s label order', () => {
    expect(pair!.confusion).toEqual({ rows: 'a', columns: 'b', labels: COHEN_1960.labels, counts: COHEN_1960.counts });
  });

  it('uses only the units both raters rated', () => {
    const base = tableFromPairCounts(COHEN_1960.labels, COHEN_1960.counts);
    const withGaps = { ...base, units: [...base.units, { id: 'x1', values: ['1', null] }, { id: 'x2', values: [null, '3'] }] };
    const gapped = agreementReport(withGaps, { kind: 'nominal', levels: COHEN_1960.labels }, NO_BOOTSTRAP).pairs[0]!;
    expect(gapped.units).toBe(200);
    expect(Math.abs(gapped.cohen_kappa.value! - COHEN_1960.kappa)).toBeLessThan(1e-9);
  });
});

describe("Fleiss' κ", () => {
  it('equals the 10-subject, 14-rater example: κ = 4211/20059 (published 0.210), P̄ = 172/455', () => {
    const report = agreementReport(tableFromCategoryCounts(FLEISS_TEN_SUBJECTS.counts), { kind: 'nominal', levels: [1, 2, 3, 4, 5] }, NO_BOOTSTRAP);
    expect(Math.abs(report.overall.fleiss_kappa.value! - FLEISS_TEN_SUBJECTS.kappa)).toBeLessThan(1e-9);
    expect(report.overall.fleiss_kappa.value!.toFixed(3)).toBe(FLEISS_TEN_SUBJECTS.publishedKappa.toFixed(3));
    expect(Math.abs(report.overall.percent_agreement.value! - FLEISS_TEN_SUBJECTS.meanAgreement)).toBeLessThan(1e-9);
    expect(report.overall.units).toBe(10);
  });

  it('equals Fleiss (1971)’s diagnoses of 30 patients by 6 psychiatrists: κ = 5437/12637 (published .430)', () => {
    const raters = ['p1', 'p2', 'p3', 'p4', 'p5', 'p6'];
    const report = agreementReport(tableFromRows(raters, FLEISS_1971_DIAGNOSES.ratings), { kind: 'nominal' }, NO_BOOTSTRAP);
    expect(Math.abs(report.overall.fleiss_kappa.value! - FLEISS_1971_DIAGNOSES.kappa)).toBeLessThan(1e-9);
    expect(report.overall.fleiss_kappa.value!.toFixed(3)).toBe(FLEISS_1971_DIAGNOSES.publishedKappa.toFixed(3));
    expect(report.pairs).toHaveLength(15);
  });

  it('drops units with fewer than two ratings and uses each unit’s own number of ratings', () => {
    // Units: [x, x, y] → P = 2/6; [x, y, missing] → P = 0; [x, missing, missing] is dropped.
    // P̄ = (1/3 + 0)/2 = 1/6; shares over the 5 ratings: x 3/5, y 2/5 → P̄e = 13/25; κ = (1/6 − 13/25)/(12/25) = −53/72.
    const report = agreementReport(tableFromRows(['r1', 'r2', 'r3'], [['x', 'x', 'y'], ['x', 'y', null], ['x', null, null]]), { kind: 'nominal' }, NO_BOOTSTRAP);
    expect(report.overall.units).toBe(2);
    expect(Math.abs(report.overall.percent_agreement.value! - 1 / 6)).toBeLessThan(1e-12);
    expect(Math.abs(report.overall.fleiss_kappa.value! - -53 / 72)).toBeLessThan(1e-12);
  });
});
