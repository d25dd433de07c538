// The IPC path of the desktop app, with the real pieces on both sides (ipc.ts in main, the preload's bridge) and
// a fake ipcMain/ipcRenderer pair in between that structured-clones like Electron does.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { EngineHost } from '../../../src/main/api/engine-host.ts';
import { createService, type Service } from '../../../src/main/api/service/index.ts';
import { isTrustedSender, rendererSource, type SenderFrame } from '../../../src/main/electron/app-url.ts';
import {
  createCallHandler,
  forwardEvents,
  registerContractIpc,
  REFUSED_SENDER,
  type ContractInvoker,
} from '../../../src/main/electron/ipc.ts';
import { createBridge } from '../../../src/preload/bridge.ts';
import {
  ipcChannel,
  OPERATION_NAMES,
  type BatchdeskBridge,
  type ContractEvent,
} from '../../../src/shared/contract.ts';
import { FakeVault } from '../../helpers/fake-vault.ts';

const APP_URL = rendererSource({
  isPackaged: true,
  mainDir: '/opt/Batchdesk/resources/app.asar/out/main',
}).url;
const appFrame: SenderFrame = { url: `${APP_URL}#/runs`, parent: null };

type Handler = (event: { senderFrame: SenderFrame | null }, ...args: unknown[]) => unknown;

/** ipcMain + ipcRenderer in one process; `frame` is who the next invoke comes from. */
class FakeIpcPair {
  readonly handlers = new Map<string, Handler>();
  private readonly listeners = new Map<string, Set<(...args: unknown[]) => void>>();
  frame: SenderFrame | null = appFrame;

  handle(channel: string, handler: Handler): void {
    if (this.handlers.has(channel))
      throw new Error(`Attempted to register a second handler for '${channel}'`);
    this.handlers.set(channel, handler);
  }
  removeHandler(channel: string): void {
    this.handlers.delete(channel);
  }
  async invoke(channel: string, ...args: unknown[]): Promise<unknown> {
    const handler = this.handlers.get(channel);
    if (!handler) throw new Error(`No handler registered for '${channel}'`);
    return structuredClone(await handler({ senderFrame: this.frame }, ...structuredClone(args)));
  }
  on(channel: string, listener: (...args: unknown[]) => void): this {
    const set = this.listeners.get(channel) ?? new Set();
    set.add(listener);
    this.listeners.set(channel, set);
    return this;
  }
  removeListener(channel: string, listener: (...args: unknown[]) => void): this {
    this.listeners.get(channel)?.delete(listener);
    return this;
  }
  /** webContents.send */
  send(channel: string, payload: unknown): void {
    for (const listener of this.listeners.get(channel) ?? [])
      listener({ sender: 'ipcRenderer itself' }, structuredClone(payload));
  }
  isDestroyed(): boolean {
    return false;
  }
}

let home: string;
let host: EngineHost;
let service: Service;
let invoked: string[];
let ipc: FakeIpcPair;
let bridge: BatchdeskBridge;
let dispose: () => void;

beforeEach(async () => {
  home = await mkdtemp(join(tmpdir(), 'bd-ipc-'));
  host = new EngineHost({ home, env: { BATCHDESK_DEMO_SECONDS: '0' }, vault: new FakeVault() });
  service = createService(host, {}, { log: () => {} });
  invoked = [];
  const spied: ContractInvoker = {
    invoke: (name, input) => (invoked.push(name), service.invoke(name, input)),
  };
  ipc = new FakeIpcPair();
  dispose = registerContractIpc(ipc as never, {
    service: spied,
    isTrustedSender: (frame) => isTrustedSender(frame, APP_URL),
    log: () => {},
  });
  bridge = createBridge(ipc as never, {
    getPathForFile: (file) => `/home/me/${(file as { name: string }).name}`,
  });
});

afterEach(async () => {
  dispose();
  await host.close();
  await rm(home, { recursive: true, force: true });
});

describe('calls from the app window', () => {
  it('reach the service and come back typed', async () => {
    const settings = await bridge.call('settings.get', {});
    expect(settings).toMatchObject({
      ok: true,
      value: { notifications: true, poll_interval_ms: expect.any(Number) },
    });
    const runs = await bridge.call('runs.list', {});
    expect(runs).toEqual({ ok: true, value: { data: [], has_more: false, first_id: null, last_id: null } });
    expect(invoked).toEqual(['settings.get', 'runs.list']);
  });

  it('set a key without it ever coming back', async () => {
    const key = 'sk-canary-ipc-0123456789';
    const reply = await bridge.call('keys.set', { provider: 'openai', key });
    expect(reply).toEqual({
      ok: true,
      value: { provider: 'openai', set: true, source: 'keychain', env_var: null, env_vars: ['OPENAI_API_KEY'] },
    });
    expect(JSON.stringify(await bridge.call('keys.status', {}))).not.toContain(key);
  });

  it('name what is missing: not_found for an unknown run', async () => {
    const reply = await bridge.call('runs.get', { run_id: 'no-such-run' });
    expect(reply).toMatchObject({ ok: false, error: { code: 'not_found' } });
  });
});

describe('invalid input', () => {
  it('is rejected with a typed error before the service is called', async () => {
    const reply = await bridge.call('runs.get', { run_id: 42 });
    expect(reply.ok).toBe(false);
    if (reply.ok) return;
    expect(reply.error.code).toBe('invalid_input');
    expect(reply.error.problems?.join(' ')).toContain('run_id');
    expect(invoked).toEqual([]);
  });

  it('never throws and never reaches the service, whatever the payload', async () => {
    const invoke = vi.fn(async () => ({ ok: true as const, value: null }));
    const deps = { service: { invoke }, isTrustedSender: () => true };
    const event = { senderFrame: appFrame as never };
    for (const name of OPERATION_NAMES) {
      const handler = createCallHandler(name, deps);
      await fc.assert(
        fc.asyncProperty(
          fc.anything({
            withBigInt: true,
            withDate: true,
            withMap: true,
            withSet: true,
            withTypedArray: true,
            withNullPrototype: true,
          }),
          async (payload) => {
            invoke.mockClear();
            const reply = await handler(event, payload);
            if (reply.ok) expect(invoke).toHaveBeenCalledTimes(1);
            else expect(reply.error.code).toBe('invalid_input');
          },
        ),
        { numRuns: 60 },
      );
    }
  });

  it('refuses an operation the contract does not have, without touching IPC', async () => {
    const reply = await bridge.call('keys.get' as never, { provider: 'openai' });
    expect(reply).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
    expect(ipc.handlers.has('batchdesk:call:keys.get')).toBe(false);
  });
});

describe('calls from a frame that is not the app', () => {
  it.each([
    ['an iframe inside the app', { url: APP_URL, parent: { url: APP_URL } }],
    ['a remote page', { url: 'https://evil.example/', parent: null }],
    ['another file on disk', { url: 'file:///home/me/Downloads/page.html', parent: null }],
    ['a frame that is gone', null],
  ])('are refused: %s', async (_label, frame) => {
    ipc.frame = frame as SenderFrame | null;
    const reply = await bridge.call('keys.set', { provider: 'openai', key: 'sk-from-a-stranger-123' });
    expect(reply).toEqual({ ok: false, error: REFUSED_SENDER });
    expect(invoked).toEqual([]);
    expect(await host.vault!.get('openai')).toBeNull();
  });
});

describe('channels', () => {
  it('are one fixed channel per contract operation, all removed on dispose', () => {
    expect([...ipc.handlers.keys()].sort()).toEqual(OPERATION_NAMES.map(ipcChannel).sort());
    dispose();
    expect(ipc.handlers.size).toBe(0);
  });
});

describe('events', () => {
  const event: ContractEvent = {
    type: 'warning',
    run_id: 'r1',
    provider_batch_id: null,
    code: 'slow',
    message: 'still running',
  };

  it('reach the renderer on the event channel, without the IPC event object', () => {
    const stop = forwardEvents(
      (listener) => service.subscribe(listener),
      () => ipc,
    );
    const seen: unknown[][] = [];
    const off = bridge.onEvent((...args: unknown[]) => seen.push(args));
    host.ctx.events.emit('event', event);
    expect(seen).toEqual([[event]]);
    off();
    host.ctx.events.emit('event', event);
    expect(seen).toHaveLength(1);
    stop();
  });

  it('are dropped while no window is open', () => {
    const send = vi.fn();
    const stop = forwardEvents(
      (listener) => service.subscribe(listener),
      () => null,
    );
    host.ctx.events.emit('event', event);
    const stopDestroyed = forwardEvents(
      (listener) => service.subscribe(listener),
      () => ({ isDestroyed: () => true, send }),
    );
    host.ctx.events.emit('event', event);
    expect(send).not.toHaveBeenCalled();
    stop();
    stopDestroyed();
  });
});

describe('dropped files', () => {
  it('get their real path from webUtils', () => {
    expect(bridge.pathForFile({ name: 'paper.pdf' } as File)).toBe('/home/me/paper.pdf');
  });
});
