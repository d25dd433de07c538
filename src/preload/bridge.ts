// window.batchdesk, built from the two Electron objects it needs so it can be tested without Electron. Calls go
// only to the contract's fixed channels, events come only from the event channel, and listeners never see the
// IpcRendererEvent (which would hand the page a way back to ipcRenderer).
import type { IpcRenderer, IpcRendererEvent, WebUtils } from 'electron';
import {
  CallResultSchema,
  IPC_EVENT_CHANNEL,
  ipcChannel,
  isOperationName,
  type BatchdeskBridge,
  type CallResult,
  type ContractEvent,
} from '../shared/contract.ts';

type Ipc = Pick<IpcRenderer, 'invoke' | 'on' | 'removeListener'>;

export function createBridge(ipc: Ipc, webUtils: Pick<WebUtils, 'getPathForFile'>): BatchdeskBridge {
  return {
    async call(name, input): Promise<CallResult> {
      if (!isOperationName(name))
        return {
          ok: false,
          error: {
            code: 'invalid_input',
            message: `unknown operation "${String(name).slice(0, 100)}"`,
            problems: [],
          },
        };
      const reply = CallResultSchema.safeParse(await ipc.invoke(ipcChannel(name), input));
      return reply.success
        ? (reply.data as CallResult)
        : {
            ok: false,
            error: { code: 'internal', message: 'the engine sent an answer this window cannot read' },
          };
    },
    onEvent(listener: (event: ContractEvent) => void): () => void {
      if (typeof listener !== 'function') throw new TypeError('onEvent needs a function');
      const forward = (_event: IpcRendererEvent, payload: ContractEvent) => listener(payload);
      ipc.on(IPC_EVENT_CHANNEL, forward);
      return () => void ipc.removeListener(IPC_EVENT_CHANNEL, forward);
    },
    pathForFile(file: File): string {
      return webUtils.getPathForFile(file);
    },
  };
}
