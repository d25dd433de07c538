// The one client the UI uses: the preload bridge in the desktop app, HTTP + SSE in the browser. The screens
// cannot tell them apart (apart from pathForFile / uploadFile, which only one of them has).
import type { BatchdeskBridge } from '../../../shared/contract.ts';

export { createHttpClient, isAdminToken, type HttpClientOptions } from './http-client.ts';
export { createIpcClient } from './ipc-client.ts';
export { forgetToken, storedToken, storeToken, takeTokenFromFragment } from './session-token.ts';

/** The preload's bridge, when running inside the desktop app. */
export function desktopBridge(): BatchdeskBridge | null {
  return (globalThis as { batchdesk?: BatchdeskBridge }).batchdesk ?? null;
}
