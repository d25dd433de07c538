// The inputs added so far: type, size, PDF pages and each file's problems, before anything is sent; above them a
// summary of the files with a problem and a button that removes them all.
import { TableWrap } from '../../components/bits.tsx';
import { bytes, plural } from '../../format.ts';
import { useDraft, type DraftFile } from './draft-store.ts';

const KIND_NAMES: Record<string, string> = {
  text: 'Text',
  pdf: 'PDF',
  image: 'Image',
  dataset: 'Dataset',
  requests: 'OpenAI batch file',
  unsupported: 'Unsupported',
};

function Row({ file, problems }: { file: DraftFile; problems: string[] | undefined }) {
  const removeFile = useDraft((s) => s.removeFile);
  const info = file.info;
  return (
    <tr className={problems?.length ? 'row-invalid' : undefined} data-testid="file-row">
      <th scope="row">{file.name}</th>
      <td>{info ? KIND_NAMES[info.kind] : '—'}</td>
      <td className="num">{info ? bytes(info.size) : '—'}</td>
      <td className="num">{info?.pdf_pages ?? (info?.columns ? `${info.columns.length} columns` : '')}</td>
      <td>
        {problems?.length ? (
          <ul className="inline-error file-problems">
            {problems.map((p, i) => (
              <li key={i}>{p}</li>
            ))}
          </ul>
        ) : (
          <span className="ok">ready</span>
        )}
      </td>
      <td>
        <button
          type="button"
          className="link-button"
          onClick={() => removeFile(file.key)}
          aria-label={`Remove ${file.name}`}
        >
          Remove
        </button>
      </td>
    </tr>
  );
}

function ProblemSummary({ bad, total }: { bad: DraftFile[]; total: number }) {
  const removeFiles = useDraft((s) => s.removeFiles);
  if (bad.length === 0) return null;
  const shown = bad.slice(0, 5).map((f) => f.name);
  return (
    <div className="problem-summary" role="status" data-testid="problem-summary">
      <p>
        <strong>
          {bad.length} of {plural(total, 'input')} {bad.length === 1 ? 'has' : 'have'} a problem
        </strong>
        : {shown.join(', ')}
        {bad.length > shown.length ? ` and ${plural(bad.length - shown.length, 'more', 'more')}` : ''}. The
        run can start once they are removed or replaced.
      </p>
      <button type="button" onClick={() => removeFiles(bad.map((f) => f.key))}>
        Remove {bad.length === 1 ? 'the problem file' : `all ${bad.length} problem files`}
      </button>
    </div>
  );
}

export function FileList({ problems }: { problems: Record<string, string[]> }) {
  const { files, dataset, requests } = useDraft((s) => s.draft);
  const all = [...(dataset ? [dataset] : []), ...(requests ? [requests] : []), ...files];
  if (all.length === 0) return null;
  const totalBytes = all.reduce((sum, f) => sum + (f.info?.size ?? 0), 0);
  const bad = all.filter((f) => problems[f.key]?.length);
  return (
    <>
      <ProblemSummary bad={bad} total={all.length} />
      <TableWrap label="Inputs">
        <table className="table file-list">
          <caption>
            {plural(all.length, 'input')}, {bytes(totalBytes)}
          </caption>
          <thead>
            <tr>
              <th scope="col">Name</th>
              <th scope="col">Type</th>
              <th scope="col" className="num">
                Size
              </th>
              <th scope="col" className="num">
                Pages
              </th>
              <th scope="col">Problems</th>
              <th scope="col">
                <span className="visually-hidden">Actions</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {all.map((file) => (
              <Row key={file.key} file={file} problems={problems[file.key]} />
            ))}
          </tbody>
        </table>
      </TableWrap>
    </>
  );
}
