// What can be done to a run: check its batches now, cancel, retry the failed jobs (optionally with another model),
// release a pilot, export, show its folder (desktop) or download its raw files (browser), compare models.
import { useEffect, useState } from 'react';
import { call, errorLines, isDesktop } from '../../api.ts';
import { ErrorNote } from '../../components/bits.tsx';
import { plural } from '../../format.ts';
import { hrefOf } from '../../state/route.ts';
import { useModels } from '../new-run/models-store.ts';
import { ExportDialog } from './ExportDialog.tsx';
import { download } from '../../download.ts';
import type { RunView } from './types.ts';

export function RunActions({
  run,
  models,
  fields,
  onChanged,
}: {
  run: RunView;
  models: string[];
  fields: string[];
  onChanged(): void;
}) {
  const catalog = useModels();
  const [busy, setBusy] = useState<string | null>(null);
  const [error, setError] = useState<string[] | null>(null);
  const [note, setNote] = useState<string | null>(null);
  const [retryModel, setRetryModel] = useState('');
  const [exporting, setExporting] = useState(false);
  useEffect(() => {
    if (!catalog.loaded) void catalog.refresh();
  }, [catalog]);

  const act = async (label: string, work: () => Promise<string | null>) => {
    setBusy(label);
    setError(null);
    setNote(null);
    try {
      setNote(await work());
      onChanged();
    } catch (e) {
      setError(errorLines(e));
    } finally {
      setBusy(null);
    }
  };
  const open = ['scheduled', 'running', 'awaiting_release'].includes(run.status);
  const retryable = run.jobs.failed + run.jobs.expired + run.jobs.cancelled;
  const failedLike = run.status !== 'running' && run.status !== 'cancelling' && retryable > 0;
  const checkable = run.provider_batches.some((b) => b.next_check_at !== null);

  return (
    <section className="actions" aria-label="Run actions">
      <div className="button-row">
        {run.status === 'awaiting_release' ? (
          <button
            type="button"
            className="primary"
            disabled={busy !== null}
            onClick={() =>
              void act(
                'release',
                async () => (
                  await call('runs.release', { run_id: run.run_id }),
                  'Pilot released: the rest is being submitted.'
                ),
              )
            }
          >
            Release the rest
          </button>
        ) : null}
        {open ? (
          <button
            type="button"
            className="danger"
            disabled={busy !== null}
            onClick={() => {
              if (
                window.confirm('Cancel this run? Finished results are kept; unfinished jobs are cancelled.')
              )
                void act(
                  'cancel',
                  async () => (
                    await call('runs.cancel', { run_id: run.run_id }),
                    'Cancelling: finished results stay.'
                  ),
                );
            }}
          >
            Cancel run
          </button>
        ) : null}
        {checkable ? (
          <button
            type="button"
            disabled={busy !== null}
            onClick={() =>
              void act('check', async () => {
                await call('runs.check', { run_id: run.run_id });
                return 'Checking the provider batches now.';
              })
            }
          >
            Check now
          </button>
        ) : null}
        <button type="button" disabled={busy !== null} onClick={() => setExporting(true)}>
          Export…
        </button>
        <button
          type="button"
          disabled={busy !== null}
          onClick={() =>
            void act('folder', async () => {
              if (isDesktop())
                return `Shown in the file manager: ${(await call('runs.openFolder', { run_id: run.run_id })).path}`;
              const { url } = await call('runs.downloadRawFiles', { run_id: run.run_id });
              if (url) download(url, `${run.run_id}-raw-files.zip`);
              return 'Downloading the raw provider files of every batch as a zip.';
            })
          }
        >
          {isDesktop() ? 'Show in folder' : 'Download raw files (.zip)'}
        </button>
        {models.length > 1 ? (
          <a className="button" href={hrefOf({ name: 'compare', id: run.run_id })}>
            Compare models
          </a>
        ) : null}
        <a className="button" href={hrefOf({ name: 'agreement', id: run.run_id })}>
          Agreement and methods
        </a>
      </div>
      {failedLike ? (
        <div className="retry">
          <label htmlFor="retry-model">
            Retry {plural(retryable, 'failed, expired or cancelled job', 'failed, expired or cancelled jobs')}{' '}
            with
          </label>
          <select id="retry-model" value={retryModel} onChange={(e) => setRetryModel(e.target.value)}>
            <option value="">the same model</option>
            {catalog.models
              .filter((m) => m.endpoints.includes('chat'))
              .map((m) => (
                <option key={m.id} value={m.id}>
                  {m.id}
                  {m.simulated ? ' (simulated)' : ''}
                </option>
              ))}
          </select>
          <button
            type="button"
            disabled={busy !== null}
            onClick={() =>
              void act('retry', async () => {
                const r = await call('runs.retry', {
                  run_id: run.run_id,
                  ...(retryModel ? { model: retryModel } : {}),
                });
                return `Retrying ${plural(r.jobs, 'job')} in ${plural(r.batches, 'new provider batch', 'new provider batches')}${r.skipped_max_attempts ? `; ${plural(r.skipped_max_attempts, 'job')} reached the attempt limit` : ''}.`;
              })
            }
          >
            Retry failed
          </button>
        </div>
      ) : null}
      {busy ? (
        <p role="status" className="hint">
          Working…
        </p>
      ) : null}
      {note ? (
        <p role="status" className="ok">
          {note}
        </p>
      ) : null}
      <ErrorNote lines={error} />
      {exporting ? (
        <ExportDialog runId={run.run_id} fields={fields} vectors={run.provider_batches.some((b) => b.endpoint === 'embeddings')} onClose={() => setExporting(false)} />
      ) : null}
    </section>
  );
}
