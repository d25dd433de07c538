// The inputs behind a number: where two raters disagree, or one confusion-matrix cell. Each model's answer opens
// its job in the job panel (request as sent, raw answer, attempts).
import { call } from '../../api.ts';
import { ErrorNote, TableWrap } from '../../components/bits.tsx';
import { useLoad } from '../../hooks.ts';
import type { AgreementRequest } from '../../../../shared/contract.ts';
import type { UnitFilter } from './ReportTables.tsx';

const PAGE = 200;

export function UnitsList({
  request,
  filter,
  onOpenJob,
}: {
  request: AgreementRequest;
  filter: UnitFilter;
  onOpenJob(jobId: string): void;
}) {
  const { field, gold, level, labels, run_id } = request;
  const units = useLoad(
    () => call('runs.agreementUnits', { run_id, field, gold, level, labels, ...filter, limit: PAGE }),
    [JSON.stringify(request), JSON.stringify(filter)],
  );
  const title = filter.cell
    ? `${filter.pair![0]} said ${String(filter.cell[0])}, ${filter.pair![1]} said ${String(filter.cell[1])}`
    : `${filter.pair ? filter.pair.join(' and ') : 'The models'} disagree`;
  return (
    <section className="panel" aria-labelledby="units-title" data-testid="agreement-units">
      <h2 id="units-title">{title}</h2>
      <ErrorNote lines={units.error} title="These inputs could not be loaded" />
      {units.data ? (
        <>
          <p className="hint" role="status">
            {units.data.total} inputs{units.data.total > PAGE ? `, the first ${PAGE} shown` : ''}
          </p>
          <TableWrap label="Inputs behind the number">
            <table className="table">
              <thead>
                <tr>
                  <th scope="col">Input</th>
                  {units.data.raters.map((r) => (
                    <th scope="col" key={r}>
                      {r}
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {units.data.units.map((unit) => (
                  <tr key={unit.id} data-testid="agreement-unit">
                    <th scope="row">{unit.id}</th>
                    {unit.values.map((value, i) => (
                      <td key={i}>
                        {unit.job_ids[i] ? (
                          <button
                            type="button"
                            className="link-button"
                            onClick={() => onOpenJob(unit.job_ids[i]!)}
                          >
                            {value === null ? '—' : String(value)}
                          </button>
                        ) : value === null ? (
                          '—'
                        ) : (
                          String(value)
                        )}
                      </td>
                    ))}
                  </tr>
                ))}
              </tbody>
            </table>
          </TableWrap>
        </>
      ) : null}
    </section>
  );
}
