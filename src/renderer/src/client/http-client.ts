// The browser client (batchdesk serve): operations as POST /api/call/:operation, events as Server-Sent Events read
// with fetch (the `eventsource` package, so the stream can send a header), dropped files uploaded to /api/upload.
// Every request carries the admin token as `Authorization: Bearer`; no cookie is ever involved, so no other web
// app on this machine can receive it.
import { EventSource } from 'eventsource';
import {
  ContractCallError,
  ContractErrorSchema,
  EventSchema,
  type BatchdeskApi,
  type ContractEvent,
  type OperationName,
  type OperationOutput,
} from '../../../shared/contract.ts';

export interface HttpClientOptions {
  /** The admin token that `batchdesk serve` printed. */
  token: string;
  fetch?: typeof fetch;
  /** The server refused the token (401), e.g. it restarted with a new one: ask the user again. */
  onUnauthorized?: () => void;
}

const SIGN_IN = 'not signed in: open the URL that `batchdesk serve` printed, or enter its admin token';

async function errorOf(response: Response): Promise<ContractCallError> {
  const body: unknown = await response.json().catch(() => null);
  const parsed = ContractErrorSchema.safeParse((body as { error?: unknown } | null)?.error);
  if (parsed.success && response.status !== 401) return new ContractCallError(parsed.data);
  const code = response.status === 404 ? 'not_found' : response.status === 403 ? 'forbidden' : response.status >= 500 ? 'internal' : 'invalid_input';
  return new ContractCallError({ code, message: response.status === 401 ? SIGN_IN : `the server answered ${response.status}` });
}

/** Whether `token` is the admin token of the server at `baseUrl` (what the token prompt checks). */
export async function isAdminToken(baseUrl: string, token: string, doFetch: typeof fetch = fetch): Promise<boolean> {
  const response = await doFetch(`${baseUrl.replace(/\/+$/, '')}/api/session`, { headers: { authorization: `Bearer ${token}` } });
  return response.ok;
}

export function createHttpClient(baseUrl: string, options: HttpClientOptions): BatchdeskApi {
  const base = baseUrl.replace(/\/+$/, '');
  const doFetch = options.fetch ?? ((input, init) => fetch(input, init));
  const auth = { authorization: `Bearer ${options.token}` };

  async function send(path: string, init: RequestInit): Promise<Response> {
    let response: Response;
    try {
      response = await doFetch(`${base}${path}`, { credentials: 'omit', ...init, headers: { ...auth, ...(init.headers as Record<string, string>) } });
    } catch {
      throw new ContractCallError({ code: 'unavailable', message: 'cannot reach the Batchdesk server: is `batchdesk serve` still running?' });
    }
    if (response.status === 401) options.onUnauthorized?.();
    if (!response.ok) throw await errorOf(response);
    return response;
  }

  let source: EventSource | null = null;
  const listeners = new Set<(event: ContractEvent) => void>();
  function connect(): void {
    source = new EventSource(`${base}/api/events`, {
      fetch: (url, init) => doFetch(url, { ...init, credentials: 'omit', headers: { ...init.headers, ...auth } }),
    });
    source.addEventListener('engine', (message) => {
      let data: unknown;
      try {
        data = JSON.parse(String(message.data));
      } catch {
        return;
      }
      const parsed = EventSchema.safeParse(data);
      if (parsed.success) for (const listener of listeners) listener(parsed.data);
    });
    source.addEventListener('error', (error) => {
      if (error.code === 401) options.onUnauthorized?.();
    });
  }

  return {
    async call<N extends OperationName>(name: N, input: unknown) {
      const response = await send(`/api/call/${encodeURIComponent(name)}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(input ?? {}),
      });
      return (await response.json()) as OperationOutput<N>;
    },
    subscribe(listener) {
      listeners.add(listener);
      if (!source) connect();
      return () => {
        listeners.delete(listener);
        if (listeners.size === 0 && source) {
          source.close();
          source = null;
        }
      };
    },
    async uploadFile(file, options = {}) {
      const headers: Record<string, string> = { 'content-type': 'application/octet-stream', 'x-file-name': encodeURIComponent(options.relativePath ?? file.name) };
      if (options.group) headers['x-upload-group'] = options.group;
      const response = await send('/api/upload', { method: 'POST', headers, body: file });
      return ((await response.json()) as { path: string }).path;
    },
  };
}
