// Saving what the Agreement screen makes: a CSV built by the engine (a Blob download) and the methods bundle zip
// (runs.export: a download URL in the browser, a save dialog in the desktop app).
import { call } from '../../api.ts';

export function downloadText(fileName: string, text: string, type: string): void {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}

/** Returns what to tell the user. */
export async function downloadMethodsBundle(runId: string): Promise<string> {
  const result = await call('runs.export', { run_id: runId, format: 'methods_zip' });
  if (result.url) {
    const link = document.createElement('a');
    link.href = result.url;
    link.download = `${runId}-methods-bundle.zip`;
    document.body.append(link);
    link.click();
    link.remove();
    return 'Downloading the methods bundle (zip).';
  }
  return result.path ? `Saved the methods bundle to ${result.path}` : 'Not saved: no file was chosen.';
}
