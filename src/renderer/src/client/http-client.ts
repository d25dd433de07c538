// The browser client (batchdesk serve): operations as POST /api/call/:operation, events over Server-Sent Events,
// dropped files uploaded to /api/upload. The access token travels in the session cookie the server set, or as
// a Bearer header when one is given (scripts, tests).
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
  token?: string;
  fetch?: typeof fetch;
  /** EventSource implementation (the browser's by default). */
  EventSource?: typeof EventSource;
}

async function errorOf(response: Response): Promise<ContractCallError> {
  const body: unknown = await response.json().catch(() => null);
  const parsed = ContractErrorSchema.safeParse((body as { error?: unknown } | null)?.error);
  if (parsed.success) return new ContractCallError(parsed.data);
  return new ContractCallError({
    code: response.status === 404 ? 'not_found' : response.status >= 500 ? 'internal' : 'invalid_input',
    message: response.status === 401 ? 'not signed in: open the URL that `batchdesk serve` printed' : `the server answered ${response.status}`,
  });
}

export function createHttpClient(baseUrl: string, options: HttpClientOptions = {}): BatchdeskApi {
  const base = baseUrl.replace(/\/+$/, '');
  const doFetch = options.fetch ?? ((input, init) => fetch(input, init));
  const auth: Record<string, string> = options.token ? { authorization: `Bearer ${options.token}` } : {};

  async function send(path: string, init: RequestInit): Promise<Response> {
    let response: Response;
    try {
      response = await doFetch(`${base}${path}`, { credentials: 'same-origin', ...init, headers: { ...auth, ...(init.headers as Record<string, string>) } });
    } catch {
      throw new ContractCallError({ code: 'unavailable', message: 'cannot reach the Batchdesk server: is `batchdesk serve` still running?' });
    }
    if (!response.ok) throw await errorOf(response);
    return response;
  }

  let source: EventSource | null = null;
  const listeners = new Set<(event: ContractEvent) => void>();
  function connect(): void {
    const Source = options.EventSource ?? globalThis.EventSource;
    source = new Source(`${base}/api/events`, { withCredentials: false });
    source.addEventListener('engine', (message) => {
      let data: unknown;
      try {
        data = JSON.parse(String((message as { data?: unknown }).data));
      } catch {
        return;
      }
      const parsed = EventSchema.safeParse(data);
      if (parsed.success) for (const listener of listeners) listener(parsed.data);
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
    async uploadFile(file) {
      const response = await send('/api/upload', {
        method: 'POST',
        headers: { 'content-type': 'application/octet-stream', 'x-file-name': encodeURIComponent(file.name) },
        body: file,
      });
      return ((await response.json()) as { path: string }).path;
    },
  };
}
