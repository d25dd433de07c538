// The desktop client: the preload's bridge (window.batchdesk) as a BatchdeskApi. A failed call arrives as a
// typed result, not a thrown error (IPC would strip its type), and becomes a ContractCallError here.
import { ContractCallError, type BatchdeskApi, type BatchdeskBridge, type CallResult, type OperationName, type OperationOutput } from '../../../shared/contract.ts';

export function unwrap<T>(result: CallResult): T {
  if (result.ok) return result.value as T;
  throw new ContractCallError(result.error);
}

export function createIpcClient(bridge: BatchdeskBridge): BatchdeskApi {
  return {
    async call<N extends OperationName>(name: N, input: unknown) {
      return unwrap<OperationOutput<N>>(await bridge.call(name, input));
    },
    subscribe: (listener) => bridge.onEvent(listener),
    pathForFile: (file) => bridge.pathForFile(file),
  };
}
