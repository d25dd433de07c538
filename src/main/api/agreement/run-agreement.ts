// runs.agreement, runs.agreementCsv and runs.agreementUnits: a run's answers through the agreement statistics
// (src/main/analysis/agreement). Every face reads the same report from here, so the CLI's JSON, the UI and the
// CSV show the same numbers.
import type { z } from 'zod';
import { agreementReport, type AgreementReport } from '../../analysis/agreement/index.ts';
import type { AgreementRequest, AgreementUnitsRequestSchema, AgreementUnitsSchema } from '../../../shared/contract.ts';
import { InputError } from '../../core/errors.ts';
import { agreementCsv } from '../../export/agreement-csv.ts';
import type { Store } from '../../store/store.ts';
import { ratingTableOf, runTable, type RunUnit } from './rating-table.ts';

export function runAgreement(store: Store, request: AgreementRequest): AgreementReport {
  const table = runTable(store, request);
  const report = agreementReport(ratingTableOf(table), table.field.description, {
    ...(table.gold !== null ? { gold: table.gold } : {}),
    ...(request.resamples !== undefined ? { resamples: request.resamples } : {}),
    ...(request.seed !== undefined ? { seed: request.seed } : {}),
  });
  return { ...report, notes: [...report.notes, ...table.notes] };
}

export function runAgreementCsv(store: Store, request: AgreementRequest): { file_name: string; csv: string } {
  const report = runAgreement(store, request);
  return { file_name: `${request.run_id}-agreement-${report.field.name ?? 'answer'}.csv`, csv: agreementCsv(report) };
}

const same = (a: unknown, b: unknown) => a !== null && b !== null && JSON.stringify(a) === JSON.stringify(b);

function matcher(raters: string[], gold: string | null, pair: [string, string] | undefined, cell: [unknown, unknown] | undefined): (unit: RunUnit) => boolean {
  if (cell && !pair) throw new InputError('a confusion-matrix cell needs the pair of raters it belongs to');
  if (!pair) {
    const models = raters.map((_, i) => i).filter((i) => raters[i] !== gold);
    return (unit) => {
      const rated = models.map((i) => unit.values[i]).filter((v) => v !== null);
      return rated.length >= 2 && rated.some((v) => !same(v, rated[0]));
    };
  }
  const [a, b] = pair.map((name) => {
    const index = raters.indexOf(name);
    if (index < 0) throw new InputError(`"${name}" is not a rater of this run's agreement (${raters.map((r) => `"${r}"`).join(', ')})`);
    return index;
  }) as [number, number];
  if (cell) return (unit) => same(unit.values[a], cell[0]) && same(unit.values[b], cell[1]);
  return (unit) => unit.values[a] !== null && unit.values[b] !== null && !same(unit.values[a], unit.values[b]);
}

export function runAgreementUnits(store: Store, request: z.output<typeof AgreementUnitsRequestSchema>): z.output<typeof AgreementUnitsSchema> {
  const table = runTable(store, request);
  const matches = table.units.filter(matcher(table.raters, table.gold, request.pair, request.cell));
  return {
    raters: table.raters,
    units: matches.slice(request.offset, request.offset + request.limit).map((unit) => ({ id: unit.id, values: unit.values, job_ids: unit.jobIds })),
    total: matches.length,
  };
}
