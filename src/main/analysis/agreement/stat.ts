// A statistic's value, or why it has none: every null in the report says why (no shared units, one category only…).
export type Stat = { value: number; note: null } | { value: null; note: string };

export const known = (value: number): Stat => ({ value, note: null });
export const undefinedBecause = (note: string): Stat => ({ value: null, note });

/** Chance-corrected agreement (observed − chance) / (1 − chance), undefined when chance agreement is 1. */
export function chanceCorrected(observed: number, chance: number, whenChanceIsOne: string): Stat {
  return 1 - chance > 1e-12 ? known((observed - chance) / (1 - chance)) : undefinedBecause(whenChanceIsOne);
}

/** All-ones weights: every unit of an encoded table counted once (the report itself weights rating patterns by their counts). */
export const unitWeights = (units: number): Float64Array => new Float64Array(units).fill(1);
