// Published worked examples the agreement statistics are checked against, with the exact values derived from them
// (rational numbers, worked out by hand from the formulas in docs/agreement.md and checked with exact fractions).
import type { RatingTable, RatingValue } from '../../../src/main/analysis/agreement/index.ts';

/**
 * Cohen (1960), "A coefficient of agreement for nominal scales", Educational and Psychological Measurement 20(1),
 * 37–46, worked example on p. 45: 200 units, judge A (rows) × judge B (columns), 3 categories. Published:
 * p_o = .70, p_c = .41, κ = .49. Exact: p_c = .6·.5 + .3·.3 + .1·.2 = 41/100, κ = (70 − 41)/(100 − 41) = 29/59.
 */
export const COHEN_1960 = {
  labels: ['1', '2', '3'],
  counts: [
    [88, 14, 18],
    [10, 40, 10],
    [2, 6, 12],
  ],
  observed: 7 / 10,
  kappa: 29 / 59,
  publishedKappa: 0.49,
};

/**
 * The 10-subject, 14-rater, 5-category table used to illustrate Fleiss' κ (Fleiss 1971's statistic; the table is
 * the one reproduced in Wikipedia's "Fleiss' kappa" worked example and in statsmodels' tests). Published: P̄ = 0.378,
 * P̄e = 0.213, κ = 0.210. Exact: P̄ = 172/455, P̄e = 417/1960, κ = 4211/20059.
 */
export const FLEISS_TEN_SUBJECTS = {
  counts: [
    [0, 0, 0, 0, 14],
    [0, 2, 6, 4, 2],
    [0, 0, 3, 5, 6],
    [0, 3, 9, 2, 0],
    [2, 2, 8, 1, 1],
    [7, 7, 0, 0, 0],
    [3, 2, 6, 3, 0],
    [2, 5, 3, 2, 2],
    [6, 5, 2, 1, 0],
    [0, 2, 2, 3, 7],
  ],
  meanAgreement: 172 / 455,
  chanceAgreement: 417 / 1960,
  kappa: 4211 / 20059,
  publishedKappa: 0.21,
};

/**
 * Fleiss (1971), Psychological Bulletin 76(5), 378–382: 30 patients, 6 psychiatrists each, 5 diagnoses (the data as
 * distributed with R's irr package, `diagnoses`). Published: κ = .430 (irr's kappam.fleiss: 0.4302445).
 * Exact: κ = 5437/12637.
 */
export const FLEISS_1971_DIAGNOSES = {
  ratings: [
    [4, 4, 4, 4, 4, 4], [2, 2, 2, 5, 5, 5], [2, 3, 3, 3, 3, 5], [5, 5, 5, 5, 5, 5], [2, 2, 2, 4, 4, 4],
    [1, 1, 3, 3, 3, 3], [3, 3, 3, 3, 5, 5], [1, 1, 3, 3, 3, 4], [1, 1, 4, 4, 4, 4], [5, 5, 5, 5, 5, 5],
    [1, 4, 4, 4, 4, 4], [1, 2, 4, 4, 4, 4], [2, 2, 2, 3, 3, 3], [1, 4, 4, 4, 4, 4], [2, 2, 4, 4, 4, 5],
    [3, 3, 3, 3, 3, 5], [1, 1, 1, 4, 5, 5], [1, 1, 1, 1, 1, 2], [2, 2, 4, 4, 4, 4], [1, 3, 3, 5, 5, 5],
    [5, 5, 5, 5, 5, 5], [2, 4, 4, 4, 4, 4], [2, 2, 4, 5, 5, 5], [1, 1, 4, 4, 4, 4], [1, 4, 4, 4, 4, 5],
    [2, 2, 2, 2, 2, 4], [1, 1, 1, 1, 5, 5], [2, 2, 4, 4, 4, 4], [1, 3, 3, 3, 3, 3], [5, 5, 5, 5, 5, 5],
  ],
  kappa: 5437 / 12637,
  publishedKappa: 0.43,
};

/**
 * Krippendorff (2011), "Computing Krippendorff's Alpha-Reliability" (repository.upenn.edu/asc_papers/43): the
 * reliability data with missing values that the paper works through for every metric: 4 observers, 12 units, null =
 * no value. Published: nominal α = 0.743, ordinal α = 0.815,
 * interval α = 0.849. The coincidence matrix has n = 40 pairable values, n_c = 9, 13, 10, 5, 3 for values 1–5;
 * exact: nominal α = 1 − 39·8/1216 = 113/152, ordinal α = 1 − 73749/399480 = 108577/133160,
 * interval α = 1 − 676/4480 = 951/1120.
 */
export const KRIPPENDORFF_2011 = {
  observers: ['A', 'B', 'C', 'D'],
  data: [
    [1, 2, 3, 3, 2, 1, 4, 1, 2, null, null, null],
    [1, 2, 3, 3, 2, 2, 4, 1, 2, 5, null, 3],
    [null, 3, 3, 3, 2, 3, 4, 2, 2, 5, 1, null],
    [1, 2, 3, 3, 2, 4, 4, 1, 2, 5, 1, null],
  ] as (number | null)[][],
  /** o_ck for c, k = 1..5, as the paper tabulates it. */
  coincidences: [
    [7, 4 / 3, 1 / 3, 1 / 3, 0],
    [4 / 3, 10, 4 / 3, 1 / 3, 0],
    [1 / 3, 4 / 3, 8, 1 / 3, 0],
    [1 / 3, 1 / 3, 1 / 3, 4, 0],
    [0, 0, 0, 0, 3],
  ],
  nominal: 113 / 152,
  ordinal: 108577 / 133160,
  interval: 951 / 1120,
  published: { nominal: 0.743, ordinal: 0.815, interval: 0.849 },
};

/** Two raters' table from a cross-tabulation: counts[i][j] units rated labels[i] by the first, labels[j] by the second. */
export function tableFromPairCounts(labels: RatingValue[], counts: number[][], raters = ['a', 'b']): RatingTable {
  const units: RatingTable['units'] = [];
  counts.forEach((row, i) => row.forEach((count, j) => {
    for (let n = 0; n < count; n++) units.push({ id: `u${units.length + 1}`, values: [labels[i]!, labels[j]!] });
  }));
  return { raters, units };
}

/** A units × raters table from per-subject category counts (Fleiss' layout): rater r gives the r-th rating. */
export function tableFromCategoryCounts(counts: number[][]): RatingTable {
  const raterCount = counts[0]!.reduce((sum, n) => sum + n, 0);
  return {
    raters: Array.from({ length: raterCount }, (_, r) => `rater${r + 1}`),
    units: counts.map((row, s) => ({ id: `subject${s + 1}`, values: row.flatMap((count, category) => new Array<RatingValue>(count).fill(category + 1)) })),
  };
}

/** A units × raters table from rows of ratings (one row per unit). */
export function tableFromRows(raters: string[], rows: (RatingValue | null)[][]): RatingTable {
  return { raters, units: rows.map((values, u) => ({ id: `u${u + 1}`, values })) };
}

/** Krippendorff's reliability data (observers × units) as a units × raters table. */
export function krippendorffTable(): RatingTable {
  const { observers, data } = KRIPPENDORFF_2011;
  return { raters: observers, units: data[0]!.map((_, u) => ({ id: `unit${u + 1}`, values: data.map((row) => row[u]!) })) };
}
