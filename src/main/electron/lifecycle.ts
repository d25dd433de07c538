// How the app lives and ends. The monitor must keep polling while the window is closed (a batch takes up to
// 24 h), so closing the last window never quits: the tray (or the macOS dock) brings it back, and Quit stops the
// engine cleanly before the process ends.
import type { MenuItemConstructorOptions } from 'electron';

/** Closing every window leaves the engine running, on every OS. */
export function quitsWhenAllWindowsClosed(): boolean {
  return false;
}

export function trayMenuTemplate(actions: { open(): void; quit(): void }, activeRuns: number): MenuItemConstructorOptions[] {
  const status = activeRuns === 0 ? 'No runs in progress' : `${activeRuns} run${activeRuns === 1 ? '' : 's'} in progress`;
  return [
    { label: status, enabled: false },
    { type: 'separator' },
    { label: 'Open Batchdesk', click: () => actions.open() },
    { label: 'Quit Batchdesk', click: () => actions.quit() },
  ];
}

export function trayTooltip(activeRuns: number): string {
  return activeRuns === 0 ? 'Batchdesk' : `Batchdesk: ${activeRuns} run${activeRuns === 1 ? '' : 's'} in progress`;
}

export interface QuitGuardDeps {
  /** Stop the monitor and close the database (EngineHost.close) and release whatever else is held. */
  shutdown(): Promise<void>;
  /** Quit for real (app.quit): emits before-quit again, which the guard then lets through. */
  quit(): void;
  log?: (line: string) => void;
  /** Give up waiting for a stuck shutdown after this long; the store stays consistent either way. */
  timeoutMs?: number;
}

/**
 * The before-quit listener: the first quit is held until the engine has shut down, then quit is called again
 * and passes. Further quit requests while shutting down are held too, without starting a second shutdown.
 */
export function createQuitGuard(deps: QuitGuardDeps): (event: { preventDefault(): void }) => void {
  let state: 'running' | 'stopping' | 'stopped' = 'running';
  return (event) => {
    if (state === 'stopped') return;
    event.preventDefault();
    if (state === 'stopping') return;
    state = 'stopping';
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<void>((resolve) => {
      timer = setTimeout(() => {
        deps.log?.('batchdesk: shutdown took too long; quitting anyway');
        resolve();
      }, deps.timeoutMs ?? 10_000);
    });
    Promise.race([deps.shutdown(), timeout])
      .catch((error: unknown) => deps.log?.(`batchdesk: shutdown failed: ${(error as Error).message}`))
      .finally(() => {
        clearTimeout(timer);
        state = 'stopped';
        deps.quit();
      });
  };
}
