// Export formats of the Export dialog: every run exports CSV, XLSX, JSON, JSONL and Parquet; a run with embeddings
// also exports NumPy (.npy), whose matrix is useless without the ids file that names each row, so both are fetched.
import { call } from '../../api.ts';

export type DialogFormat = 'csv' | 'xlsx' | 'json' | 'jsonl' | 'parquet' | 'npy';

export function exportFormats(vectors: boolean): DialogFormat[] {
  const all: DialogFormat[] = ['csv', 'xlsx', 'json', 'jsonl', 'parquet'];
  return vectors ? [...all, 'npy'] : all;
}

export const FORMAT_LABELS: Record<DialogFormat, string> = { csv: 'CSV', xlsx: 'XLSX (Excel)', json: 'JSON', jsonl: 'JSONL', parquet: 'Parquet', npy: 'NumPy .npy + ids' };

/** The ids file of an npy export (the browser downloads it beside the matrix; Electron writes both at once). */
export async function idsDownload(runId: string): Promise<string | null> {
  const result = await call('runs.export', { run_id: runId, format: 'npy_ids' });
  return result.url;
}
