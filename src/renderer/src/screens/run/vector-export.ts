// Export formats of the Export dialog: every run exports CSV, JSON, JSONL and Parquet; a run with embeddings also
// exports NumPy (.npy), whose matrix is useless without the ids file that names each row, so both are fetched.
import { call } from '../../api.ts';

export type DialogFormat = 'csv' | 'json' | 'jsonl' | 'parquet' | 'npy';

export function exportFormats(vectors: boolean): DialogFormat[] {
  return vectors ? ['csv', 'json', 'jsonl', 'parquet', 'npy'] : ['csv', 'json', 'jsonl', 'parquet'];
}

export const FORMAT_LABELS: Record<DialogFormat, string> = { csv: 'CSV (metadata)', json: 'JSON', jsonl: 'JSONL', parquet: 'Parquet', npy: 'NumPy .npy + ids' };

/** Names of the downloaded files, as the local server names them. */
export function downloadName(runId: string, format: DialogFormat | 'npy_ids'): string {
  return format === 'npy_ids' ? `${runId}.ids.txt` : `${runId}.${format}`;
}

/** The ids file of an npy export (the browser downloads it beside the matrix; Electron writes both at once). */
export async function idsDownload(runId: string): Promise<string | null> {
  const result = await call('runs.export', { run_id: runId, format: 'npy_ids' });
  return result.url;
}
