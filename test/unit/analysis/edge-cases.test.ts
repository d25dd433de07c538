// Edge cases a user meets on real runs: perfect agreement, one category only, nothing rated, one rater, and input
// that cannot be read (each error names the unit, the rater or the option to fix).
import { describe, expect, it } from 'vitest';
import { agreementReport } from '../../../src/main/analysis/agreement/index.ts';
import { InputError } from '../../../src/main/core/errors.ts';
import { tableFromRows } from './published-examples.ts';

const NOMINAL = { kind: 'nominal' as const, levels: ['yes', 'no'] };
const raters = ['m1', 'm2', 'm3'];

describe('agreement edge cases', () => {
  it('perfect agreement on two or more labels: every statistic is 1', () => {
    const report = agreementReport(tableFromRows(raters, [['yes', 'yes', 'yes'], ['no', 'no', 'no'], ['yes', 'yes', 'yes']]), NOMINAL);
    expect(report.overall.percent_agreement.value).toBe(1);
    expect(report.overall.unanimous_share.value).toBe(1);
    expect(report.overall.fleiss_kappa.value).toBe(1);
    expect(report.overall.krippendorff_alpha.nominal.value).toBe(1);
    for (const pair of report.pairs) expect([pair.percent_agreement.value, pair.cohen_kappa.value]).toEqual([1, 1]);
  });

  it('a single category: agreement is 1, the chance-corrected statistics are undefined and say why', () => {
    const report = agreementReport(tableFromRows(raters, [['yes', 'yes', 'yes'], ['yes', 'yes', 'yes']]), NOMINAL);
    expect(report.overall.percent_agreement.value).toBe(1);
    expect(report.overall.fleiss_kappa).toEqual({ value: null, ci: null, note: 'undefined: every rating has the same label (chance agreement is 1)' });
    expect(report.overall.krippendorff_alpha.nominal.value).toBeNull();
    expect(report.overall.krippendorff_alpha.nominal.note).toMatch(/all pairable values are the same/);
    expect(report.pairs[0]!.cohen_kappa.value).toBeNull();
    expect(report.pairs[0]!.cohen_kappa.note).toMatch(/chance agreement is 1/);
    expect(report.pairs[0]!.confusion!.counts).toEqual([[2, 0], [0, 0]]);
  });

  it('all values missing: no unit is used and every statistic says so', () => {
    const report = agreementReport(tableFromRows(raters, [[null, null, null], [null, null, null]]), NOMINAL);
    expect(report.units).toBe(2);
    expect(report.overall.units).toBe(0);
    expect(report.overall.percent_agreement.note).toBe('no unit has two or more ratings');
    expect(report.overall.krippendorff_alpha.nominal.note).toBe('no unit has two or more values');
    expect(report.pairs.every((p) => p.units === 0 && p.cohen_kappa.note === 'no unit was rated by both')).toBe(true);
    expect(report.raters.map((r) => r.missing)).toEqual([2, 2, 2]);
  });

  it('an empty table gives a report with no units and no intervals', () => {
    const report = agreementReport({ raters, units: [] }, NOMINAL);
    expect(report.units).toBe(0);
    expect(report.overall.fleiss_kappa.value).toBeNull();
  });

  it('one rater: no pairs, and the overall statistics need a second rater', () => {
    const report = agreementReport(tableFromRows(['only'], [['yes'], ['no']]), NOMINAL);
    expect(report.pairs).toEqual([]);
    expect(report.overall.fleiss_kappa.note).toBe('needs at least two raters');
    expect(report.overall.krippendorff_alpha.nominal.note).toBe('needs at least two raters');
  });

  it('one model and a gold column: scores against gold, no overall statistics', () => {
    const report = agreementReport(tableFromRows(['model', 'gold'], [['yes', 'yes'], ['no', 'yes']]), NOMINAL, { gold: 'gold' });
    expect(report.overall.raters).toEqual(['model']);
    expect(report.overall.fleiss_kappa.note).toBe('needs at least two raters besides the gold column');
    expect(report.against_gold[0]!.accuracy.value).toBe(0.5);
  });
});

describe('agreement input errors', () => {
  const problems = (fn: () => unknown): string[] => {
    try {
      fn();
    } catch (error) {
      expect(error).toBeInstanceOf(InputError);
      return (error as InputError).problems;
    }
    throw new Error('expected an InputError');
  };

  it('names the unit whose row does not have one value per rater', () => {
    expect(problems(() => agreementReport({ raters, units: [{ id: 'row-7', values: ['yes', 'no'] }] }, NOMINAL))).toEqual([
      'unit "row-7" (row 1) has 2 values for 3 raters; give one value (or null) per rater',
    ]);
  });

  it('names the unit and rater whose value is not a level', () => {
    expect(problems(() => agreementReport(tableFromRows(raters, [['yes', 'maybe', 'no']]), NOMINAL))).toEqual([
      'unit "u1", rater "m2": "maybe" is not one of the levels ["yes","no"]; map it to a level or to null',
    ]);
  });

  it('refuses labels on an interval field, ordinal labels without an order, and a gold column that is not a rater', () => {
    expect(problems(() => agreementReport(tableFromRows(['a', 'b'], [[1, 'two']]), { kind: 'interval', name: 'score' }))[0]).toBe(
      'field "score" is interval, but the value "two" is not a number; map it to a number or to null',
    );
    expect(problems(() => agreementReport(tableFromRows(['a', 'b'], [['low', 'high']]), { kind: 'ordinal' }))[0]).toMatch(/give its levels in order/);
    expect(problems(() => agreementReport(tableFromRows(['a', 'b'], [['yes', 'no']]), NOMINAL, { gold: 'human' }))[0]).toBe(
      'gold column "human" is not one of the table\'s raters ("a", "b")',
    );
  });

  it('refuses duplicate raters or units, non-finite numbers and bad options', () => {
    expect(problems(() => agreementReport(tableFromRows(['a', 'a'], [['yes', 'no']]), NOMINAL))[0]).toMatch(/rater "a" appears twice/);
    expect(problems(() => agreementReport({ raters: ['a', 'b'], units: [{ id: 'x', values: [1, 1] }, { id: 'x', values: [1, 2] }] }, { kind: 'interval' }))[0]).toMatch(/unit "x" \(row 2\) appears twice/);
    expect(problems(() => agreementReport(tableFromRows(['a', 'b'], [[1, Number.NaN]]), { kind: 'interval' }))[0]).toMatch(/^agreement table at units\.0\.values\.1/);
    expect(problems(() => agreementReport(tableFromRows(['a', 'b'], [[1, 2]]), { kind: 'interval' }, { resamples: -1 }))[0]).toMatch(/^agreement option resamples/);
  });
});
