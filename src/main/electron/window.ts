// The main window and the guards around it (DESIGN.md §6): a sandboxed, isolated renderer that can reach
// nothing but its own files, cannot navigate or open windows, and is refused every permission.
import type {
  BrowserWindowConstructorOptions,
  Event as ElectronEvent,
  HandlerDetails,
  Session,
  WebContents,
} from 'electron';
import { isAppUrl, type RendererSource } from './app-url.ts';
import { contentSecurityPolicy } from './csp.ts';

/** The part of Electron's BrowserWindow class this module constructs (a fake in tests). */
export type BrowserWindowClass<W> = new (options: BrowserWindowConstructorOptions) => W;

/**
 * The main window. Its security options are written out here, at the constructor call, where a reviewer (and
 * electronegativity) can see them: sandboxed, isolated, no Node, web security on, no webviews, no middle-click
 * windows, and no navigating to a file dropped outside the drop zone.
 */
export function createMainWindow<W>(
  BrowserWindow: BrowserWindowClass<W>,
  options: { preload: string; devTools: boolean; icon?: string },
): W {
  return new BrowserWindow({
    title: 'Batchdesk',
    width: 1280,
    height: 820,
    minWidth: 880,
    minHeight: 560,
    show: false,
    ...(options.icon ? { icon: options.icon } : {}),
    webPreferences: {
      preload: options.preload, // eng-disable PRELOAD_JS_CHECK: reviewed: src/preload exposes the contract only, never ipcRenderer
      sandbox: true,
      contextIsolation: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      experimentalFeatures: false,
      webviewTag: false,
      navigateOnDragDrop: false,
      disableBlinkFeatures: 'Auxclick',
      safeDialogs: true,
      devTools: options.devTools,
    },
  });
}

/** Which requests the renderer may make: its own files, and in development the dev server. Nothing remote. */
export function isAllowedRequest(url: string, source: RendererSource): boolean {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return false;
  }
  if (parsed.protocol === 'data:' || parsed.protocol === 'blob:' || parsed.protocol === 'devtools:')
    return true;
  if (source.devServerUrl) {
    const dev = new URL(source.devServerUrl);
    const sameHost = parsed.host === dev.host;
    return (
      sameHost &&
      (parsed.protocol === dev.protocol || parsed.protocol === 'ws:' || parsed.protocol === 'wss:')
    );
  }
  if (parsed.protocol !== 'file:') return false;
  const rendererDir = new URL('.', source.url).pathname;
  return parsed.pathname.startsWith(rendererDir);
}

type HeaderMap = Record<string, string | string[]>;

/** The response headers with our CSP in place of any the response carried. */
export function withCspHeader(headers: HeaderMap | undefined, policy: string): HeaderMap {
  const kept = Object.entries(headers ?? {}).filter(
    ([name]) => name.toLowerCase() !== 'content-security-policy',
  );
  return { ...Object.fromEntries(kept), 'Content-Security-Policy': [policy] };
}

export type HardenedSession = Pick<
  Session,
  'setPermissionRequestHandler' | 'setPermissionCheckHandler' | 'setDevicePermissionHandler'
> & {
  webRequest: Pick<Session['webRequest'], 'onHeadersReceived' | 'onBeforeRequest'>;
};

/** Deny every permission, block remote requests, and put the CSP on every response. */
export function hardenSession(session: HardenedSession, source: RendererSource): void {
  const policy = contentSecurityPolicy(source.devServerUrl ? { devServerUrl: source.devServerUrl } : {});
  session.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));
  session.setPermissionCheckHandler(() => false);
  session.setDevicePermissionHandler(() => false);
  session.webRequest.onBeforeRequest((details, callback) =>
    callback({ cancel: !isAllowedRequest(details.url, source) }),
  );
  session.webRequest.onHeadersReceived((details, callback) =>
    callback({ responseHeaders: withCspHeader(details.responseHeaders, policy) }),
  );
}

export type HardenedContents = Pick<WebContents, 'on' | 'setWindowOpenHandler'>;

/**
 * No navigation away from the app and no new windows. An http(s) link the user follows goes to their browser
 * through the one checked opener instead.
 */
export function hardenWebContents(
  contents: HardenedContents,
  options: { appUrl: string; openLink: (url: string) => Promise<boolean> },
): void {
  const handOver = (url: string): void => {
    if (!isAppUrl(url, options.appUrl)) void options.openLink(url).catch(() => false);
  };
  contents.on('will-navigate', (event: ElectronEvent, url: string) => {
    event.preventDefault();
    handOver(url);
  });
  contents.on('will-attach-webview', (event: ElectronEvent) => event.preventDefault());
  contents.setWindowOpenHandler((details: HandlerDetails) => {
    handOver(details.url);
    return { action: 'deny' };
  });
}
