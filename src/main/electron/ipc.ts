// The ipcMain wrapper (after VS Code's ipcMain.ts, with Mattermost's "validate where the handler is
// registered"): one fixed channel per contract operation, every call checked for its sender frame and parsed
// against the contract before the service sees it, every answer a CallResult ({ok, value} | {ok: false, error}).
import type { IpcMain, IpcMainInvokeEvent } from 'electron';
import {
  IPC_EVENT_CHANNEL,
  ipcChannel,
  OPERATION_NAMES,
  operations,
  type CallResult,
  type ContractError,
  type ContractEvent,
  type OperationName,
} from '../../shared/contract.ts';
import { parseInput, toContractError } from '../api/service/index.ts';
import type { SenderFrame } from './app-url.ts';

/** The part of the service (src/main/api/service) the IPC layer calls. */
export interface ContractInvoker {
  invoke(name: OperationName, input: unknown): Promise<CallResult>;
}

export interface IpcDeps {
  service: ContractInvoker;
  isTrustedSender(frame: SenderFrame | null | undefined): boolean;
  /** Where refused and failed calls are reported (never sent to the renderer in full). */
  log?: (line: string) => void;
}

type InvokeEvent = Pick<IpcMainInvokeEvent, 'senderFrame'>;

export const REFUSED_SENDER: ContractError = {
  code: 'unavailable',
  message: 'refused: the call did not come from the Batchdesk window',
};

/** The handler for one operation's channel. It never throws: every outcome is a CallResult. */
export function createCallHandler(
  name: OperationName,
  deps: IpcDeps,
): (event: InvokeEvent, rawInput: unknown) => Promise<CallResult> {
  const schema = operations[name].input;
  return async (event, rawInput) => {
    if (!deps.isTrustedSender(event.senderFrame)) {
      deps.log?.(
        `batchdesk ipc: refused ${name} from ${event.senderFrame?.url.slice(0, 200) ?? 'a frame that is gone'}`,
      );
      return { ok: false, error: REFUSED_SENDER };
    }
    try {
      return await deps.service.invoke(name, parseInput(schema, rawInput));
    } catch (error) {
      return { ok: false, error: toContractError(error, deps.log) };
    }
  };
}

/** Register every operation's handler; returns the disposer that removes them all (used at shutdown). */
export function registerContractIpc(
  ipcMain: Pick<IpcMain, 'handle' | 'removeHandler'>,
  deps: IpcDeps,
): () => void {
  for (const name of OPERATION_NAMES) ipcMain.handle(ipcChannel(name), createCallHandler(name, deps));
  return () => {
    for (const name of OPERATION_NAMES) ipcMain.removeHandler(ipcChannel(name));
  };
}

/** Where events go: the window's webContents, which comes and goes while the engine keeps running. */
export interface EventSink {
  isDestroyed(): boolean;
  send(channel: string, event: ContractEvent): void;
}

/** Forward contract events (already checked by the service) to the current window on the one event channel. */
export function forwardEvents(
  subscribe: (listener: (event: ContractEvent) => void) => () => void,
  sink: () => EventSink | null,
): () => void {
  return subscribe((event) => {
    const contents = sink();
    if (contents && !contents.isDestroyed()) contents.send(IPC_EVENT_CHANNEL, event);
  });
}
