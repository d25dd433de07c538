// Saving what the Agreement screen makes: a CSV built by the engine (a Blob download) and the methods bundle zip
// (runs.export: a download URL in the browser, a save dialog in the desktop app).
import { call } from '../../api.ts';
import { download } from '../../download.ts';

export { downloadText } from '../../download.ts';

/** Returns what to tell the user. */
export async function downloadMethodsBundle(runId: string): Promise<string> {
  const result = await call('runs.export', { run_id: runId, format: 'methods_zip' });
  if (result.url) {
    download(result.url, `${runId}-methods-bundle.zip`);
    return 'Downloading the methods bundle (zip).';
  }
  return result.path ? `Saved the methods bundle to ${result.path}` : 'Not saved: no file was chosen.';
}
