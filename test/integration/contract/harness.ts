// A real engine in a temp data folder (demo provider finishing at once, fast polls), its service, and the two
// transports the UI uses: the IPC bridge (fake ipcMain/ipcRenderer pair) and real HTTP against the local server.
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { EngineHost } from '../../../src/main/api/engine-host.ts';
import { createService, type Service, type ServicePlatform } from '../../../src/main/api/service/index.ts';
import { startLocalServer, type LocalServer } from '../../../src/main/server/index.ts';
import type { SecretVault } from '../../../src/main/secrets/keys.ts';
import type { BatchdeskApi, OperationOutput } from '../../../src/shared/contract.ts';
import { createHttpClient } from '../../../src/renderer/src/client/http-client.ts';
import { createIpcClient } from '../../../src/renderer/src/client/ipc-client.ts';
import { connectFakeIpc } from '../../helpers/fake-ipc.ts';
import { FakeVault } from '../../helpers/fake-vault.ts';
import { wordDocument } from '../../helpers/bad-inputs.ts';

export const TWO_PAGE_PDF = [
  '%PDF-1.4',
  '1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj',
  '2 0 obj << /Type /Pages /Kids [3 0 R 4 0 R] /Count 2 >> endobj',
  '3 0 obj << /Type /Page /Parent 2 0 R >> endobj',
  '4 0 obj << /Type /Page /Parent 2 0 R >> endobj',
  'trailer << /Root 1 0 R >>',
  '%%EOF',
].join('\n');

export interface Engine {
  home: string;
  inputs: string;
  host: EngineHost;
  service: Service;
  vault: SecretVault;
  close(): Promise<void>;
}

export async function openEngine(options: { env?: NodeJS.ProcessEnv; vault?: SecretVault; platform?: ServicePlatform; startMonitor?: boolean; log?: (line: string) => void } = {}): Promise<Engine> {
  const home = await mkdtemp(join(tmpdir(), 'bd-contract-'));
  const inputs = join(home, 'inputs');
  const vault = options.vault ?? new FakeVault();
  const host = new EngineHost({ home: join(home, 'data'), env: { BATCHDESK_DEMO_SECONDS: '0', BATCHDESK_POLL_INTERVAL_MS: '50', ...options.env }, vault });
  const service = createService(host, options.platform ?? {}, { log: options.log ?? (() => {}) });
  if (options.startMonitor !== false) host.monitor.start({ keepAlive: false });
  await writeInputs(inputs);
  return {
    home,
    inputs,
    host,
    service,
    vault,
    async close() {
      await host.close();
      await rm(home, { recursive: true, force: true });
    },
  };
}

export async function writeInputs(dir: string): Promise<void> {
  await mkdir(dir, { recursive: true });
  await writeFile(join(dir, 'alpha.txt'), 'The first note: alpha particles.\n');
  await writeFile(join(dir, 'beta.txt'), 'The second note: beta decay.\n');
  await writeFile(join(dir, 'gamma.txt'), 'The third note: gamma rays.\n');
  await writeFile(join(dir, 'broken.txt'), 'This one fails on purpose [[fail]].\n');
  await writeFile(join(dir, 'paper.pdf'), TWO_PAGE_PDF);
  await writeFile(join(dir, 'survey.csv'), 'id,answer\nr1,yes\nr2,no\n');
  await writeFile(join(dir, 'empty.txt'), '');
  await writeFile(join(dir, 'notes.docx'), wordDocument());
}

export interface Transport {
  api: BatchdeskApi;
  /** Raw bytes seen on the wire (HTTP bodies and SSE), for leak checks. */
  wire: string[];
  server?: LocalServer;
  close(): Promise<void>;
}

export function ipcTransport(engine: Engine): Transport {
  const { bridge, dispose } = connectFakeIpc(engine.service);
  const wire: string[] = [];
  const recording = { ...bridge, call: async (name: Parameters<typeof bridge.call>[0], input: unknown) => {
    const result = await bridge.call(name, input);
    wire.push(JSON.stringify(result));
    return result;
  }, onEvent: (listener: Parameters<typeof bridge.onEvent>[0]) => bridge.onEvent((event) => {
    wire.push(JSON.stringify(event));
    listener(event);
  }) };
  return { api: createIpcClient(recording), wire, close: async () => dispose() };
}

/** Record every response body (event streams chunk by chunk, as they arrive) and hand the response on. */
function recordingFetch(wire: string[]): typeof fetch {
  return async (input, init) => {
    const response = await fetch(input, init);
    if (!(response.headers.get('content-type') ?? '').startsWith('text/event-stream') || !response.body) {
      wire.push(await response.clone().text());
      return response;
    }
    const [mine, theirs] = response.body.tee();
    void (async () => {
      const decoder = new TextDecoder();
      for await (const chunk of mine as unknown as AsyncIterable<Uint8Array>) wire.push(decoder.decode(chunk, { stream: true }));
    })().catch(() => undefined);
    return new Response(theirs, { status: response.status, statusText: response.statusText, headers: response.headers });
  };
}

/** The local server over the engine's host (files under `inputs` may be named, as with --allow-dir), and the UI's HTTP client. */
export async function httpTransport(engine: Engine): Promise<Transport> {
  const server = await startLocalServer({ host: engine.host, rendererDir: join(engine.home, 'no-renderer'), allowDirs: [engine.inputs], log: () => {} });
  const wire: string[] = [];
  const api = createHttpClient(server.origin, { token: server.adminToken, fetch: recordingFetch(wire) });
  return { api, wire, server, close: () => server.close() };
}

export async function waitFor<T>(probe: () => Promise<T>, done: (value: T) => boolean, timeoutMs = 15_000): Promise<T> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (done(value)) return value;
    if (Date.now() > until) throw new Error(`timed out; last value: ${JSON.stringify(value).slice(0, 500)}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

export function settled(view: OperationOutput<'runs.get'>): boolean {
  return view.status === 'completed' || view.status === 'cancelled' || view.status === 'awaiting_release';
}
