// Krippendorff's α equals Krippendorff's own reliability-data example with missing values (issue 18 acceptance),
// for the nominal, ordinal and interval metrics, through the coincidence matrix the paper tabulates.
import { describe, expect, it } from 'vitest';
import { agreementReport } from '../../../src/main/analysis/agreement/index.ts';
import { coincidences, krippendorffAlpha } from '../../../src/main/analysis/agreement/krippendorff-alpha.ts';
import { encodeTable } from '../../../src/main/analysis/agreement/table.ts';
import { unitWeights } from '../../../src/main/analysis/agreement/stat.ts';
import { KRIPPENDORFF_2011, krippendorffTable, tableFromRows } from './published-examples.ts';

const NO_BOOTSTRAP = { resamples: 0 };

describe("Krippendorff's α on Krippendorff (2011)'s example (4 observers, 12 units, missing values)", () => {
  const report = agreementReport(krippendorffTable(), { kind: 'interval' }, NO_BOOTSTRAP);
  const alpha = report.overall.krippendorff_alpha;

  it('builds the published coincidence matrix: n = 40 pairable values in 11 units', () => {
    const table = encodeTable(krippendorffTable(), { kind: 'interval' });
    const c = coincidences(table, [0, 1, 2, 3], unitWeights(12));
    expect(c.pairable).toBe(40);
    expect(c.units).toBe(11);
    expect([...c.totals]).toEqual([9, 13, 10, 5, 3]);
    KRIPPENDORFF_2011.coincidences.forEach((row, i) =>
      row.forEach((expected, j) => expect(Math.abs((c.cells.get(i * 5 + j) ?? 0) - expected)).toBeLessThan(1e-12)),
    );
  });

  it('nominal α = 113/152 (published 0.743)', () => {
    expect(Math.abs(alpha.nominal.value! - KRIPPENDORFF_2011.nominal)).toBeLessThan(1e-9);
    expect(alpha.nominal.value!.toFixed(3)).toBe(KRIPPENDORFF_2011.published.nominal.toFixed(3));
  });

  it('ordinal α = 108577/133160 (published 0.815)', () => {
    expect(Math.abs(alpha.ordinal.value! - KRIPPENDORFF_2011.ordinal)).toBeLessThan(1e-9);
    expect(alpha.ordinal.value!.toFixed(3)).toBe(KRIPPENDORFF_2011.published.ordinal.toFixed(3));
  });

  it('interval α = 951/1120 (published 0.849)', () => {
    expect(Math.abs(alpha.interval.value! - KRIPPENDORFF_2011.interval)).toBeLessThan(1e-9);
    expect(alpha.interval.value!.toFixed(3)).toBe(KRIPPENDORFF_2011.published.interval.toFixed(3));
  });

  it('reports the units and pairable values it used', () => {
    expect(report.overall.units).toBe(11);
    expect(report.overall.pairable_values).toBe(40);
  });

  it('gives the same ordinal α when the values are labels with declared levels', () => {
    const names = ['none', 'low', 'mid', 'high', 'top'];
    const labelled = { ...krippendorffTable() };
    labelled.units = labelled.units.map((unit) => ({ ...unit, values: unit.values.map((v) => (v === null ? null : names[(v as number) - 1]!)) }));
    const ordinal = agreementReport(labelled, { kind: 'ordinal', levels: names }, NO_BOOTSTRAP).overall.krippendorff_alpha;
    expect(Math.abs(ordinal.ordinal.value! - KRIPPENDORFF_2011.ordinal)).toBeLessThan(1e-9);
    expect(Math.abs(ordinal.nominal.value! - KRIPPENDORFF_2011.nominal)).toBeLessThan(1e-9);
    expect(ordinal.interval).toEqual({ value: null, ci: null, note: 'applies to interval fields' });
  });

  it('is unaffected by levels no one used (ordinal) and says which metrics do not apply (nominal)', () => {
    const table = encodeTable(krippendorffTable(), { kind: 'ordinal', levels: [0, 1, 2, 3, 4, 5, 6] });
    const c = coincidences(table, [0, 1, 2, 3], unitWeights(12));
    expect(Math.abs(krippendorffAlpha(c, 'ordinal', null).value! - KRIPPENDORFF_2011.ordinal)).toBeLessThan(1e-9);
    const nominal = agreementReport(krippendorffTable(), { kind: 'nominal' }, NO_BOOTSTRAP).overall.krippendorff_alpha;
    expect(nominal.ordinal.note).toBe('applies to ordinal and interval fields');
  });

  it('interval α on a two-unit case worked by hand: 8/11', () => {
    // Units [1, 2] and [3, 3]: o = {1-2: 1, 2-1: 1, 3-3: 2}, n = 4, values 1, 2, 3, 3.
    // Σ o δ² = 2 · 1 = 2; Σ n_c n_k δ² = 2·(1·1·1 + 1·2·4 + 1·2·1) = 22; α = 1 − 3·2/22 = 8/11.
    const small = agreementReport(tableFromRows(['a', 'b'], [[1, 2], [3, 3]]), { kind: 'interval' }, NO_BOOTSTRAP);
    expect(Math.abs(small.overall.krippendorff_alpha.interval.value! - 8 / 11)).toBeLessThan(1e-12);
  });
});
