// The tray icon that keeps the app reachable while its window is closed and the monitor polls on: Open, Quit,
// and how many runs are in progress. The menu is built from data (tested); index.ts hands it to Electron.
import type { MenuItemConstructorOptions } from 'electron';
import type { RunStatus } from '../../shared/domain.ts';

/** Runs the monitor is still working on: what "in progress" means in the tray. */
export const IN_PROGRESS: readonly RunStatus[] = ['running', 'awaiting_release', 'cancelling'];

export function trayMenuTemplate(
  actions: { open(): void; quit(): void },
  activeRuns: number,
): MenuItemConstructorOptions[] {
  const status =
    activeRuns === 0 ? 'No runs in progress' : `${activeRuns} run${activeRuns === 1 ? '' : 's'} in progress`;
  return [
    { label: status, enabled: false },
    { type: 'separator' },
    { label: 'Open Batchdesk', click: () => actions.open() },
    { label: 'Quit Batchdesk', click: () => actions.quit() },
  ];
}

export function trayTooltip(activeRuns: number): string {
  return activeRuns === 0
    ? 'Batchdesk'
    : `Batchdesk: ${activeRuns} run${activeRuns === 1 ? '' : 's'} in progress`;
}
