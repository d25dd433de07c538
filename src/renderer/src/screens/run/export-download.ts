// Run an export and say where it went: the desktop app saves where the user chose; the browser downloads the
// single-use URL the server answered with.
import type { OperationInput } from '../../../../shared/contract.ts';
import { call } from '../../api.ts';
import { plural } from '../../format.ts';
import { download } from '../../download.ts';
import { idsDownload } from './vector-export.ts';

export type ExportRequest = OperationInput<'runs.export'>;

export async function exportAndDownload(request: ExportRequest): Promise<string> {
  const result = await call('runs.export', request);
  const wide = request.layout === 'wide';
  const what = wide ? 'the wide export (one row per input)' : plural(result.rows, 'row');
  if (result.url) {
    download(result.url, `${request.run_id}${wide ? '-wide' : ''}.${request.format}`);
    // A NumPy matrix names no rows: its ids file comes with it (Electron writes both at once).
    const ids = request.format === 'npy' ? await idsDownload(request.run_id) : null;
    if (ids) download(ids, `${request.run_id}.ids.txt`);
    return `Downloading ${what}${ids ? ' and their ids' : ''}.`;
  }
  if (result.path) return `Saved ${what} to ${result.path}`;
  return 'Export cancelled: no file was chosen.';
}
