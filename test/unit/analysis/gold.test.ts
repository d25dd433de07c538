// Against a gold column: accuracy and macro-F1 per model, with unanswered units counted as wrong.
import { describe, expect, it } from 'vitest';
import { agreementReport } from '../../../src/main/analysis/agreement/index.ts';
import { tableFromRows } from './published-examples.ts';

const NO_BOOTSTRAP = { resamples: 0 };

describe('scores against a gold column', () => {
  // u4: the model gave no answer; u6: no gold value (not scored).
  const rows = [
    ['pos', 'pos', 'pos'],
    ['neg', 'pos', 'pos'],
    ['neg', 'neg', 'neg'],
    [null, 'neu', 'neu'],
    ['neu', 'neu', 'neu'],
    ['pos', null, 'neg'],
    ['pos', 'neu', 'neu'],
  ];
  const report = agreementReport(tableFromRows(['model', 'gold', 'other'], rows), { kind: 'nominal', levels: ['pos', 'neg', 'neu'] }, { ...NO_BOOTSTRAP, gold: 'gold' });
  const scores = report.against_gold.find((g) => g.model === 'model')!;

  it('counts units with a gold value, and an unanswered one as wrong: accuracy 3/6', () => {
    expect(scores).toMatchObject({ gold: 'gold', units: 6, answered: 5 });
    expect(scores.accuracy.value).toBe(0.5);
  });

  it('macro-F1 is the mean of per-label F1 = 2TP/(2TP+FP+FN): (1/2 + 2/3 + 1/2)/3 = 5/9', () => {
    expect(scores.per_label).toEqual([
      { label: 'pos', support: 2, predicted: 2, precision: 0.5, recall: 0.5, f1: 0.5 },
      { label: 'neg', support: 1, predicted: 2, precision: 0.5, recall: 1, f1: 2 / 3 },
      { label: 'neu', support: 3, predicted: 1, precision: 1, recall: 1 / 3, f1: 0.5 },
    ]);
    expect(Math.abs(scores.macro_f1.value! - 5 / 9)).toBeLessThan(1e-12);
  });

  it("gives each model's Cohen's κ against gold, the same number as in its pair", () => {
    const pair = report.pairs.find((p) => p.raters[0] === 'model' && p.raters[1] === 'gold')!;
    expect(pair.involves_gold).toBe(true);
    expect(scores.cohen_kappa).toEqual(pair.cohen_kappa);
    expect(pair.units).toBe(5);
  });

  it('leaves the gold column out of the overall statistics', () => {
    expect(report.overall.raters).toEqual(['model', 'other']);
    expect(report.raters.map((r) => r.role)).toEqual(['model', 'gold', 'model']);
    expect(report.against_gold.map((g) => g.model)).toEqual(['model', 'other']);
  });

  it('interval fields get the mean absolute error over answered units instead of macro-F1', () => {
    const numeric = agreementReport(tableFromRows(['model', 'gold'], [[2, 1], [2, 2], [null, 3]]), { kind: 'interval' }, { ...NO_BOOTSTRAP, gold: 'gold' });
    const [g] = numeric.against_gold;
    expect(g!.accuracy.value).toBeCloseTo(1 / 3, 12);
    expect(g!.mean_absolute_error.value).toBe(0.5);
    expect(g!.macro_f1).toEqual({ value: null, ci: null, note: 'not computed for interval fields; see mean_absolute_error' });
  });
});
