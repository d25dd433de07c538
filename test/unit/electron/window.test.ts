// The window and session guards: what a compromised or confused renderer is allowed to do (DESIGN.md §6).
import { EventEmitter } from 'node:events';
import { describe, expect, it, vi } from 'vitest';
import type { BrowserWindowConstructorOptions } from 'electron';
import { rendererSource } from '../../../src/main/electron/app-url.ts';
import { contentSecurityPolicy } from '../../../src/main/electron/csp.ts';
import { createLinkOpener } from '../../../src/main/electron/external-links.ts';
import {
  createMainWindow,
  hardenSession,
  hardenWebContents,
  isAllowedRequest,
  type HardenedSession,
} from '../../../src/main/electron/window.ts';

const built = rendererSource({ isPackaged: true, mainDir: '/opt/Batchdesk/resources/app.asar/out/main' });
const dev = rendererSource({
  isPackaged: false,
  mainDir: '/src/out/main',
  devServerUrl: 'http://localhost:5173/',
});

class FakeBrowserWindow {
  readonly options: BrowserWindowConstructorOptions;
  constructor(options: BrowserWindowConstructorOptions) {
    this.options = options;
  }
}

function fakeSession() {
  const handlers: Record<string, (...args: never[]) => unknown> = {};
  const session = {
    setPermissionRequestHandler: (h: never) => void (handlers.request = h),
    setPermissionCheckHandler: (h: never) => void (handlers.check = h),
    setDevicePermissionHandler: (h: never) => void (handlers.device = h),
    webRequest: {
      onBeforeRequest: (h: never) => void (handlers.beforeRequest = h),
      onHeadersReceived: (h: never) => void (handlers.headers = h),
    },
  };
  return {
    session: session as unknown as HardenedSession,
    handlers: handlers as Record<string, (...args: unknown[]) => unknown>,
  };
}

function fakeContents() {
  const emitter = new EventEmitter();
  let openHandler: ((details: { url: string }) => { action: string }) | null = null;
  const contents = {
    on: (name: string, listener: (...args: unknown[]) => void) => emitter.on(name, listener),
    setWindowOpenHandler: (handler: typeof openHandler) => void (openHandler = handler),
  };
  const navigate = (event: string, url: string) => {
    const e = { preventDefault: vi.fn() };
    emitter.emit(event, e, url);
    return e.preventDefault;
  };
  return { contents: contents as never, navigate, open: (url: string) => openHandler!({ url }) };
}

describe('the main window', () => {
  const window = createMainWindow(FakeBrowserWindow, {
    preload: '/app/out/preload/index.cjs',
    devTools: false,
  });
  const prefs = window.options.webPreferences!;

  it('runs the renderer sandboxed, isolated and without Node', () => {
    expect(prefs).toMatchObject({
      sandbox: true,
      contextIsolation: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
    });
  });

  it('keeps web security on and insecure or experimental features off', () => {
    expect(prefs).toMatchObject({
      webSecurity: true,
      allowRunningInsecureContent: false,
      experimentalFeatures: false,
      webviewTag: false,
      navigateOnDragDrop: false,
    });
    expect(prefs.disableBlinkFeatures).toContain('Auxclick');
  });

  it('loads only the bundled preload and hides devtools in the packaged app', () => {
    expect(prefs.preload).toBe('/app/out/preload/index.cjs');
    expect(prefs.devTools).toBe(false);
    expect(window.options.show).toBe(false);
  });
});

describe('the session', () => {
  it('denies every permission request and check', () => {
    const { session, handlers } = fakeSession();
    hardenSession(session, built);
    for (const permission of [
      'media',
      'geolocation',
      'notifications',
      'openExternal',
      'clipboard-read',
      'fullscreen',
      'unknown',
    ]) {
      const callback = vi.fn();
      handlers.request!({}, permission, callback, {});
      expect(callback).toHaveBeenCalledWith(false);
      expect(handlers.check!({}, permission, 'file://', {})).toBe(false);
    }
    expect(handlers.device!({ deviceType: 'usb', origin: 'file://' })).toBe(false);
  });

  it('puts the CSP on every response, replacing one the response brought', () => {
    const { session, handlers } = fakeSession();
    hardenSession(session, dev);
    const callback = vi.fn();
    handlers.headers!(
      {
        url: 'http://localhost:5173/',
        responseHeaders: { 'content-security-policy': ['default-src *'], 'Content-Type': ['text/html'] },
      },
      callback,
    );
    const headers = callback.mock.calls[0]![0].responseHeaders as Record<string, string[]>;
    expect(headers['Content-Security-Policy']).toEqual([
      contentSecurityPolicy({ devServerUrl: 'http://localhost:5173/' }),
    ]);
    expect(headers['content-security-policy']).toBeUndefined();
    expect(headers['Content-Type']).toEqual(['text/html']);
  });

  it('cancels requests for remote content', () => {
    const { session, handlers } = fakeSession();
    hardenSession(session, built);
    const decide = (url: string) => {
      const callback = vi.fn();
      handlers.beforeRequest!({ url }, callback);
      return callback.mock.calls[0]![0] as { cancel: boolean };
    };
    expect(decide('https://evil.example/x.js')).toEqual({ cancel: true });
    expect(decide('http://127.0.0.1:8080/')).toEqual({ cancel: true });
    expect(decide('file:///etc/passwd')).toEqual({ cancel: true });
    expect(decide('file:///opt/Batchdesk/resources/app.asar/out/renderer/assets/index.js')).toEqual({
      cancel: false,
    });
  });

  it('lets the dev server through in development only', () => {
    expect(isAllowedRequest('ws://localhost:5173/', dev)).toBe(true);
    expect(isAllowedRequest('http://localhost:5173/src/main.tsx', dev)).toBe(true);
    expect(isAllowedRequest('http://localhost:5174/', dev)).toBe(false);
    expect(isAllowedRequest('http://localhost:5173/src/main.tsx', built)).toBe(false);
  });
});

describe('navigation and new windows', () => {
  const appUrl = built.url;

  it('prevents every navigation, to the web or elsewhere on disk', () => {
    const openLink = vi.fn(async () => true);
    const { contents, navigate } = fakeContents();
    hardenWebContents(contents, { appUrl, openLink });
    expect(navigate('will-navigate', 'https://evil.example/')).toHaveBeenCalled();
    expect(navigate('will-navigate', 'file:///home/me/notes.pdf')).toHaveBeenCalled();
    expect(navigate('will-navigate', `${appUrl}#/runs`)).toHaveBeenCalled();
    expect(navigate('will-attach-webview', 'about:blank')).toHaveBeenCalled();
  });

  it('denies every new window; an http(s) link goes to the browser through the one link opener', async () => {
    const shell = { openExternal: vi.fn(async (_url: string) => undefined) };
    const { contents, open, navigate } = fakeContents();
    hardenWebContents(contents, { appUrl, openLink: createLinkOpener(shell) });
    expect(open('https://platform.openai.com/docs/guides/batch')).toEqual({ action: 'deny' });
    expect(open('javascript:alert(1)')).toEqual({ action: 'deny' });
    expect(open('file:///etc/passwd')).toEqual({ action: 'deny' });
    expect(open(`${appUrl}#/settings`)).toEqual({ action: 'deny' });
    navigate('will-navigate', 'https://docs.anthropic.com/');
    navigate('will-navigate', 'batchdesk-evil://run');
    await new Promise((resolve) => setImmediate(resolve));
    expect(shell.openExternal.mock.calls.map(([url]) => url)).toEqual([
      'https://platform.openai.com/docs/guides/batch',
      'https://docs.anthropic.com/',
    ]);
  });
});
