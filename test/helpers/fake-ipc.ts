// An in-process stand-in for Electron's ipcMain / ipcRenderer pair: invoke → handle with structured cloning both
// ways (as Electron does), and main → renderer events. Wired to the service exactly as the desktop app wires it,
// it lets the contract tests cross an IPC-shaped boundary without launching Electron.
import { IPC_EVENT_CHANNEL, ipcChannel, OPERATION_NAMES, type BatchdeskBridge, type CallResult, type ContractEvent } from '../../src/shared/contract.ts';
import type { Service } from '../../src/main/api/service/index.ts';

type Handle = (event: { senderFrame: { url: string } }, ...args: unknown[]) => unknown;

export class FakeIpc {
  private readonly handlers = new Map<string, Handle>();
  private readonly rendererListeners = new Map<string, Set<(...args: unknown[]) => void>>();

  /** ipcMain.handle */
  handle(channel: string, handler: Handle): void {
    if (this.handlers.has(channel)) throw new Error(`a handler for ${channel} already exists`);
    this.handlers.set(channel, handler);
  }

  /** ipcRenderer.invoke: arguments and the answer are structured-cloned; a thrown error loses its type. */
  async invoke(channel: string, ...args: unknown[]): Promise<unknown> {
    const handler = this.handlers.get(channel);
    if (!handler) throw new Error(`No handler registered for '${channel}'`);
    try {
      return structuredClone(await handler({ senderFrame: { url: 'app://batchdesk/index.html' } }, ...structuredClone(args)));
    } catch (error) {
      throw new Error(`Error invoking remote method '${channel}': ${String(error)}`, { cause: error });
    }
  }

  /** webContents.send */
  send(channel: string, ...args: unknown[]): void {
    for (const listener of this.rendererListeners.get(channel) ?? []) listener(...structuredClone(args));
  }

  /** ipcRenderer.on / removeListener */
  on(channel: string, listener: (...args: unknown[]) => void): () => void {
    const set = this.rendererListeners.get(channel) ?? new Set();
    set.add(listener);
    this.rendererListeners.set(channel, set);
    return () => set.delete(listener);
  }
}

/** Main side: one handler per operation, events forwarded. Returns the bridge a preload would expose. */
export function connectFakeIpc(service: Service): { bridge: BatchdeskBridge; ipc: FakeIpc; dispose: () => void } {
  const ipc = new FakeIpc();
  for (const name of OPERATION_NAMES) ipc.handle(ipcChannel(name), (_event, input) => service.invoke(name, input));
  const unsubscribe = service.subscribe((event) => ipc.send(IPC_EVENT_CHANNEL, event));
  const bridge: BatchdeskBridge = {
    call: (name, input) => ipc.invoke(ipcChannel(name), input) as Promise<CallResult>,
    onEvent: (listener) => ipc.on(IPC_EVENT_CHANNEL, (event) => listener(event as ContractEvent)),
    pathForFile: (file) => `/dropped/${file.name}`,
  };
  return { bridge, ipc, dispose: unsubscribe };
}
