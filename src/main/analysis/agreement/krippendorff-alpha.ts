// Krippendorff's α by the coincidence-matrix formulation of Krippendorff (2011), "Computing Krippendorff's
// Alpha-Reliability" (Annenberg School for Communication, repository.upenn.edu/asc_papers/43):
//
//   o_ck = Σ_u (number of c–k pairs of values in unit u) / (m_u − 1)      units with m_u ≥ 2 values only
//   n_c  = Σ_k o_ck,  n = Σ_c n_c                                          (the pairable values)
//   α    = 1 − (n − 1) · Σ_c Σ_k o_ck δ²_ck / Σ_c Σ_k n_c n_k δ²_ck
//
// with δ²_ck = [c ≠ k] (nominal), (Σ_{g=c..k} n_g − (n_c + n_k)/2)² (ordinal) or (c − k)² (interval).
// The coincidence matrix is kept sparse (only the pairs that occur). The expected term Σ n_c n_k δ²_ck is computed in
// O(levels): for nominal it is n² − Σ n_c²; for interval it is 2n Σ n_c (v_c − v̄)²; the ordinal δ_ck equals
// t_k − t_c with t_c = Σ_{g<c} n_g + n_c/2, so ordinal is the interval formula on those positions.
import { known, undefinedBecause, type Stat } from './stat.ts';
import { codeAt, MISSING, unitCount, type EncodedTable } from './table.ts';

export type AlphaMetric = 'nominal' | 'ordinal' | 'interval';

export interface Coincidences {
  levels: number;
  /** Sparse o_ck: key c * levels + k. */
  cells: Map<number, number>;
  /** n_c, the pairable values per level. */
  totals: Float64Array;
  /** n. */
  pairable: number;
  /** Units (weighted) with at least two values. */
  units: number;
}

export function coincidences(table: EncodedTable, raters: number[], weights: Float64Array): Coincidences {
  const levels = table.levels.length;
  const cells = new Map<number, number>();
  const totals = new Float64Array(levels);
  const inUnit = new Map<number, number>();
  let units = 0;
  for (let u = 0; u < unitCount(table); u++) {
    const w = weights[u]!;
    if (w === 0) continue;
    inUnit.clear();
    let m = 0;
    for (const r of raters) {
      const code = codeAt(table, u, r);
      if (code === MISSING) continue;
      inUnit.set(code, (inUnit.get(code) ?? 0) + 1);
      m++;
    }
    if (m < 2) continue;
    units += w;
    for (const [c, nc] of inUnit) {
      for (const [k, nk] of inUnit) {
        const pairs = c === k ? nc * (nc - 1) : nc * nk;
        if (pairs === 0) continue;
        const key = c * levels + k;
        cells.set(key, (cells.get(key) ?? 0) + (w * pairs) / (m - 1));
      }
      totals[c]! += w * nc;
    }
  }
  const pairable = totals.reduce((sum, n) => sum + n, 0);
  return { levels, cells, totals, pairable, units };
}

/** The positions δ is measured on: the level's number (interval) or its cumulative mid-position (ordinal). */
function positions(c: Coincidences, metric: 'ordinal' | 'interval', numeric: number[] | null): number[] {
  if (metric === 'interval') return numeric!;
  const t: number[] = [];
  let below = 0;
  for (let level = 0; level < c.levels; level++) {
    t.push(below + c.totals[level]! / 2);
    below += c.totals[level]!;
  }
  return t;
}

export function krippendorffAlpha(c: Coincidences, metric: AlphaMetric, numeric: number[] | null): Stat {
  if (c.pairable < 2) return undefinedBecause('no unit has two or more values');
  if (c.totals.filter((nc) => nc > 0).length < 2) return undefinedBecause('undefined: all pairable values are the same, so no disagreement is expected');
  const n = c.pairable;
  let observed = 0;
  let expected = 0;
  if (metric === 'nominal') {
    for (const [key, o] of c.cells) if (Math.floor(key / c.levels) !== key % c.levels) observed += o;
    expected = n * n - c.totals.reduce((sum, nc) => sum + nc * nc, 0);
  } else {
    const v = positions(c, metric, numeric);
    for (const [key, o] of c.cells) observed += o * (v[Math.floor(key / c.levels)]! - v[key % c.levels]!) ** 2;
    let mean = 0;
    for (let level = 0; level < c.levels; level++) mean += (c.totals[level]! * v[level]!) / n;
    for (let level = 0; level < c.levels; level++) expected += 2 * n * c.totals[level]! * (v[level]! - mean) ** 2;
  }
  return known(1 - ((n - 1) * observed) / expected);
}
