// Which page the window loads, and which senders count as the app.
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { isAppUrl, isTrustedSender, rendererSource } from '../../../src/main/electron/app-url.ts';

const mainDir = '/opt/Batchdesk/resources/app.asar/out/main';
const builtUrl = pathToFileURL('/opt/Batchdesk/resources/app.asar/out/renderer/index.html').href;

describe('the renderer source', () => {
  it('is the built index.html in the packaged app, whatever ELECTRON_RENDERER_URL says', () => {
    expect(rendererSource({ isPackaged: true, mainDir, devServerUrl: 'https://evil.example/' })).toEqual({
      url: builtUrl,
    });
    expect(rendererSource({ isPackaged: true, mainDir, devServerUrl: 'http://localhost:5173/' })).toEqual({
      url: builtUrl,
    });
  });

  it('is the local dev server under npm start, and only a local one', () => {
    expect(rendererSource({ isPackaged: false, mainDir, devServerUrl: 'http://localhost:5173/' })).toEqual({
      url: 'http://localhost:5173/',
      devServerUrl: 'http://localhost:5173/',
    });
    expect(rendererSource({ isPackaged: false, mainDir, devServerUrl: 'http://192.168.1.9:5173/' }).url).toBe(
      builtUrl,
    );
    expect(rendererSource({ isPackaged: false, mainDir, devServerUrl: 'file:///tmp/x.html' }).url).toBe(
      builtUrl,
    );
  });
});

describe('app URLs', () => {
  it('accept the app page with any route', () => {
    expect(isAppUrl(builtUrl, builtUrl)).toBe(true);
    expect(isAppUrl(`${builtUrl}#/runs/abc`, builtUrl)).toBe(true);
    expect(isAppUrl(`${builtUrl}?x=1`, builtUrl)).toBe(true);
  });

  it('refuse other files, other origins and garbage', () => {
    expect(isAppUrl(pathToFileURL('/home/me/Downloads/index.html').href, builtUrl)).toBe(false);
    expect(isAppUrl('https://evil.example/index.html', builtUrl)).toBe(false);
    expect(isAppUrl('not a url', builtUrl)).toBe(false);
    expect(isAppUrl('http://localhost:5174/', 'http://localhost:5173/')).toBe(false);
    expect(isAppUrl('http://localhost:5173/any/path', 'http://localhost:5173/')).toBe(true);
  });
});

describe('trusted senders', () => {
  it('are top-level frames showing the app', () => {
    expect(isTrustedSender({ url: builtUrl, parent: null }, builtUrl)).toBe(true);
    expect(isTrustedSender({ url: builtUrl, parent: {} }, builtUrl)).toBe(false);
    expect(isTrustedSender({ url: 'https://evil.example/', parent: null }, builtUrl)).toBe(false);
    expect(isTrustedSender(null, builtUrl)).toBe(false);
  });
});
