// Agreement and methods for one run (issue 18): how far its models agree with each other and with a gold column
// (the same report as `batchdesk agreement`), the inputs behind each disagreement, the report as CSV, and the run's
// methods bundle as a zip.
import { useCallback, useState } from 'react';
import type { AgreementRequest } from '../../../../shared/contract.ts';
import { call, errorLines } from '../../api.ts';
import { ErrorNote, Field, TableWrap } from '../../components/bits.tsx';
import { useLoad } from '../../hooks.ts';
import { hrefOf } from '../../state/route.ts';
import { JobPanel } from '../run/JobPanel.tsx';
import { downloadMethodsBundle, downloadText } from './download.ts';
import { ConfusionMatrices, GoldTable, OverallTable, PairsTable, type UnitFilter } from './ReportTables.tsx';
import { UnitsList } from './UnitsList.tsx';

type Level = NonNullable<AgreementRequest['level']>;

/** The fields of the run's schema and the dataset columns kept for gold, read from its first job. */
function useRunShape(runId: string) {
  return useLoad(async () => {
    const first = (await call('runs.jobs', { run_id: runId, limit: 1 })).data[0];
    const detail = first ? await call('runs.job', { run_id: runId, job_id: first.job_id }) : null;
    const spec = (detail?.spec ?? {}) as {
      schema?: { properties?: Record<string, unknown> };
      row?: Record<string, unknown>;
    };
    const run = await call('runs.get', { run_id: runId });
    return {
      fields: Object.keys(spec.schema?.properties ?? {}),
      columns: Object.keys(spec.row ?? {}),
      simulated: run.simulated,
      name: run.name,
    };
  }, [runId]);
}

export function AgreementScreen({ runId }: { runId: string }) {
  const shape = useRunShape(runId);
  const [field, setField] = useState('');
  const [gold, setGold] = useState('');
  const [level, setLevel] = useState<'' | Level>('');
  const [labels, setLabels] = useState('');
  const [filter, setFilter] = useState<UnitFilter | null>(null);
  const [openJob, setOpenJob] = useState<string | null>(null);
  const [message, setMessage] = useState<string | null>(null);
  const [failure, setFailure] = useState<string[] | null>(null);
  const closeJob = useCallback(() => setOpenJob(null), []);
  const fields = shape.data?.fields ?? [];
  const chosenField = field || fields[0] || '';
  const labelList = labels
    .split(',')
    .map((l) => l.trim())
    .filter(Boolean);
  const request: AgreementRequest = {
    run_id: runId,
    ...(chosenField ? { field: chosenField } : {}),
    ...(gold ? { gold } : {}),
    ...(level ? { level } : {}),
    ...(fields.length === 0 && labelList.length >= 2 ? { labels: labelList } : {}),
  };
  const ready = shape.data !== null && (fields.length > 0 || labelList.length >= 2);
  const report = useLoad(
    () => (ready ? call('runs.agreement', request) : Promise.resolve(null)),
    [ready, JSON.stringify(request)],
  );
  const act = async (work: () => Promise<string>) => {
    setFailure(null);
    try {
      setMessage(await work());
    } catch (e) {
      setFailure(errorLines(e));
    }
  };
  const exportCsv = () =>
    act(async () => {
      const { file_name, csv } = await call('runs.agreementCsv', request);
      downloadText(file_name, csv, 'text/csv');
      return `Downloading ${file_name}.`;
    });

  return (
    <div className={`screen run-detail${openJob ? ' with-panel' : ''}`}>
      <div className="run-main">
        <p className="breadcrumb">
          <a href={hrefOf({ name: 'runs' })}>Runs</a> /{' '}
          <a href={hrefOf({ name: 'run', id: runId })}>{shape.data?.name ?? runId}</a> /
        </p>
        <h1 tabIndex={-1}>Agreement and methods</h1>
        <ErrorNote lines={shape.error} title="The run could not be read" />
        <div className="two-columns">
          {fields.length ? (
            <Field id="agreement-field" label="Field">
              <select
                id="agreement-field"
                value={chosenField}
                onChange={(e) => (setField(e.target.value), setFilter(null))}
              >
                {fields.map((f) => (
                  <option key={f}>{f}</option>
                ))}
              </select>
            </Field>
          ) : (
            <Field
              id="agreement-labels"
              label="Labels to read from the answers"
              hint="This run has no structured output: list the labels, separated by commas (low to high for ordinal)."
            >
              <input
                id="agreement-labels"
                value={labels}
                onChange={(e) => setLabels(e.target.value)}
                placeholder="negative, neutral, positive"
              />
            </Field>
          )}
          <Field
            id="agreement-gold"
            label="Gold column"
            hint="A dataset column the template does not show the models."
          >
            <select
              id="agreement-gold"
              value={gold}
              onChange={(e) => (setGold(e.target.value), setFilter(null))}
            >
              <option value="">none</option>
              {(shape.data?.columns ?? []).map((c) => (
                <option key={c}>{c}</option>
              ))}
            </select>
          </Field>
          <Field id="agreement-level" label="Level of measurement">
            <select
              id="agreement-level"
              value={level}
              onChange={(e) => setLevel(e.target.value as '' | Level)}
            >
              <option value="">as the schema says</option>
              <option value="nominal">nominal</option>
              <option value="ordinal">ordinal</option>
              <option value="interval">interval</option>
            </select>
          </Field>
        </div>
        <ErrorNote lines={report.error} title="Agreement could not be computed" />
        <ErrorNote lines={failure} />
        {report.data ? (
          <>
            <p className="hint" data-testid="agreement-summary">
              {report.data.field.name} ({report.data.field.kind}) · {report.data.units} inputs ·{' '}
              {report.data.bootstrap.resamples} bootstrap resamples,{' '}
              {Math.round(report.data.bootstrap.level * 100)}% intervals
              {shape.data?.simulated ? ' · simulated answers (demo provider)' : ''}
            </p>
            <TableWrap label="Overall agreement">
              <OverallTable report={report.data} />
            </TableWrap>
            <TableWrap label="Agreement per pair">
              <PairsTable report={report.data} onShow={setFilter} />
            </TableWrap>
            <TableWrap label="Agreement with gold">
              <GoldTable report={report.data} />
            </TableWrap>
            <h2>Confusion matrices</h2>
            <ConfusionMatrices report={report.data} onShow={setFilter} />
            {filter ? <UnitsList request={request} filter={filter} onOpenJob={setOpenJob} /> : null}
            <ul className="hint">
              {report.data.notes.map((note) => (
                <li key={note}>{note}</li>
              ))}
            </ul>
          </>
        ) : null}
        <div className="button-row">
          <button type="button" disabled={!report.data} onClick={() => void exportCsv()}>
            Export agreement CSV
          </button>
          <button type="button" onClick={() => void act(() => downloadMethodsBundle(runId))}>
            Download methods bundle (zip)
          </button>
        </div>
        {message ? <p role="status">{message}</p> : null}
      </div>
      {openJob ? (
        <JobPanel
          runId={runId}
          jobId={openJob}
          simulated={shape.data?.simulated ?? false}
          onClose={closeJob}
        />
      ) : null}
    </div>
  );
}
