// Two raters at a time, on the units both rated: percent agreement, Cohen's κ and the confusion matrix.
// Cohen (1960), "A coefficient of agreement for nominal scales", Educational and Psychological Measurement 20(1).
import { chanceCorrected, known, undefinedBecause, type Stat } from './stat.ts';
import { codeAt, MISSING, unitCount, type EncodedTable } from './table.ts';

export interface PairTally {
  /** Units (weighted) that both raters rated. */
  units: number;
  agreements: number;
  /** Marginal counts per level: rater a's labels, rater b's labels. */
  rowTotals: Float64Array;
  columnTotals: Float64Array;
}

export function tallyPair(table: EncodedTable, a: number, b: number, weights: Float64Array): PairTally {
  const levels = table.levels.length;
  const tally: PairTally = { units: 0, agreements: 0, rowTotals: new Float64Array(levels), columnTotals: new Float64Array(levels) };
  for (let u = 0; u < unitCount(table); u++) {
    const w = weights[u]!;
    if (w === 0) continue;
    const x = codeAt(table, u, a);
    const y = codeAt(table, u, b);
    if (x === MISSING || y === MISSING) continue;
    tally.units += w;
    if (x === y) tally.agreements += w;
    tally.rowTotals[x]! += w;
    tally.columnTotals[y]! += w;
  }
  return tally;
}

export function pairPercentAgreement(tally: PairTally): Stat {
  return tally.units > 0 ? known(tally.agreements / tally.units) : undefinedBecause('no unit was rated by both');
}

/** κ = (p_o − p_e) / (1 − p_e), p_e = Σ_c p_a(c)·p_b(c) from each rater's own marginals. */
export function cohenKappa(tally: PairTally): Stat {
  if (tally.units === 0) return undefinedBecause('no unit was rated by both');
  let chance = 0;
  for (let c = 0; c < tally.rowTotals.length; c++) chance += (tally.rowTotals[c]! / tally.units) * (tally.columnTotals[c]! / tally.units);
  return chanceCorrected(tally.agreements / tally.units, chance, 'undefined: both raters gave one and the same label to every shared unit (chance agreement is 1)');
}

/** counts[i][j] = units rater a labelled levels[i] and rater b labelled levels[j] (units both rated). */
export function confusionCounts(table: EncodedTable, a: number, b: number): number[][] {
  const size = table.levels.length;
  const counts = Array.from({ length: size }, () => new Array<number>(size).fill(0));
  for (let u = 0; u < unitCount(table); u++) {
    const x = codeAt(table, u, a);
    const y = codeAt(table, u, b);
    if (x !== MISSING && y !== MISSING) counts[x]![y]! += 1;
  }
  return counts;
}
