// Percentile bootstrap intervals by resampling units (Efron & Tibshirani 1993, "An Introduction to the Bootstrap",
// ch. 13): each resample draws as many units as the table has, with replacement, from a seeded xoroshiro128+
// generator (pure-rand), so the same table, seed and count always give the same intervals. A resample is passed to
// the statistics as multiplicities (how often each unit, or each group of identical units, was drawn) instead of a
// copied table. The interval ends are
// the (1 − level)/2 and (1 + level)/2 quantiles of the resampled values, linear interpolation (type 7, as R and
// numpy default to) from simple-statistics. Resamples on which a statistic is undefined are left out of its interval.
import { xoroshiro128plus } from 'pure-rand/generator/xoroshiro128plus';
import { uniformInt } from 'pure-rand/distribution/uniformInt';
import { quantileSorted } from 'simple-statistics';

export interface BootstrapSettings {
  resamples: number;
  seed: number;
  /** Confidence level, e.g. 0.95. */
  level: number;
}

export interface Interval {
  low: number;
  high: number;
  /** Resamples on which the statistic was defined (those the interval is computed from). */
  resamples: number;
}

/** A statistic set evaluated on one resample: name → value (null where undefined on that resample). */
export type Measure = (weights: Float64Array) => Map<string, number | null>;

/**
 * groupOf[unit] is the row of the weights a drawn unit adds to (units with identical ratings share a row), and
 * groups the number of rows; measure receives those weights.
 */
export function bootstrapIntervals(groupOf: Int32Array, groups: number, measure: Measure, settings: BootstrapSettings): Map<string, Interval> {
  const intervals = new Map<string, Interval>();
  const units = groupOf.length;
  if (units === 0 || settings.resamples === 0) return intervals;
  const rng = xoroshiro128plus(settings.seed);
  const weights = new Float64Array(groups);
  const samples = new Map<string, number[]>();
  for (let b = 0; b < settings.resamples; b++) {
    weights.fill(0);
    for (let i = 0; i < units; i++) weights[groupOf[uniformInt(rng, 0, units - 1)]!]! += 1;
    for (const [name, value] of measure(weights)) {
      if (value === null) continue;
      let list = samples.get(name);
      if (!list) samples.set(name, (list = []));
      list.push(value);
    }
  }
  for (const [name, values] of samples) {
    values.sort((x, y) => x - y);
    intervals.set(name, {
      low: quantileSorted(values, (1 - settings.level) / 2),
      high: quantileSorted(values, (1 + settings.level) / 2),
      resamples: values.length,
    });
  }
  return intervals;
}
