// The agreement report (issue 18): one serialisable object that `batchdesk agreement --json`, the UI's Agreement
// view and the CSV export all show; the contract owns it (runs.agreement), src/main/analysis/agreement computes it.
// Every key is always present; a statistic that cannot be computed has value null and a note saying why. Bump
// `version` on any change of shape.
import { z } from 'zod';

/** One rating: a label (enum value, boolean) or a number; null in a table means "not rated". */
export const RatingValueSchema = z.union([z.string(), z.number(), z.boolean()]);
export type RatingValue = z.infer<typeof RatingValueSchema>;

export const IntervalSchema = z.object({
  low: z.number(),
  high: z.number(),
  /** Bootstrap resamples on which the statistic was defined. */
  resamples: z.number().int(),
});

export const EstimateSchema = z.object({
  value: z.number().nullable(),
  /** Percentile bootstrap interval; null when the value is null or no resampling was asked for. */
  ci: IntervalSchema.nullable(),
  note: z.string().nullable(),
});
export type Estimate = z.infer<typeof EstimateSchema>;

export const ConfusionMatrixSchema = z.object({
  /** The rater whose labels index the rows, and the one whose labels index the columns. */
  rows: z.string(),
  columns: z.string(),
  /** Row and column order (the field's levels). */
  labels: z.array(RatingValueSchema),
  /** counts[i][j]: units the row rater labelled labels[i] and the column rater labelled labels[j]. */
  counts: z.array(z.array(z.number().int())),
});
export type ConfusionMatrix = z.infer<typeof ConfusionMatrixSchema>;

export const PairReportSchema = z.object({
  raters: z.tuple([z.string(), z.string()]),
  involves_gold: z.boolean(),
  /** Units both raters rated: every statistic of the pair uses these only. */
  units: z.number().int(),
  agreements: z.number().int(),
  percent_agreement: EstimateSchema,
  cohen_kappa: EstimateSchema,
  /** null when the field has more distinct values than a matrix can show (see notes). */
  confusion: ConfusionMatrixSchema.nullable(),
});
export type PairReport = z.infer<typeof PairReportSchema>;

export const LabelScoreSchema = z.object({
  label: RatingValueSchema,
  support: z.number().int(),
  predicted: z.number().int(),
  precision: z.number().nullable(),
  recall: z.number().nullable(),
  f1: z.number(),
});

export const GoldReportSchema = z.object({
  model: z.string(),
  gold: z.string(),
  /** Units with a gold value, and how many of them the model answered (the rest count as wrong). */
  units: z.number().int(),
  answered: z.number().int(),
  accuracy: EstimateSchema,
  macro_f1: EstimateSchema,
  cohen_kappa: EstimateSchema,
  mean_absolute_error: EstimateSchema,
  per_label: z.array(LabelScoreSchema),
});
export type GoldReport = z.infer<typeof GoldReportSchema>;

export const OverallReportSchema = z.object({
  /** The raters the overall statistics are over: every rater except the gold column. */
  raters: z.array(z.string()),
  /** Units with at least two of their ratings (the units Fleiss' κ and α use). */
  units: z.number().int(),
  /** Krippendorff's n: values in those units. */
  pairable_values: z.number().int(),
  percent_agreement: EstimateSchema,
  unanimous_share: EstimateSchema,
  fleiss_kappa: EstimateSchema,
  krippendorff_alpha: z.object({ nominal: EstimateSchema, ordinal: EstimateSchema, interval: EstimateSchema }),
});

export const AgreementReportSchema = z.object({
  version: z.literal(1),
  field: z.object({ name: z.string().nullable(), kind: z.enum(['nominal', 'ordinal', 'interval']), levels: z.array(RatingValueSchema) }),
  /** Units in the table, rated or not. */
  units: z.number().int(),
  raters: z.array(z.object({ name: z.string(), role: z.enum(['model', 'gold']), rated: z.number().int(), missing: z.number().int() })),
  overall: OverallReportSchema,
  /** Every pair of raters, in table order (gold pairs included). */
  pairs: z.array(PairReportSchema),
  /** One entry per model when there is a gold column, else empty. */
  against_gold: z.array(GoldReportSchema),
  bootstrap: z.object({
    method: z.literal('percentile'),
    resampled: z.literal('units'),
    resamples: z.number().int(),
    seed: z.number().int(),
    level: z.number(),
  }),
  /** How missing values and the gold column were treated, and anything else a reader must know. */
  notes: z.array(z.string()),
});
export type AgreementReport = z.infer<typeof AgreementReportSchema>;

export const AgreementOptionsSchema = z.object({
  /** The rater that is the gold column (one of table.raters). */
  gold: z.string().optional(),
  /** Bootstrap resamples; 0 gives no intervals. */
  resamples: z.number().int().min(0).max(100_000).default(1000),
  seed: z.number().int().min(0).max(2 ** 31 - 1).default(1),
  level: z.number().gt(0).lt(1).default(0.95),
});
export type AgreementOptions = z.input<typeof AgreementOptionsSchema>;

/** How every face prints a statistic: three decimals, "n/a" when it has no value (its note says why). */
export function formatStatistic(value: number | null): string {
  return value === null ? 'n/a' : value.toFixed(3);
}

/** A statistic with its interval, e.g. "0.812 [0.774, 0.850]". */
export function formatEstimate(estimate: Estimate): string {
  const ci = estimate.ci ? ` [${formatStatistic(estimate.ci.low)}, ${formatStatistic(estimate.ci.high)}]` : '';
  return `${formatStatistic(estimate.value)}${ci}`;
}
