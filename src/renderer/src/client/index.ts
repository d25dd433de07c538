// The one client the UI uses: the preload bridge in the desktop app, HTTP + SSE in the browser. The screens
// cannot tell them apart (apart from pathForFile / uploadFile, which only one of them has).
import type { BatchdeskApi, BatchdeskBridge } from '../../../shared/contract.ts';
import { createHttpClient } from './http-client.ts';
import { createIpcClient } from './ipc-client.ts';

export { createHttpClient, type HttpClientOptions } from './http-client.ts';
export { createIpcClient } from './ipc-client.ts';

/** The preload's bridge, when running inside the desktop app. */
export function desktopBridge(): BatchdeskBridge | null {
  return (globalThis as { batchdesk?: BatchdeskBridge }).batchdesk ?? null;
}

let client: BatchdeskApi | null = null;

export function getClient(): BatchdeskApi {
  if (client) return client;
  const bridge = desktopBridge();
  client = bridge ? createIpcClient(bridge) : createHttpClient(globalThis.location.origin);
  return client;
}
