// The data folder: the OS app-data folder for "Batchdesk" (the same one Electron's app.getPath('userData')
// uses), shared by the desktop app and the CLI, overridable by --home DIR or BATCHDESK_HOME.
import { homedir } from 'node:os';
import { join, resolve } from 'node:path';

export const APP_NAME = 'Batchdesk';

export function defaultDataFolder(platform: NodeJS.Platform = process.platform, env = process.env): string {
  if (platform === 'darwin') return join(homedir(), 'Library', 'Application Support', APP_NAME);
  if (platform === 'win32') return join(env.APPDATA ?? join(homedir(), 'AppData', 'Roaming'), APP_NAME);
  return join(env.XDG_CONFIG_HOME ?? join(homedir(), '.config'), APP_NAME);
}

export function resolveDataFolder(home?: string, env = process.env): string {
  return resolve(home ?? env.BATCHDESK_HOME ?? defaultDataFolder(process.platform, env));
}

export function databasePath(dataFolder: string): string {
  return join(dataFolder, 'batchdesk.db');
}

/** Raw files of one provider batch: <data>/runs/<run-id>/<provider-batch-id>/ */
export function providerBatchFolder(dataFolder: string, runId: string, providerBatchId: string): string {
  return join(dataFolder, 'runs', runId, providerBatchId);
}

export function runFolder(dataFolder: string, runId: string): string {
  return join(dataFolder, 'runs', runId);
}

/** Files dropped in the browser and uploaded to the local server: <data>/uploads/<id>/<name>. */
export function uploadsFolder(dataFolder: string): string {
  return join(dataFolder, 'uploads');
}

/** Files embedded in requests files (base64 data URLs), kept for the runs that send them. */
export function embeddedInputsFolder(dataFolder: string): string {
  return join(dataFolder, 'inputs');
}
