// Native dialogs behind the service's platform hooks: 'files.pick' opens files or folders, 'runs.export' asks
// where to save. Both are modal to the window when it is open.
import type { BaseWindow, Dialog, OpenDialogOptions, SaveDialogOptions } from 'electron';
import { extname, join } from 'node:path';
import type { ServicePlatform } from '../api/service/index.ts';

type Dialogs = Pick<Dialog, 'showOpenDialog' | 'showSaveDialog'>;

const EXPORT_FILTERS: Record<string, SaveDialogOptions['filters']> = {
  '.csv': [{ name: 'CSV (spreadsheets, R, pandas)', extensions: ['csv'] }],
  '.json': [{ name: 'JSON', extensions: ['json'] }],
  '.jsonl': [{ name: 'JSON Lines', extensions: ['jsonl'] }],
};

export function openDialogOptions(folders: boolean): OpenDialogOptions {
  return {
    title: folders ? 'Choose folders of input files' : 'Choose input files',
    buttonLabel: 'Add',
    properties: [folders ? 'openDirectory' : 'openFile', 'multiSelections', 'dontAddToRecent'],
  };
}

export function saveDialogOptions(suggestedName: string, defaultFolder: string): SaveDialogOptions {
  return {
    title: 'Export results',
    buttonLabel: 'Export',
    defaultPath: join(defaultFolder, suggestedName),
    filters: [
      ...(EXPORT_FILTERS[extname(suggestedName).toLowerCase()] ?? []),
      { name: 'All files', extensions: ['*'] },
    ],
    properties: ['createDirectory', 'showOverwriteConfirmation', 'dontAddToRecent'],
  };
}

/** The dialog half of the ServicePlatform. `parent()` is the open window, if any (the app also runs without one). */
export function dialogPlatform(
  dialog: Dialogs,
  parent: () => BaseWindow | null,
  defaultFolder: () => string,
): Pick<ServicePlatform, 'pickFiles' | 'saveExportPath'> {
  return {
    async pickFiles({ folders }) {
      const window = parent();
      const options = openDialogOptions(folders);
      const result = window
        ? await dialog.showOpenDialog(window, options)
        : await dialog.showOpenDialog(options);
      return result.canceled ? [] : result.filePaths;
    },
    async saveExportPath(suggestedName) {
      const window = parent();
      const options = saveDialogOptions(suggestedName, defaultFolder());
      const result = window
        ? await dialog.showSaveDialog(window, options)
        : await dialog.showSaveDialog(options);
      return result.canceled || !result.filePath ? null : result.filePath;
    },
  };
}
