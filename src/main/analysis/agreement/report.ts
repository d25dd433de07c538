// The one entry point: a units × raters table and a field description in, the complete agreement report out.
// Every statistic is a function of unit weights, so the point estimate (each unit once) and every bootstrap
// resample (units drawn with replacement) go through the same code; both run over the distinct rating patterns.
import { InputError } from '../../core/errors.ts';
import { bootstrapIntervals } from './bootstrap.ts';
import { multiRater, type MultiRaterResult } from './fleiss-kappa.ts';
import { goldScores, type GoldScores } from './gold.ts';
import { coincidences, krippendorffAlpha, type AlphaMetric } from './krippendorff-alpha.ts';
import { cohenKappa, confusionCounts, pairPercentAgreement, tallyPair, type PairTally } from './pairwise.ts';
import { AgreementOptionsSchema, type AgreementOptions, type AgreementReport, type Estimate, type GoldReport, type PairReport } from '../../../shared/agreement-report.ts';
import { undefinedBecause, type Stat } from './stat.ts';
import { codeAt, encodeTable, MISSING, ratingPatterns, type EncodedTable, type FieldDescription, type RatingTable } from './table.ts';

/** Beyond this many distinct values (a numeric field), pairs get no confusion matrix. */
export const MAX_CONFUSION_LEVELS = 50;

const ALPHA_METRICS: AlphaMetric[] = ['nominal', 'ordinal', 'interval'];

interface Plan {
  table: EncodedTable;
  models: number[];
  gold: number | null;
  pairs: [number, number][];
}

interface Measurements {
  overall: MultiRaterResult;
  alpha: Record<AlphaMetric, Stat>;
  pairable: number;
  pairs: { tally: PairTally; percentAgreement: Stat; kappa: Stat }[];
  gold: GoldScores[];
}

function alphaApplies(metric: AlphaMetric, table: EncodedTable): string | null {
  if (metric === 'ordinal' && table.kind === 'nominal') return 'applies to ordinal and interval fields';
  if (metric === 'interval' && table.kind !== 'interval') return 'applies to interval fields';
  return null;
}

function measure(plan: Plan, weights: Float64Array): Measurements {
  const { table } = plan;
  const c = coincidences(table, plan.models, weights);
  const tooFew = plan.models.length < 2 ? undefinedBecause(plan.gold === null ? 'needs at least two raters' : 'needs at least two raters besides the gold column') : null;
  const alpha = Object.fromEntries(
    ALPHA_METRICS.map((metric) => {
      const reason = alphaApplies(metric, table);
      return [metric, reason ? undefinedBecause(reason) : (tooFew ?? krippendorffAlpha(c, metric, table.numeric))];
    }),
  ) as Record<AlphaMetric, Stat>;
  const overall = multiRater(table, plan.models, weights);
  return {
    overall: tooFew ? { units: 0, percentAgreement: tooFew, unanimousShare: tooFew, fleissKappa: tooFew } : overall,
    alpha,
    pairable: c.pairable,
    pairs: plan.pairs.map(([a, b]) => {
      const tally = tallyPair(table, a, b, weights);
      return { tally, percentAgreement: pairPercentAgreement(tally), kappa: cohenKappa(tally) };
    }),
    gold: plan.gold === null ? [] : plan.models.map((m) => goldScores(table, m, plan.gold!, weights)),
  };
}

/** The bootstrapped statistics by name. */
function flatten(m: Measurements): Map<string, number | null> {
  const values = new Map<string, number | null>([
    ['overall.percent_agreement', m.overall.percentAgreement.value],
    ['overall.unanimous_share', m.overall.unanimousShare.value],
    ['overall.fleiss_kappa', m.overall.fleissKappa.value],
  ]);
  for (const metric of ALPHA_METRICS) values.set(`overall.alpha.${metric}`, m.alpha[metric].value);
  m.pairs.forEach((pair, i) => {
    values.set(`pair.${i}.percent_agreement`, pair.percentAgreement.value);
    values.set(`pair.${i}.cohen_kappa`, pair.kappa.value);
  });
  m.gold.forEach((gold, i) => {
    values.set(`gold.${i}.accuracy`, gold.accuracy.value);
    values.set(`gold.${i}.macro_f1`, gold.macroF1.value);
    values.set(`gold.${i}.mean_absolute_error`, gold.meanAbsoluteError.value);
  });
  return values;
}

function planFor(table: EncodedTable, gold: string | undefined): Plan {
  let goldIndex: number | null = null;
  if (gold !== undefined) {
    goldIndex = table.raters.indexOf(gold);
    if (goldIndex < 0) throw new InputError(`gold column "${gold}" is not one of the table's raters (${table.raters.map((r) => `"${r}"`).join(', ')})`);
  }
  const models = table.raters.map((_, i) => i).filter((i) => i !== goldIndex);
  const pairs: [number, number][] = [];
  for (let a = 0; a < table.raters.length; a++) for (let b = a + 1; b < table.raters.length; b++) pairs.push([a, b]);
  return { table, models, gold: goldIndex, pairs };
}

function ratedCount(table: EncodedTable, rater: number): number {
  let rated = 0;
  for (let u = 0; u < table.unitIds.length; u++) if (codeAt(table, u, rater) !== MISSING) rated++;
  return rated;
}

function notesFor(plan: Plan, field: FieldDescription): string[] {
  const notes = [
    'Missing values: each pair uses the units both raters rated; Fleiss\' κ, Krippendorff\'s α and the overall percent agreement use the units with at least two ratings, each with its own number of ratings.',
    'Percent agreement overall is the mean, over units, of the share of rater pairs that agree (Fleiss\' P̄); unanimous share is the share of units on which all ratings agree.',
    'Intervals are percentile bootstrap intervals from resampling units (not Krippendorff\'s own bootstrap of pairable values).',
  ];
  if (plan.gold !== null) {
    notes.push(
      `The gold column "${plan.table.raters[plan.gold]}" is left out of the overall statistics and appears in the pairs and in against_gold; a unit a model did not answer counts as wrong there.`,
    );
  }
  if (plan.table.levels.length > MAX_CONFUSION_LEVELS) notes.push(`The field has ${plan.table.levels.length} distinct values, more than ${MAX_CONFUSION_LEVELS}: no confusion matrices.`);
  if (field.kind === 'interval') notes.push('Interval field: percent agreement, Cohen\'s κ, Fleiss\' κ and nominal α treat each distinct number as a category.');
  return notes;
}

/** Computes every statistic of the report; throws an InputError naming what to fix when the input is malformed. */
export function agreementReport(tableInput: RatingTable, field: FieldDescription, optionsInput: AgreementOptions = {}): AgreementReport {
  const table = encodeTable(tableInput, field);
  const parsedOptions = AgreementOptionsSchema.safeParse(optionsInput);
  if (!parsedOptions.success) throw new InputError(parsedOptions.error.issues.map((i) => `agreement option ${i.path.join('.')}: ${i.message}`));
  const options = parsedOptions.data;
  const patterns = ratingPatterns(table);
  const plan = planFor(patterns.table, options.gold);
  const units = table.unitIds.length;
  const point = measure(plan, patterns.counts);
  const intervals = bootstrapIntervals(patterns.patternOf, patterns.counts.length, (weights) => flatten(measure(plan, weights)), options);
  const estimate = (stat: Stat, key: string): Estimate => ({ value: stat.value, ci: stat.value === null ? null : (intervals.get(key) ?? null), note: stat.note });
  const name = (rater: number) => table.raters[rater]!;
  const withMatrices = table.levels.length <= MAX_CONFUSION_LEVELS;

  const pairs: PairReport[] = plan.pairs.map(([a, b], i) => {
    const measured = point.pairs[i]!;
    return {
      raters: [name(a), name(b)],
      involves_gold: a === plan.gold || b === plan.gold,
      units: measured.tally.units,
      agreements: measured.tally.agreements,
      percent_agreement: estimate(measured.percentAgreement, `pair.${i}.percent_agreement`),
      cohen_kappa: estimate(measured.kappa, `pair.${i}.cohen_kappa`),
      confusion: withMatrices ? { rows: name(a), columns: name(b), labels: table.levels, counts: confusionCounts(table, a, b) } : null,
    };
  });

  const againstGold: GoldReport[] = point.gold.map((scores, i) => {
    const model = plan.models[i]!;
    const pairIndex = plan.pairs.findIndex(([a, b]) => (a === model && b === plan.gold) || (b === model && a === plan.gold));
    return {
      model: name(model),
      gold: name(plan.gold!),
      units: scores.units,
      answered: scores.answered,
      accuracy: estimate(scores.accuracy, `gold.${i}.accuracy`),
      macro_f1: estimate(scores.macroF1, `gold.${i}.macro_f1`),
      cohen_kappa: pairs[pairIndex]!.cohen_kappa,
      mean_absolute_error: estimate(scores.meanAbsoluteError, `gold.${i}.mean_absolute_error`),
      per_label: scores.perLabel.map((score) => ({ label: table.levels[score.level]!, support: score.support, predicted: score.predicted, precision: score.precision, recall: score.recall, f1: score.f1 })),
    };
  });

  return {
    version: 1,
    field: { name: field.name ?? null, kind: table.kind, levels: table.levels },
    units,
    raters: table.raters.map((rater, r) => {
      const rated = ratedCount(table, r);
      return { name: rater, role: r === plan.gold ? 'gold' : 'model', rated, missing: units - rated };
    }),
    overall: {
      raters: plan.models.map(name),
      units: point.overall.units,
      pairable_values: point.pairable,
      percent_agreement: estimate(point.overall.percentAgreement, 'overall.percent_agreement'),
      unanimous_share: estimate(point.overall.unanimousShare, 'overall.unanimous_share'),
      fleiss_kappa: estimate(point.overall.fleissKappa, 'overall.fleiss_kappa'),
      krippendorff_alpha: {
        nominal: estimate(point.alpha.nominal, 'overall.alpha.nominal'),
        ordinal: estimate(point.alpha.ordinal, 'overall.alpha.ordinal'),
        interval: estimate(point.alpha.interval, 'overall.alpha.interval'),
      },
    },
    pairs,
    against_gold: againstGold,
    bootstrap: { method: 'percentile', resampled: 'units', resamples: options.resamples, seed: options.seed, level: options.level },
    notes: notesFor(plan, field),
  };
}
