// Export a run: CSV (optionally with a byte-order mark for Excel) / XLSX / JSON / JSONL / Parquet (and NumPy for
// embeddings), one row per job (which columns, structured fields as out.<field>, raw lines or not) or one row per
// input with a column per model and field (wide). Electron asks where to save and answers with the path; the
// browser gets a URL to download.
import { useEffect, useRef, useState } from 'react';
import { errorLines } from '../../api.ts';
import { ErrorNote } from '../../components/bits.tsx';
import { exportAndDownload } from './export-download.ts';
import { exportFormats, FORMAT_LABELS, type DialogFormat } from './vector-export.ts';
import { BASE_COLUMNS, TAIL_COLUMNS } from '../../../../shared/export-columns.ts';

const BASE: readonly string[] = BASE_COLUMNS;
const TAIL: readonly string[] = TAIL_COLUMNS;

export function ExportDialog({
  runId,
  fields,
  vectors = false,
  onClose,
}: {
  runId: string;
  fields: string[];
  /** The run has embeddings: offer NumPy too. */
  vectors?: boolean;
  onClose(): void;
}) {
  const dialog = useRef<HTMLDialogElement>(null);
  const all = [...BASE, ...fields.map((f) => `out.${f}`), ...TAIL];
  const [format, setFormat] = useState<DialogFormat>('csv');
  const [bom, setBom] = useState(false);
  const [wide, setWide] = useState(false);
  const [columns, setColumns] = useState<string[]>(all);
  const [raw, setRaw] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string[] | null>(null);
  const [done, setDone] = useState<string | null>(null);

  useEffect(() => {
    const el = dialog.current;
    el?.showModal();
    return () => el?.close();
  }, []);

  const wideChosen = wide && (format === 'csv' || format === 'xlsx');
  const toggle = (column: string) =>
    setColumns((c) =>
      c.includes(column) ? c.filter((x) => x !== column) : all.filter((x) => x === column || c.includes(x)),
    );
  const submit = async () => {
    if (columns.length === 0 && !wideChosen) return setError(['Choose at least one column to export.']);
    setBusy(true);
    setError(null);
    try {
      const everything = columns.length === all.length;
      const table = format === 'csv' || format === 'xlsx';
      setDone(
        await exportAndDownload({
          run_id: runId,
          format,
          ...(table && wide
            ? { layout: 'wide' as const }
            : {
                ...(everything && !raw ? {} : { columns: raw ? [...columns, 'raw'] : columns }),
                include_raw: raw,
              }),
          ...(format === 'csv' && bom ? { bom: true } : {}),
        }),
      );
    } catch (e) {
      setError(errorLines(e));
    } finally {
      setBusy(false);
    }
  };

  return (
    <dialog ref={dialog} className="dialog" aria-labelledby="export-title" onCancel={onClose}>
      <form
        method="dialog"
        onSubmit={(e) => {
          e.preventDefault();
          void submit();
        }}
      >
        <h2 id="export-title">Export results</h2>
        <fieldset>
          <legend>Format</legend>
          {exportFormats(vectors).map((f) => (
            <label key={f} className="checkbox">
              <input type="radio" name="export-format" checked={format === f} onChange={() => setFormat(f)} />{' '}
              {FORMAT_LABELS[f]}
            </label>
          ))}
          {format === 'csv' ? (
            <label className="checkbox">
              <input type="checkbox" checked={bom} onChange={(e) => setBom(e.target.checked)} /> Add a
              byte-order mark (for Excel: without it Excel misreads accents)
            </label>
          ) : null}
        </fieldset>
        {format === 'csv' || format === 'xlsx' ? (
          <fieldset>
            <legend>Rows</legend>
            <label className="checkbox">
              <input type="radio" name="export-layout" checked={!wide} onChange={() => setWide(false)} /> One
              row per job
            </label>
            <label className="checkbox">
              <input type="radio" name="export-layout" checked={wide} onChange={() => setWide(true)} /> One
              row per input, a column per model and field (wide)
            </label>
          </fieldset>
        ) : null}
        {wideChosen ? null : (
          <fieldset className="columns">
            <legend>Columns</legend>
            <div className="column-grid">
              {all.map((c) => (
                <label key={c} className="checkbox">
                  <input type="checkbox" checked={columns.includes(c)} onChange={() => toggle(c)} />{' '}
                  <span className="mono">{c}</span>
                </label>
              ))}
            </div>
            <div className="button-row">
              <button type="button" className="link-button" onClick={() => setColumns(all)}>
                All
              </button>
              <button type="button" className="link-button" onClick={() => setColumns([])}>
                None
              </button>
            </div>
          </fieldset>
        )}
        {wideChosen ? null : (
          <label className="checkbox">
            <input type="checkbox" checked={raw} onChange={(e) => setRaw(e.target.checked)} /> Include the raw
            provider answer of each job
          </label>
        )}
        <ErrorNote lines={error} title="The export failed:" />
        {done ? (
          <p role="status" className="ok">
            {done}
          </p>
        ) : null}
        <div className="button-row">
          <button type="submit" className="primary" disabled={busy}>
            {busy ? 'Exporting…' : 'Export'}
          </button>
          <button type="button" onClick={onClose}>
            Close
          </button>
        </div>
      </form>
    </dialog>
  );
}
