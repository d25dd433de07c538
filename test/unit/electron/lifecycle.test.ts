// How the desktop app ends (engine closed before the process goes) and where it keeps its data.
import { join, resolve } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { createQuitGuard, electronPaths } from '../../../src/main/electron/lifecycle.ts';
import { resolveDataFolder } from '../../../src/main/store/data-folder.ts';
import { IN_PROGRESS, trayMenuTemplate, trayTooltip } from '../../../src/main/electron/tray.ts';

function quitEvent() {
  return { preventDefault: vi.fn() };
}

describe('quitting', () => {
  it('holds the first quit until the engine has shut down, then quits for real', async () => {
    let finishShutdown!: () => void;
    const shutdown = vi.fn(() => new Promise<void>((resolve) => (finishShutdown = resolve)));
    const quit = vi.fn();
    const guard = createQuitGuard({ shutdown, quit });
    const first = quitEvent();
    guard(first);
    expect(first.preventDefault).toHaveBeenCalled();
    expect(shutdown).toHaveBeenCalledTimes(1);
    expect(quit).not.toHaveBeenCalled();

    const impatient = quitEvent();
    guard(impatient);
    expect(impatient.preventDefault).toHaveBeenCalled();
    expect(shutdown).toHaveBeenCalledTimes(1);

    finishShutdown();
    await vi.waitFor(() => expect(quit).toHaveBeenCalledTimes(1));
    const final = quitEvent();
    guard(final);
    expect(final.preventDefault).not.toHaveBeenCalled();
  });

  it('still quits when the shutdown fails, and says why', async () => {
    const log = vi.fn();
    const quit = vi.fn();
    createQuitGuard({ shutdown: async () => Promise.reject(new Error('database is locked')), quit, log })(
      quitEvent(),
    );
    await vi.waitFor(() => expect(quit).toHaveBeenCalled());
    expect(log).toHaveBeenCalledWith(expect.stringContaining('database is locked'));
  });

  it('does not wait forever for a stuck shutdown', async () => {
    const quit = vi.fn();
    createQuitGuard({ shutdown: () => new Promise(() => {}), quit, timeoutMs: 20, log: () => {} })(
      quitEvent(),
    );
    await vi.waitFor(() => expect(quit).toHaveBeenCalled());
  });
});

describe("Electron's folders", () => {
  it('put userData on the same data folder the CLI uses', () => {
    const env = { XDG_CONFIG_HOME: '/home/me/.config', APPDATA: 'C:\\Users\\me\\AppData\\Roaming' };
    expect(electronPaths(env).userData).toBe(resolveDataFolder(undefined, env));
  });

  it('honour BATCHDESK_HOME, with Chromium caches kept apart from the store', () => {
    const paths = electronPaths({ BATCHDESK_HOME: '/data/batchdesk' });
    expect(paths.userData).toBe(resolve('/data/batchdesk'));
    expect(paths.sessionData).toBe(join(resolve('/data/batchdesk'), 'chromium'));
  });
});

describe('the tray', () => {
  it('offers Open and Quit, and says how many runs are in progress', () => {
    const open = vi.fn();
    const quit = vi.fn();
    const menu = trayMenuTemplate({ open, quit }, 2);
    expect(menu[0]).toMatchObject({ label: '2 runs in progress', enabled: false });
    const byLabel = (label: string) => menu.find((item) => item.label === label)!;
    (byLabel('Open Batchdesk').click as () => void)();
    (byLabel('Quit Batchdesk').click as () => void)();
    expect(open).toHaveBeenCalledTimes(1);
    expect(quit).toHaveBeenCalledTimes(1);
    expect(trayTooltip(1)).toBe('Batchdesk: 1 run in progress');
    expect(trayTooltip(0)).toBe('Batchdesk');
  });

  it('counts as in progress what the monitor still works on, not scheduled or finished runs', () => {
    expect([...IN_PROGRESS].sort()).toEqual(['awaiting_release', 'cancelling', 'running']);
  });
});

describe('the desktop log', () => {
  it('appends timestamped lines to <data>/logs/desktop.log, where error messages send the user', async () => {
    const { mkdtempSync, readFileSync, rmSync } = await import('node:fs');
    const { tmpdir } = await import('node:os');
    const { createDesktopLog, logFilePath } = await import('../../../src/main/electron/log.ts');
    const data = mkdtempSync(join(tmpdir(), 'bd-log-'));
    const echoed: string[] = [];
    const desktop = createDesktopLog(data, { write: (line: string) => echoed.push(line) > 0 });
    desktop.log('batchdesk ipc: refused runs.get');
    desktop.close();
    await vi.waitFor(() =>
      expect(readFileSync(logFilePath(data), 'utf8')).toMatch(
        /^\d{4}-\d\d-\d\dT.* batchdesk ipc: refused runs\.get\n$/,
      ),
    );
    expect(echoed).toHaveLength(1);
    rmSync(data, { recursive: true, force: true });
  });
});
