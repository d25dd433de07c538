// Start-up: in the desktop app the preload's bridge is the client; in the browser the admin token comes from the
// URL fragment or this tab's sessionStorage, and without one the tab asks for it (TokenPrompt).
import { StrictMode, type ReactNode } from 'react';
import { createRoot } from 'react-dom/client';
import type { BatchdeskApi } from '../../shared/contract.ts';
import { createHttpClient, createIpcClient, desktopBridge, forgetToken, storedToken, storeToken, takeTokenFromFragment } from './client/index.ts';
import { setApi } from './api.ts';
import { App } from './App.tsx';
import { TokenPrompt } from './screens/sign-in/TokenPrompt.tsx';
import { startHashSync } from './state/route.ts';
import './styles.css';

const root = createRoot(document.getElementById('root')!);
const show = (node: ReactNode) => root.render(<StrictMode>{node}</StrictMode>);
let asking = false;

function start(client: BatchdeskApi): void {
  asking = false;
  setApi(client);
  show(<App />);
}

function browserClient(token: string): BatchdeskApi {
  const reason = 'The server did not accept the token this tab had (was `batchdesk serve` restarted?): enter the new one.';
  return createHttpClient(location.origin, { token, onUnauthorized: () => askForToken(reason) });
}

function askForToken(reason: string | null): void {
  if (asking) return;
  asking = true;
  forgetToken();
  show(
    <TokenPrompt
      reason={reason}
      onToken={(token) => {
        storeToken(token);
        start(browserClient(token));
      }}
    />,
  );
}

const bridge = desktopBridge();
const token = bridge ? null : (takeTokenFromFragment() ?? storedToken());
startHashSync();
if (bridge) start(createIpcClient(bridge));
else if (token) start(browserClient(token));
else askForToken(null);
