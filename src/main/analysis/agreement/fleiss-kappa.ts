// Many raters at once: Fleiss' κ and the overall percent agreement. Fleiss (1971), "Measuring nominal scale
// agreement among many raters", Psychological Bulletin 76(5), 378–382.
//
// Missing values: a unit counts when at least two of the raters rated it; each unit's agreement P_i uses its own
// number of ratings n_i, P̄ is the mean of P_i over those units, and the chance term uses the label shares over all
// their ratings. With no missing values this is exactly Fleiss' formula.
import { chanceCorrected, known, undefinedBecause, type Stat } from './stat.ts';
import { codeAt, MISSING, unitCount, type EncodedTable } from './table.ts';

export interface MultiRaterResult {
  /** Units (weighted) with at least two ratings. */
  units: number;
  /** Mean over units of the share of agreeing rater pairs (Fleiss' P̄). */
  percentAgreement: Stat;
  /** Share of units on which every rating is the same. */
  unanimousShare: Stat;
  fleissKappa: Stat;
}

export function multiRater(table: EncodedTable, raters: number[], weights: Float64Array): MultiRaterResult {
  const labelTotals = new Float64Array(table.levels.length);
  const codes: number[] = [];
  let units = 0;
  let ratings = 0;
  let agreementSum = 0;
  let unanimous = 0;
  for (let u = 0; u < unitCount(table); u++) {
    const w = weights[u]!;
    if (w === 0) continue;
    codes.length = 0;
    for (const r of raters) {
      const code = codeAt(table, u, r);
      if (code !== MISSING) codes.push(code);
    }
    const n = codes.length;
    if (n < 2) continue;
    let agreeingPairs = 0;
    for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) if (i !== j && codes[i] === codes[j]) agreeingPairs++;
    units += w;
    ratings += w * n;
    agreementSum += (w * agreeingPairs) / (n * (n - 1));
    if (agreeingPairs === n * (n - 1)) unanimous += w;
    for (const code of codes) labelTotals[code]! += w;
  }
  if (units === 0) {
    const none = undefinedBecause(raters.length < 2 ? 'needs at least two raters' : 'no unit has two or more ratings');
    return { units: 0, percentAgreement: none, unanimousShare: none, fleissKappa: none };
  }
  const observed = agreementSum / units;
  let chance = 0;
  for (const total of labelTotals) chance += (total / ratings) ** 2;
  return {
    units,
    percentAgreement: known(observed),
    unanimousShare: known(unanimous / units),
    fleissKappa: chanceCorrected(observed, chance, 'undefined: every rating has the same label (chance agreement is 1)'),
  };
}
