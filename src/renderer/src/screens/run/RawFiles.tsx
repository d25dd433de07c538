// A provider batch's raw files (the requests as sent, the provider's output and error files): listed with their
// sizes, shown in the file manager in the desktop app, downloaded as a zip in the browser.
import { download } from '../../download.ts';
import { useState } from 'react';
import type { OperationOutput } from '../../../../shared/contract.ts';
import { call, errorText, isDesktop } from '../../api.ts';
import { bytes } from '../../format.ts';

export type RawFile = OperationOutput<'runs.rawFiles'>['files'][number];

const KIND_LABEL: Record<RawFile['kind'], string> = { input: 'input', output: 'output', errors: 'errors' };

export function RawFiles({ runId, batchId, files }: { runId: string; batchId: string; files: RawFile[] }) {
  const [note, setNote] = useState<string | null>(null);
  if (files.length === 0) return <span className="hint">no files yet</span>;
  const desktop = isDesktop();
  const fetchFiles = async () => {
    setNote(null);
    try {
      const answer = await call('runs.downloadRawFiles', { run_id: runId, provider_batch_id: batchId });
      if (answer.url) download(answer.url, `${batchId}-raw-files.zip`);
      setNote(answer.path ? `Shown in the file manager: ${answer.path}` : 'Downloading the zip…');
    } catch (error) {
      setNote(`Could not get the files: ${errorText(error)}`);
    }
  };
  return (
    <div className="raw-files">
      <ul className="raw-file-list">
        {files.map((f) => (
          <li key={f.name} data-kind={f.kind}>
            <span className="mono">{f.name}</span>{' '}
            <span className="hint">
              {KIND_LABEL[f.kind]}, {bytes(f.size)}
            </span>
          </li>
        ))}
      </ul>
      <button
        type="button"
        className="link-button"
        onClick={() => void fetchFiles()}
        aria-label={`${desktop ? 'Show in folder' : 'Download as zip'}: raw files of provider batch ${batchId}`}
      >
        {desktop ? 'Show in folder' : 'Download as zip'}
      </button>
      {note ? (
        <p className="hint" role="status">
          {note}
        </p>
      ) : null}
    </div>
  );
}
