// The app under test: the real `batchdesk serve` stack (EngineHost → service → local server, monitor running),
// either in this process (fast; lets a test reach the store and use an in-memory keychain) or as the real
// `batchdesk serve` child process. Both use a temp data folder and the fake providers through base-URL variables.
// `url` is the one `serve` prints, http://127.0.0.1:PORT/#token=ADMIN: the page takes the token from the fragment
// (a route may follow it, `${url}#/new`); browsers never send a fragment to the server.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { EngineHost } from '../../../src/main/api/engine-host.ts';
import type { SecretVault } from '../../../src/main/secrets/keys.ts';
import type { RealProvider } from '../../../src/main/secrets/env-keys.ts';
import { startLocalServer } from '../../../src/main/server/index.ts';
import { RENDERER_OUT } from './renderer-build.ts';

const ROOT = resolve(import.meta.dirname, '../../..');

export interface RunningApp {
  url: string;
  origin: string;
  adminToken: string;
  gatewayToken: string;
  home: string;
  /** In-process only. */
  host: EngineHost | null;
  close(): Promise<void>;
}

/** A keychain held in memory: what the OS keychain is to the app, without a Secret Service. */
export function memoryVault(): SecretVault {
  const keys = new Map<RealProvider, string>();
  return {
    get: async (p) => keys.get(p) ?? null,
    set: async (p, key) => void keys.set(p, key),
    delete: async (p) => keys.delete(p),
  };
}

export function tempHome(): string {
  return mkdtempSync(join(tmpdir(), 'batchdesk-e2e-'));
}

export async function startInProcess(options: {
  env: Record<string, string>;
  home?: string;
  vault?: SecretVault | null;
}): Promise<RunningApp> {
  const home = options.home ?? tempHome();
  const env = { BATCHDESK_POLL_INTERVAL_MS: '300', BATCHDESK_DEMO_SECONDS: '2', ...options.env };
  const host = new EngineHost({
    home,
    env,
    vault: options.vault === undefined ? memoryVault() : options.vault,
  });
  const server = await startLocalServer({ host, rendererDir: RENDERER_OUT });
  host.monitor.start({ keepAlive: true });
  return {
    url: server.url,
    origin: server.origin,
    adminToken: server.adminToken,
    gatewayToken: server.gatewayToken,
    home,
    host,
    async close() {
      await server.close();
      await host.close();
      rmSync(home, { recursive: true, force: true });
    },
  };
}

/** `batchdesk --home DIR serve --port 0 --no-open` as a child process; resolves once it prints its URL. */
export async function startServeProcess(options: { env: Record<string, string> }): Promise<RunningApp> {
  const home = tempHome();
  const child: ChildProcess = spawn(
    process.execPath,
    [join(ROOT, 'bin/batchdesk.mjs'), '--home', home, 'serve', '--port', '0', '--no-open'],
    {
      cwd: ROOT,
      env: { ...process.env, BATCHDESK_KEYCHAIN: 'off', BATCHDESK_POLL_INTERVAL_MS: '300', ...options.env },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  let output = '';
  const printed = await new Promise<{ url: string; gatewayToken: string }>((resolveUrl, reject) => {
    const timer = setTimeout(
      () => reject(new Error(`batchdesk serve printed no URL in 20 s:\n${output}`)),
      20_000,
    );
    const read = (chunk: Buffer) => {
      output += chunk.toString();
      const url = /http:\/\/127\.0\.0\.1:\d+\/#token=[A-Za-z0-9_-]+/.exec(output);
      const gateway = /OPENAI_API_KEY=([A-Za-z0-9_-]+)/.exec(output);
      if (url && gateway) {
        clearTimeout(timer);
        resolveUrl({ url: url[0], gatewayToken: gateway[1]! });
      }
    };
    child.stdout!.on('data', read);
    child.stderr!.on('data', read);
    child.once('exit', (code) => reject(new Error(`batchdesk serve exited with ${code}:\n${output}`)));
  });
  const { url, gatewayToken } = printed;
  return {
    url,
    origin: new URL(url).origin,
    adminToken: url.slice(url.indexOf('#token=') + '#token='.length),
    gatewayToken,
    home,
    host: null,
    async close() {
      if (child.exitCode === null) {
        const exited = new Promise((r) => child.once('exit', r));
        child.kill('SIGTERM');
        await Promise.race([exited, new Promise((r) => setTimeout(r, 5000))]);
        if (child.exitCode === null) child.kill('SIGKILL');
      }
      rmSync(home, { recursive: true, force: true });
    },
  };
}
