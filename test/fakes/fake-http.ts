// Plumbing shared by the stateful fake provider servers: an HTTP server on 127.0.0.1, a route table,
// a controllable clock, a request log, and fault injection (429 + retry-after, 500, reset, timeout).
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { ManualClock as FakeClock } from '../../src/main/core/clock.ts';

/** The fakes' own clock: the same manual clock the engine's tests use, owned by the fake server. */
export { ManualClock as FakeClock } from '../../src/main/core/clock.ts';

export type FaultKind =
  /**
   * `sdkRetryAfterMs` adds the non-standard `retry-after-ms` header, which the OpenAI and Anthropic SDKs prefer for
   * their own retries: tests use it so an SDK does not sleep a long Retry-After in real time before it gives up.
   */
  | { kind: 'status'; status: number; retryAfterSeconds?: number; sdkRetryAfterMs?: number; body?: unknown }
  /** Let the handler run (the side effect happens, e.g. a batch is created), then answer 500. */
  | { kind: 'status-after-effect'; status: number }
  | { kind: 'reset' }
  /** Never answer (the client's timeout fires). */
  | { kind: 'timeout' }
  /** Let the handler run (the side effect happens), call `then` (e.g. kill the client), and never answer. */
  | { kind: 'effect-then-hang'; then: () => void }
  /**
   * Hold the request: `onHeld` is called when it arrives, and the handler runs (the side effect happens) and
   * answers only once `release` resolves, whether or not the client is still waiting.
   */
  | { kind: 'hold'; release: Promise<void>; onHeld?: () => void };

export interface Fault {
  method?: string;
  /** Matched against the request path (without query). */
  path: RegExp;
  /** How many matching requests get the fault (default 1). */
  times?: number;
  fault: FaultKind;
}

export interface LoggedRequest {
  method: string;
  path: string;
  headers: IncomingMessage['headers'];
  at: number;
  status?: number;
}

export interface FakeRequest {
  method: string;
  path: string;
  query: URLSearchParams;
  headers: IncomingMessage['headers'];
  params: Record<string, string>;
  body: Buffer;
  json<T = unknown>(): T;
}

export interface FakeReply {
  status?: number;
  json?: unknown;
  /** Raw body (e.g. a JSONL file). */
  body?: string | Buffer;
  headers?: Record<string, string>;
}

export type Handler = (req: FakeRequest) => FakeReply | Promise<FakeReply>;

interface Route {
  method: string;
  pattern: RegExp;
  keys: string[];
  handler: Handler;
}

/** A loopback HTTP server with routes like `GET /v1/batches/:id`. */
export class FakeHttpServer {
  readonly log: LoggedRequest[] = [];
  readonly faults: Fault[] = [];
  private readonly routes: Route[] = [];
  private readonly sockets = new Set<Socket>();
  // A client that gives up mid-request (its timeout) must not become an unhandled rejection in the test process.
  private readonly server = createServer((req, res) => void this.handle(req, res).catch(() => res.destroy()));
  url = '';

  readonly clock: FakeClock;

  constructor(clock: FakeClock = new FakeClock()) {
    this.clock = clock;
    this.server.on('connection', (socket) => {
      this.sockets.add(socket);
      socket.on('close', () => this.sockets.delete(socket));
    });
  }

  /** `path` is either `/v1/batches/:id` or a RegExp whose named groups become params (for paths with ':'). */
  route(method: string, path: string | RegExp, handler: Handler): this {
    if (path instanceof RegExp) {
      this.routes.push({ method, pattern: path, keys: [], handler });
      return this;
    }
    const keys: string[] = [];
    const source = path.replace(/[.]/g, '\\.').replace(/:([A-Za-z_]+)/g, (_m, key: string) => {
      keys.push(key);
      return '([^/]+?)';
    });
    this.routes.push({ method, pattern: new RegExp(`^${source}$`), keys, handler });
    return this;
  }

  inject(fault: Fault): this {
    this.faults.push({ times: 1, ...fault });
    return this;
  }

  async listen(): Promise<string> {
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    const { port } = this.server.address() as AddressInfo;
    this.url = `http://127.0.0.1:${port}`;
    return this.url;
  }

  async close(): Promise<void> {
    for (const socket of this.sockets) socket.destroy();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  private takeFault(method: string, path: string): FaultKind | null {
    const index = this.faults.findIndex(
      (f) => (f.method === undefined || f.method === method) && f.path.test(path) && (f.times ?? 1) > 0,
    );
    if (index < 0) return null;
    const fault = this.faults[index]!;
    fault.times = (fault.times ?? 1) - 1;
    if (fault.times <= 0) this.faults.splice(index, 1);
    return fault.fault;
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const method = req.method ?? 'GET';
    const entry: LoggedRequest = { method, path: url.pathname, headers: req.headers, at: this.clock.now() };
    this.log.push(entry);
    const fault = this.takeFault(method, url.pathname);
    if (fault?.kind === 'reset') return void req.socket.destroy();
    if (fault?.kind === 'timeout') return;
    if (fault?.kind === 'status') {
      entry.status = fault.status;
      const headers: Record<string, string> = { 'content-type': 'application/json' };
      if (fault.retryAfterSeconds !== undefined) headers['retry-after'] = String(fault.retryAfterSeconds);
      if (fault.sdkRetryAfterMs !== undefined) headers['retry-after-ms'] = String(fault.sdkRetryAfterMs);
      res.writeHead(fault.status, headers);
      return void res.end(JSON.stringify(fault.body ?? { error: { message: 'injected fault', type: 'fault' } }));
    }
    if (fault?.kind === 'hold') {
      fault.onHeld?.();
      await fault.release;
    }
    let reply: FakeReply;
    try {
      reply = await this.dispatch(method, url, req.headers, Buffer.concat(chunks));
    } catch (error) {
      reply = { status: 500, json: { error: { message: String(error), type: 'fake_server_error' } } };
    }
    if (fault?.kind === 'effect-then-hang') return fault.then();
    if (fault?.kind === 'status-after-effect') reply = { status: fault.status, json: { error: { message: 'injected after effect', type: 'server_error' } } };
    entry.status = reply.status ?? 200;
    const isJson = reply.json !== undefined;
    res.writeHead(entry.status, { 'content-type': isJson ? 'application/json' : 'application/octet-stream', ...reply.headers });
    res.end(isJson ? JSON.stringify(reply.json) : (reply.body ?? ''));
  }

  private async dispatch(method: string, url: URL, headers: IncomingMessage['headers'], body: Buffer): Promise<FakeReply> {
    for (const route of this.routes) {
      if (route.method !== method) continue;
      const match = route.pattern.exec(url.pathname);
      if (!match) continue;
      const params: Record<string, string> = {};
      route.keys.forEach((key, i) => (params[key] = decodeURIComponent(match[i + 1]!)));
      for (const [key, value] of Object.entries(match.groups ?? {})) params[key] = decodeURIComponent(value);
      return route.handler({
        method,
        path: url.pathname,
        query: url.searchParams,
        headers,
        params,
        body,
        json: <T,>() => JSON.parse(body.toString('utf8')) as T,
      });
    }
    return { status: 404, json: { error: { message: `no route ${method} ${url.pathname}`, type: 'not_found' } } };
  }
}
