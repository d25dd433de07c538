// The report is one serialisable object with a stable shape: the CLI's --json, the UI and the CSV export all show it.
import { describe, expect, it } from 'vitest';
import { agreementReport, AgreementReportSchema } from '../../../src/main/analysis/agreement/index.ts';
import { MAX_CONFUSION_LEVELS } from '../../../src/main/analysis/agreement/report.ts';
import { krippendorffTable, tableFromRows } from './published-examples.ts';

describe('the agreement report', () => {
  const rows = [
    ['yes', 'yes', 'no', 'yes'],
    ['no', 'no', 'no', 'no'],
    ['yes', null, 'yes', 'yes'],
    ['no', 'yes', null, 'no'],
    [null, null, null, 'yes'],
  ];
  const report = agreementReport(tableFromRows(['openai/gpt', 'anthropic/claude', 'gemini/flash', 'gold'], rows), { kind: 'nominal', name: 'relevant', levels: ['yes', 'no'] }, { gold: 'gold', resamples: 100 });

  it('matches its schema and survives a JSON round trip unchanged', () => {
    expect(AgreementReportSchema.parse(report)).toEqual(report);
    expect(JSON.parse(JSON.stringify(report))).toEqual(report);
  });

  it('lists the field, the raters with their roles and counts, and every pair in table order', () => {
    expect(report.field).toEqual({ name: 'relevant', kind: 'nominal', levels: ['yes', 'no'] });
    expect(report.units).toBe(5);
    expect(report.raters).toEqual([
      { name: 'openai/gpt', role: 'model', rated: 4, missing: 1 },
      { name: 'anthropic/claude', role: 'model', rated: 3, missing: 2 },
      { name: 'gemini/flash', role: 'model', rated: 3, missing: 2 },
      { name: 'gold', role: 'gold', rated: 5, missing: 0 },
    ]);
    expect(report.pairs.map((p) => p.raters.join(' × '))).toEqual([
      'openai/gpt × anthropic/claude',
      'openai/gpt × gemini/flash',
      'openai/gpt × gold',
      'anthropic/claude × gemini/flash',
      'anthropic/claude × gold',
      'gemini/flash × gold',
    ]);
    expect(report.against_gold).toHaveLength(3);
    expect(report.overall.units).toBe(4);
  });

  it('keeps the label order of the levels in every confusion matrix', () => {
    const pair = report.pairs[0]!;
    expect(pair.confusion).toEqual({ rows: 'openai/gpt', columns: 'anthropic/claude', labels: ['yes', 'no'], counts: [[1, 0], [1, 1]] });
  });

  it('says how missing values and the gold column were handled', () => {
    expect(report.notes.join('\n')).toMatch(/units both raters rated/);
    expect(report.notes.join('\n')).toMatch(/gold column "gold" is left out of the overall statistics/);
  });

  it('has no confusion matrices for a numeric field with more distinct values than a matrix can show', () => {
    const many = Array.from({ length: MAX_CONFUSION_LEVELS + 1 }, (_, i) => [i, i + 0.5]);
    const numeric = agreementReport(tableFromRows(['a', 'b'], many), { kind: 'interval' }, { resamples: 0 });
    expect(numeric.pairs[0]!.confusion).toBeNull();
    expect(numeric.notes.some((n) => n.includes('no confusion matrices'))).toBe(true);
    expect(numeric.overall.krippendorff_alpha.interval.value).not.toBeNull();
  });

  it('sorts inferred levels: numbers numerically', () => {
    expect(agreementReport(krippendorffTable(), { kind: 'nominal' }, { resamples: 0 }).field.levels).toEqual([1, 2, 3, 4, 5]);
    expect(agreementReport(tableFromRows(['a', 'b'], [[10, 9], [2, 10]]), { kind: 'nominal' }, { resamples: 0 }).field.levels).toEqual([2, 9, 10]);
  });
});
