// How the app lives and ends. The monitor must keep polling while the window is closed (a batch takes up to
// 24 h), so closing the last window never quits: the tray (or the macOS dock) brings it back, and Quit stops the
// engine cleanly before the process ends.
import { join } from 'node:path';
import { resolveDataFolder } from '../api/open-engine.ts';

/**
 * Electron's folders: userData is the engine's data folder (the one the CLI uses, BATCHDESK_HOME honoured), so
 * the single-instance lock is per data folder; Chromium's own caches go in a subfolder, apart from the store.
 */
export function electronPaths(env: NodeJS.ProcessEnv): { userData: string; sessionData: string } {
  const userData = resolveDataFolder(undefined, env);
  return { userData, sessionData: join(userData, 'chromium') };
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
