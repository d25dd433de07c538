// The inputs added so far: type, size, PDF pages and each file's problems, before anything is sent.
import { TableWrap } from '../../components/bits.tsx';
import { bytes, count } from '../../format.ts';
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

export function FileList({ problems }: { problems: Record<string, string[]> }) {
  const { files, dataset, requests } = useDraft((s) => s.draft);
  const all = [...(dataset ? [dataset] : []), ...(requests ? [requests] : []), ...files];
  if (all.length === 0) return null;
  const totalBytes = all.reduce((sum, f) => sum + (f.info?.size ?? 0), 0);
  return (
    <TableWrap label="Inputs">
      <table className="table file-list">
        <caption>
          {count(all.length)} input{all.length === 1 ? '' : 's'}, {bytes(totalBytes)}
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
  );
}
