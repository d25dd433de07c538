// Native dialogs behind 'files.pick' and 'runs.export'.
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { dialogPlatform } from '../../../src/main/electron/dialogs.ts';

function fakeDialog(answer: { canceled: boolean; filePaths?: string[]; filePath?: string }) {
  return {
    showOpenDialog: vi.fn(async (..._args: unknown[]) => ({
      canceled: answer.canceled,
      filePaths: answer.filePaths ?? [],
    })),
    showSaveDialog: vi.fn(async (..._args: unknown[]) => ({
      canceled: answer.canceled,
      filePath: answer.filePath ?? '',
    })),
  };
}

describe('choosing inputs', () => {
  it('opens several files, modal to the window', async () => {
    const dialog = fakeDialog({ canceled: false, filePaths: ['/home/me/a.pdf', '/home/me/b.pdf'] });
    const window = { id: 1 };
    const platform = dialogPlatform(
      dialog as never,
      () => window as never,
      () => '/home/me/Documents',
    );
    expect(await platform.pickFiles!({ folders: false })).toEqual(['/home/me/a.pdf', '/home/me/b.pdf']);
    const [parent, options] = dialog.showOpenDialog.mock.calls[0]!;
    expect(parent).toBe(window);
    expect((options as { properties: string[] }).properties).toEqual(
      expect.arrayContaining(['openFile', 'multiSelections']),
    );
  });

  it('opens folders when asked, and returns nothing when cancelled', async () => {
    const dialog = fakeDialog({ canceled: true, filePaths: ['/ignored'] });
    const platform = dialogPlatform(
      dialog as never,
      () => null,
      () => '/home/me/Documents',
    );
    expect(await platform.pickFiles!({ folders: true })).toEqual([]);
    const [options] = dialog.showOpenDialog.mock.calls[0]!;
    expect((options as { properties: string[] }).properties).toContain('openDirectory');
  });
});

describe('saving an export', () => {
  it('suggests the file name in the documents folder, filtered by format', async () => {
    const dialog = fakeDialog({ canceled: false, filePath: '/home/me/out.csv' });
    const platform = dialogPlatform(
      dialog as never,
      () => null,
      () => '/home/me/Documents',
    );
    expect(await platform.saveExportPath!('survey-results.csv')).toBe('/home/me/out.csv');
    const [options] = dialog.showSaveDialog.mock.calls[0]! as [
      { defaultPath: string; filters: { extensions: string[] }[] },
    ];
    expect(options.defaultPath).toBe(join('/home/me/Documents', 'survey-results.csv'));
    expect(options.filters[0]!.extensions).toEqual(['csv']);
  });

  it('returns null when the user cancels', async () => {
    const platform = dialogPlatform(
      fakeDialog({ canceled: true }) as never,
      () => null,
      () => '/tmp',
    );
    expect(await platform.saveExportPath!('x.jsonl')).toBeNull();
  });
});
