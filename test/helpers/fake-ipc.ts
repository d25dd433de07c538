// An in-process stand-in for Electron's ipcMain / ipcRenderer pair: invoke → handle with structured cloning both
// ways (as Electron does), and main → renderer events. The app's real IPC code runs on both sides of it, so the
// contract tests cross the same boundary the desktop app does, without launching Electron.
import type { BatchdeskBridge } from '../../src/shared/contract.ts';
import { isTrustedSender } from '../../src/main/electron/app-url.ts';
import { forwardEvents, registerContractIpc } from '../../src/main/electron/ipc.ts';
import { createBridge } from '../../src/preload/bridge.ts';
import type { Service } from '../../src/main/api/service/index.ts';

type Handle = (event: { senderFrame: { url: string; parent: null; isDestroyed(): boolean } }, ...args: unknown[]) => unknown;

/** The URL the app's window loads in these tests: the sender frame of every call. */
const APP_URL = 'file:///app/out/renderer/index.html';

type Listener = (event: { sender: null }, ...args: unknown[]) => void;

export class FakeIpc {
  private readonly handlers = new Map<string, Handle>();
  private readonly rendererListeners = new Map<string, Set<Listener>>();

  /** ipcMain.handle / removeHandler */
  handle(channel: string, handler: Handle): void {
    if (this.handlers.has(channel)) throw new Error(`a handler for ${channel} already exists`);
    this.handlers.set(channel, handler);
  }

  removeHandler(channel: string): void {
    this.handlers.delete(channel);
  }

  /** ipcRenderer.invoke: arguments and the answer are structured-cloned; a thrown error loses its type. */
  async invoke(channel: string, ...args: unknown[]): Promise<unknown> {
    const handler = this.handlers.get(channel);
    if (!handler) throw new Error(`No handler registered for '${channel}'`);
    try {
      const frame = { url: APP_URL, parent: null, isDestroyed: () => false };
      return structuredClone(await handler({ senderFrame: frame }, ...structuredClone(args)));
    } catch (error) {
      throw new Error(`Error invoking remote method '${channel}': ${String(error)}`, { cause: error });
    }
  }

  /** webContents.send */
  send(channel: string, ...args: unknown[]): void {
    for (const listener of this.rendererListeners.get(channel) ?? []) listener({ sender: null }, ...structuredClone(args));
  }

  /** ipcRenderer.on / removeListener */
  on(channel: string, listener: Listener): this {
    const set = this.rendererListeners.get(channel) ?? new Set();
    set.add(listener);
    this.rendererListeners.set(channel, set);
    return this;
  }

  removeListener(channel: string, listener: Listener): this {
    this.rendererListeners.get(channel)?.delete(listener);
    return this;
  }
}

/**
 * The desktop app's own IPC code on both sides of the fake pair: registerContractIpc (sender check, zod parse,
 * CallResult) in main, createBridge (the preload's window.batchdesk) in the renderer, forwardEvents for events.
 */
export function connectFakeIpc(service: Service): { bridge: BatchdeskBridge; ipc: FakeIpc; dispose: () => void } {
  const ipc = new FakeIpc();
  const removeHandlers = registerContractIpc(ipc as never, { service, isTrustedSender: (frame) => isTrustedSender(frame, APP_URL) });
  const stopEvents = forwardEvents((listener) => service.subscribe(listener), () => ({ isDestroyed: () => false, send: (channel, event) => ipc.send(channel, event) }));
  const real = createBridge(ipc as never, { getPathForFile: (file: File) => `/dropped/${file.name}` });
  return {
    bridge: real,
    ipc,
    dispose: () => {
      stopEvents();
      removeHandlers();
    },
  };
}
