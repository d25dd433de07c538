// The desktop app's main process: the only module that takes values from 'electron'. It wires Electron's objects
// into the pure pieces beside it (window guards, IPC, dialogs, notifications, tray, quit) and into the service
// over one EngineHost; it holds no logic of its own worth testing apart from that wiring.
import {
  app,
  BrowserWindow,
  dialog,
  ipcMain,
  Menu,
  nativeImage,
  Notification,
  session,
  shell,
  Tray,
} from 'electron';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { EngineHost } from '../api/engine-host.ts';
import { openEngine } from '../api/open-engine.ts';
import { createService, type Service, type ServicePlatform } from '../api/service/index.ts';
import { isTrustedSender, rendererSource } from './app-url.ts';
import { dialogPlatform } from './dialogs.ts';
import { createLinkOpener } from './external-links.ts';
import { forwardEvents, registerContractIpc } from './ipc.ts';
import { createQuitGuard, electronPaths } from './lifecycle.ts';
import { createDesktopLog } from './log.ts';
import { sqliteNativeBinding } from './native-binding.ts';
import { createRunNotifier } from './notifications.ts';
import { IN_PROGRESS, trayMenuTemplate, trayTooltip } from './tray.ts';
import { createMainWindow, hardenSession, hardenWebContents } from './window.ts';

const paths = electronPaths(process.env);
const desktopLog = createDesktopLog(paths.userData);
const log = desktopLog.log;
const mainDir = import.meta.dirname;
const resource = (name: string): string => join(mainDir, '..', '..', 'resources', name);
const source = rendererSource({
  isPackaged: app.isPackaged,
  mainDir,
  devServerUrl: process.env.ELECTRON_RENDERER_URL,
});
const openLink = createLinkOpener(shell);

let mainWindow: BrowserWindow | null = null;
let tray: Tray | null = null;
/** Set once the engine and IPC are up: a window opened earlier would call handlers that do not exist yet. */
let started = false;
const cleanups: Array<() => void> = [];

function showWindow(): void {
  if (mainWindow && !mainWindow.isDestroyed()) {
    if (mainWindow.isMinimized()) mainWindow.restore();
    mainWindow.show();
    mainWindow.focus();
    return;
  }
  const window = createMainWindow(BrowserWindow, {
    preload: join(mainDir, '..', 'preload', 'index.cjs'),
    devTools: !app.isPackaged,
    icon: resource('icon.png'),
  });
  mainWindow = window;
  window.once('ready-to-show', () => window.show());
  window.on('closed', () => {
    if (mainWindow === window) mainWindow = null;
  });
  void window.loadURL(source.url);
}

function refreshTray(host: EngineHost): void {
  if (!tray || tray.isDestroyed()) return;
  const active = host.store.runs.withStatus([...IN_PROGRESS]).length;
  tray.setToolTip(trayTooltip(active));
  tray.setContextMenu(
    Menu.buildFromTemplate(trayMenuTemplate({ open: showWindow, quit: () => app.quit() }, active)),
  );
}

function createTray(host: EngineHost): void {
  try {
    tray = new Tray(nativeImage.createFromPath(resource('tray-icon.png')));
    tray.on('click', showWindow);
    refreshTray(host);
  } catch (error) {
    // Some Linux desktops have no tray: the app then comes back by being launched again (second-instance).
    log(`batchdesk: no tray icon: ${(error as Error).message}`);
  }
}

const liveNotifications = new Set<Notification>();

function notifyOnFinish(service: Service): () => void {
  const notify = createRunNotifier({
    enabled: async () => {
      const settings = await service.invoke('settings.get', {});
      return settings.ok && (settings.value as { notifications: boolean }).notifications;
    },
    runName: async (runId) => {
      const run = await service.invoke('runs.get', { run_id: runId });
      return run.ok ? (run.value as { name: string }).name : null;
    },
    show: ({ title, body }) => {
      if (!Notification.isSupported()) return;
      // Held until closed: a notification that is garbage-collected loses its click handler.
      const notification = new Notification({ title, body });
      liveNotifications.add(notification);
      notification.on('click', showWindow);
      notification.on('close', () => liveNotifications.delete(notification));
      notification.show();
    },
    log,
  });
  return service.subscribe((event) => void notify(event));
}

function platformFor(): ServicePlatform {
  return {
    face: 'desktop app',
    ...dialogPlatform(
      dialog,
      () => mainWindow,
      () => app.getPath('documents'),
    ),
    openPath: async (path) => {
      const failure = await shell.openPath(path);
      if (failure) throw new Error(failure);
    },
  };
}

async function start(): Promise<void> {
  await app.whenReady();
  hardenSession(session.defaultSession, source);
  let host: EngineHost;
  try {
    const nativeBinding = sqliteNativeBinding({
      isPackaged: app.isPackaged,
      resourcesPath: process.resourcesPath,
      platform: process.platform,
      arch: process.arch,
      exists: existsSync,
    });
    host = openEngine({ home: app.getPath('userData'), ...(nativeBinding ? { nativeBinding } : {}) });
  } catch (error) {
    dialog.showErrorBox(
      'Batchdesk cannot open its data folder',
      `${app.getPath('userData')}\n\n${(error as Error).message}`,
    );
    app.exit(1);
    return;
  }
  const service = createService(host, platformFor(), { log });
  cleanups.push(
    registerContractIpc(ipcMain, {
      service,
      isTrustedSender: (frame) => isTrustedSender(frame, source.url),
      log,
    }),
  );
  cleanups.push(
    forwardEvents(
      (listener) => service.subscribe(listener),
      () => (mainWindow && !mainWindow.isDestroyed() ? mainWindow.webContents : null),
    ),
  );
  cleanups.push(notifyOnFinish(service));
  cleanups.push(
    service.subscribe((event) =>
      event.type === 'finished' || event.type === 'status' ? refreshTray(host) : undefined,
    ),
  );
  app.on(
    'before-quit',
    createQuitGuard({
      shutdown: async () => {
        for (const cleanup of cleanups.splice(0)) cleanup();
        tray?.destroy();
        await host.close();
        desktopLog.close();
      },
      quit: () => app.quit(),
      log,
    }),
  );
  host.monitor.start();
  void host.warmUp().catch(() => undefined);
  createTray(host);
  started = true;
  showWindow();
}

app.setPath('userData', paths.userData);
app.setPath('sessionData', paths.sessionData);

if (!app.requestSingleInstanceLock()) {
  // Another Batchdesk already runs on this data folder: it shows its window (second-instance) and we leave.
  app.quit();
} else {
  const showWhenStarted = (): void => (started ? showWindow() : undefined);
  app.on('second-instance', showWhenStarted);
  // macOS: clicking the dock icon reopens the window.
  app.on('activate', showWhenStarted);
  // Every window closed: keep running so the monitor goes on polling (tray / dock bring the window back).
  app.on('window-all-closed', () => undefined);
  // Guards every web contents the app ever creates, not only the main window's.
  app.on('web-contents-created', (_event, contents) =>
    hardenWebContents(contents, { appUrl: source.url, openLink }),
  );
  start().catch((error: unknown) => {
    log(`batchdesk: start-up failed: ${(error as Error).stack ?? String(error)}`);
    app.exit(1);
  });
}
