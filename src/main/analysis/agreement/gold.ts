// One model against the gold column, on the units that have a gold value. A unit the model did not answer (no
// value) counts as wrong: it lowers accuracy and is a false negative for its gold label, and a false positive for
// no label. Macro-F1 is the unweighted mean of the per-label F1 = 2TP / (2TP + FP + FN) over the labels that occur
// in the gold column or in the model's answers (Sokolova & Lapalme 2009, "A systematic analysis of performance
// measures for classification tasks", Information Processing & Management 45(4)).
import { known, undefinedBecause, type Stat } from './stat.ts';
import { codeAt, MISSING, unitCount, type EncodedTable } from './table.ts';

export interface LabelScore {
  level: number;
  /** Units whose gold value is this label. */
  support: number;
  predicted: number;
  precision: number | null;
  recall: number | null;
  f1: number;
}

export interface GoldScores {
  units: number;
  answered: number;
  accuracy: Stat;
  /** Nominal and ordinal fields. */
  macroF1: Stat;
  perLabel: LabelScore[];
  /** Interval fields: mean |answer − gold| over the answered units. */
  meanAbsoluteError: Stat;
}

export function goldScores(table: EncodedTable, model: number, gold: number, weights: Float64Array): GoldScores {
  const size = table.levels.length;
  const truePositives = new Float64Array(size);
  const support = new Float64Array(size);
  const predicted = new Float64Array(size);
  let units = 0;
  let answered = 0;
  let correct = 0;
  let absoluteError = 0;
  for (let u = 0; u < unitCount(table); u++) {
    const w = weights[u]!;
    const truth = codeAt(table, u, gold);
    if (w === 0 || truth === MISSING) continue;
    const answer = codeAt(table, u, model);
    units += w;
    support[truth]! += w;
    if (answer === MISSING) continue;
    answered += w;
    predicted[answer]! += w;
    if (answer === truth) {
      correct += w;
      truePositives[truth]! += w;
    }
    if (table.numeric) absoluteError += w * Math.abs(table.numeric[answer]! - table.numeric[truth]!);
  }
  const perLabel: LabelScore[] = [];
  for (let level = 0; level < size; level++) {
    if (support[level] === 0 && predicted[level] === 0) continue;
    const tp = truePositives[level]!;
    const fp = predicted[level]! - tp;
    const fn = support[level]! - tp;
    perLabel.push({
      level,
      support: support[level]!,
      predicted: predicted[level]!,
      precision: predicted[level]! > 0 ? tp / predicted[level]! : null,
      recall: support[level]! > 0 ? tp / support[level]! : null,
      f1: (2 * tp) / (2 * tp + fp + fn),
    });
  }
  const noGold = undefinedBecause('no unit has a gold value');
  return {
    units,
    answered,
    accuracy: units > 0 ? known(correct / units) : noGold,
    macroF1:
      table.kind === 'interval'
        ? undefinedBecause('not computed for interval fields; see mean_absolute_error')
        : units > 0
          ? known(perLabel.reduce((sum, label) => sum + label.f1, 0) / perLabel.length)
          : noGold,
    perLabel,
    meanAbsoluteError:
      table.kind !== 'interval'
        ? undefinedBecause('computed for interval fields only')
        : answered > 0
          ? known(absoluteError / answered)
          : undefinedBecause('the model answered no unit that has a gold value'),
  };
}
