// Raw HTTP against the local server (so Host, Origin, Cookie and body sizes can be set as an attacker would), and a
// local server over a fresh engine for the server tests.
import { mkdir, writeFile } from 'node:fs/promises';
import { request } from 'node:http';
import { join } from 'node:path';
import { startLocalServer, type LocalServer, type LocalServerOptions } from '../../../src/main/server/index.ts';
import { openEngine, type Engine } from '../contract/harness.ts';

export interface Reply {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

export interface SendOptions {
  method?: string;
  path?: string;
  headers?: Record<string, string>;
  body?: string | Buffer;
  /** Send the body in chunks without a Content-Length (chunked transfer encoding). */
  chunked?: boolean;
}

export function send(server: LocalServer, options: SendOptions): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const req = request(
      { host: '127.0.0.1', port: server.port, method: options.method ?? 'GET', path: options.path ?? '/', headers: { host: `127.0.0.1:${server.port}`, ...options.headers } },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks).toString('utf8') }));
      },
    );
    req.on('error', reject);
    if (options.chunked && options.body) {
      const body = Buffer.from(options.body);
      for (let at = 0; at < body.length; at += 1024 * 1024) req.write(body.subarray(at, at + 1024 * 1024));
      req.end();
    } else req.end(options.body);
  });
}

export const JSON_TYPE = { 'content-type': 'application/json' };
export const bearer = (token: string) => ({ authorization: `Bearer ${token}` });

/** POST /api/call/NAME with a JSON body and the given token. */
export function callOver(server: LocalServer, token: string, name: string, input: unknown): Promise<Reply> {
  return send(server, { method: 'POST', path: `/api/call/${name}`, headers: { ...JSON_TYPE, ...bearer(token) }, body: JSON.stringify(input) });
}

export interface ServedEngine {
  engine: Engine;
  server: LocalServer;
  close(): Promise<void>;
}

/** A fresh engine behind a local server with a tiny built renderer. */
export async function serveEngine(options: Omit<LocalServerOptions, 'host'> & { env?: NodeJS.ProcessEnv; startMonitor?: boolean } = {}): Promise<ServedEngine> {
  const { env, startMonitor, ...serverOptions } = options;
  const engine = await openEngine({ startMonitor: startMonitor ?? false, ...(env ? { env } : {}) });
  const renderer = join(engine.home, 'renderer');
  await mkdir(join(renderer, 'assets'), { recursive: true });
  await writeFile(join(renderer, 'index.html'), '<!doctype html><title>Batchdesk</title><script type="module" src="/assets/app.js"></script>');
  await writeFile(join(renderer, 'assets', 'app.js'), 'console.log("app")');
  const server = await startLocalServer({ host: engine.host, rendererDir: renderer, log: () => {}, ...serverOptions });
  return {
    engine,
    server,
    async close() {
      await server.close();
      await engine.close();
    },
  };
}
