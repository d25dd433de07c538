// Where the renderer comes from, and whether a URL is that renderer. The built app loads
// out/renderer/index.html over file://; `npm start` loads the Vite dev server named by ELECTRON_RENDERER_URL.
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

export interface RendererSource {
  /** The URL the window loads; also what every IPC sender must be. */
  url: string;
  /** Set only in development: the dev server the CSP must allow. */
  devServerUrl?: string;
}

/**
 * A packaged app never honours ELECTRON_RENDERER_URL: anyone able to set an environment variable would
 * otherwise point the window (and its privileged preload) at a page of their choosing.
 */
export function rendererSource(options: {
  isPackaged: boolean;
  mainDir: string;
  devServerUrl?: string | undefined;
}): RendererSource {
  const dev = !options.isPackaged && options.devServerUrl ? devServer(options.devServerUrl) : null;
  if (dev) return { url: dev, devServerUrl: dev };
  return { url: pathToFileURL(join(options.mainDir, '..', 'renderer', 'index.html')).href };
}

function devServer(candidate: string): string | null {
  try {
    const url = new URL(candidate);
    const loopback = url.hostname === 'localhost' || url.hostname === '127.0.0.1' || url.hostname === '[::1]';
    return (url.protocol === 'http:' || url.protocol === 'https:') && loopback ? url.href : null;
  } catch {
    return null;
  }
}

/**
 * Whether `candidate` is a page of the app: the same index.html file (any #route or ?query), or any path on
 * the dev server's origin.
 */
export function isAppUrl(candidate: string, appUrl: string): boolean {
  let url: URL;
  let app: URL;
  try {
    url = new URL(candidate);
    app = new URL(appUrl);
  } catch {
    return false;
  }
  if (app.protocol === 'file:')
    return url.protocol === 'file:' && url.host === app.host && url.pathname === app.pathname;
  return url.origin === app.origin;
}

/** The part of Electron's WebFrameMain the sender check reads. */
export interface SenderFrame {
  readonly url: string;
  readonly parent: unknown;
}

/** An IPC sender is trusted only when it is a top-level frame showing the app (VS Code's validateEvent). */
export function isTrustedSender(frame: SenderFrame | null | undefined, appUrl: string): boolean {
  return !!frame && frame.parent === null && isAppUrl(frame.url, appUrl);
}
