// The built renderer (out/renderer, made by `npm run build`), served with a strict CSP. Paths outside the folder
// are never served; unknown paths get index.html so the app's own routes work on reload.
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import type { ServerResponse } from 'node:http';
import { extname, join, normalize, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { COMMON_HEADERS, CONTENT_SECURITY_POLICY } from './security.ts';

export const DEFAULT_RENDERER_DIR = fileURLToPath(new URL('../../../out/renderer', import.meta.url));

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.map': 'application/json; charset=utf-8',
};

export async function rendererBuilt(dir: string): Promise<boolean> {
  return stat(join(dir, 'index.html')).then((s) => s.isFile(), () => false);
}

export const NOT_BUILT_MESSAGE = 'The web UI is not built yet. In the Batchdesk folder run `npm run build`, then start `batchdesk serve` again.';

async function fileIn(dir: string, pathname: string): Promise<string | null> {
  const root = resolve(dir);
  let decoded: string;
  try {
    decoded = decodeURIComponent(pathname);
  } catch {
    return null;
  }
  if (decoded.includes('\0')) return null;
  const path = resolve(root, `.${sep}${normalize(decoded)}`);
  if (path !== root && !path.startsWith(root + sep)) return null;
  return (await stat(path).then((s) => s.isFile(), () => false)) ? path : null;
}

function sendHtmlText(res: ServerResponse, status: number, text: string): void {
  const escaped = text.replace(/[&<>]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;' })[c]!);
  res.writeHead(status, { ...COMMON_HEADERS, 'content-type': 'text/html; charset=utf-8', 'content-security-policy': CONTENT_SECURITY_POLICY, 'cache-control': 'no-store' });
  res.end(`<!doctype html><meta charset="utf-8"><title>Batchdesk</title><p>${escaped}</p>\n`);
}

export async function serveStatic(res: ServerResponse, dir: string, pathname: string): Promise<void> {
  if (!(await rendererBuilt(dir))) return sendHtmlText(res, 503, NOT_BUILT_MESSAGE);
  const path = (await fileIn(dir, pathname)) ?? (extname(pathname) ? null : join(dir, 'index.html'));
  if (!path) return sendHtmlText(res, 404, 'Not found.');
  const type = TYPES[extname(path).toLowerCase()] ?? 'application/octet-stream';
  const html = type.startsWith('text/html');
  res.writeHead(200, {
    ...COMMON_HEADERS,
    'content-type': type,
    'cache-control': html ? 'no-store' : 'no-cache',
    ...(html ? { 'content-security-policy': CONTENT_SECURITY_POLICY } : {}),
  });
  createReadStream(path).pipe(res);
}

export { sendHtmlText };
