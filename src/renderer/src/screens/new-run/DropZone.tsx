// Where inputs come in: drop files or folders, or choose them (native dialog in Electron, file inputs in the
// browser).
import { useRef, useState, type DragEvent } from 'react';
import { call, errorLines, isDesktop } from '../../api.ts';
import { ErrorNote } from '../../components/bits.tsx';
import { plural } from '../../format.ts';
import { useLoad } from '../../hooks.ts';
import { addFiles, addPaths, filesFromDrop } from './add-files.ts';

const KIND_TITLES = { pdf: 'PDF', image: 'Images', text: 'Text', dataset: 'Datasets' } as const;

/** The extensions the engine takes, each once (a .jsonl of batch requests is read as an OpenAI batch file). */
function SupportedTypes() {
  const { data } = useLoad(() => call('files.types', {}), []);
  if (!data) return null;
  return (
    <p className="hint supported-types" data-testid="supported-types">
      Supported:{' '}
      {data.map((t, i) => (
        <span key={t.kind}>
          {i ? ' · ' : ''}
          {KIND_TITLES[t.kind]} {t.extensions.join(' ')}
        </span>
      ))}
      . A .jsonl file whose lines are batch requests is read as an OpenAI batch file.
    </p>
  );
}

export function DropZone({ problem }: { problem?: string }) {
  const [over, setOver] = useState(false);
  const [busy, setBusy] = useState<string | null>(null);
  const [error, setError] = useState<string[] | null>(null);
  const filesInput = useRef<HTMLInputElement>(null);
  const folderInput = useRef<HTMLInputElement>(null);

  const run = async (work: () => Promise<void>) => {
    setError(null);
    try {
      await work();
    } catch (e) {
      setError(errorLines(e));
    } finally {
      setBusy(null);
    }
  };
  const take = (files: File[]) => {
    if (files.length === 0) return;
    setBusy(`Adding ${plural(files.length, 'file')}…`);
    void run(() => addFiles(files, (done, total) => setBusy(`Adding files… ${done} of ${total}`)));
  };
  const onDrop = (event: DragEvent<HTMLDivElement>) => {
    event.preventDefault();
    setOver(false);
    const transfer = event.dataTransfer;
    setBusy('Reading the dropped items…');
    void run(async () => take(await filesFromDrop(transfer)));
  };
  const pick = (folders: boolean) => {
    if (!isDesktop()) return (folders ? folderInput : filesInput).current?.click();
    setBusy('Waiting for your choice…');
    void run(async () => {
      const { paths } = await call('files.pick', { folders });
      setBusy(paths.length ? `Adding ${plural(paths.length, 'item')}…` : null);
      await addPaths(paths);
    });
  };

  return (
    <div className="dropzone-wrap">
      <div
        className={`dropzone${over ? ' dropzone-over' : ''}${problem ? ' dropzone-invalid' : ''}`}
        data-testid="dropzone"
        onDragOver={(e) => {
          e.preventDefault();
          e.dataTransfer.dropEffect = 'copy';
          setOver(true);
        }}
        onDragLeave={() => setOver(false)}
        onDrop={onDrop}
        aria-describedby={problem ? 'inputs-error' : undefined}
      >
        <p className="dropzone-title">Drop files or folders here</p>
        <p className="hint">
          PDFs, images, text files, one CSV/JSONL dataset (one job per row), or an OpenAI-format batch file.
        </p>
        <SupportedTypes />
        <div className="button-row">
          <button type="button" onClick={() => pick(false)}>
            Choose files…
          </button>
          <button type="button" onClick={() => pick(true)}>
            Choose a folder…
          </button>
        </div>
        <input
          ref={filesInput}
          type="file"
          multiple
          hidden
          aria-label="Choose files"
          onChange={(e) => (take([...(e.target.files ?? [])]), (e.target.value = ''))}
        />
        <input
          ref={folderInput}
          type="file"
          hidden
          aria-label="Choose a folder"
          {...{ webkitdirectory: '' }}
          onChange={(e) => (take([...(e.target.files ?? [])]), (e.target.value = ''))}
        />
        {busy ? (
          <p className="busy" role="status">
            {busy}
          </p>
        ) : null}
      </div>
      {problem ? (
        <p className="inline-error" id="inputs-error">
          {problem}
        </p>
      ) : null}
      <ErrorNote lines={error} title="Some files could not be added" />
    </div>
  );
}
