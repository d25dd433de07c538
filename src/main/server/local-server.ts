// `batchdesk serve`: the renderer, the UI's API (api-routes.ts) and the OpenAI-compatible batch gateway under /v1
// (gateway-routes.ts) on 127.0.0.1 only. Every request passes the Host/Origin check first, then the token check
// of its route (security.ts): /api needs the admin token, /v1 the gateway (or admin) token; the renderer's files
// are public (they hold no data) and the page takes its token from the URL fragment, which never reaches here.
// The server builds its own service over the host, with the HTTP platform (platform.ts), so no HTTP caller can
// skip the path rule or the base-URL confirmation.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { join } from 'node:path';
import type { EngineHost } from '../api/engine-host.ts';
import { createService, toContractError, type RawFilesRequest, type Service } from '../api/service/index.ts';
import { downloadExport, downloadRawFiles, refuse, routeApi, type ApiContext } from './api-routes.ts';
import { DEFAULT_BODY_LIMITS, type BodyLimits } from './body-limits.ts';
import { DownloadTickets } from './download-tickets.ts';
import { handleGateway, sendUnauthorized } from './gateway-routes.ts';
import { discardBody, HttpRefusal, sendError } from './http-io.ts';
import { localPathRule } from './local-paths.ts';
import { httpPlatform } from './platform.ts';
import { newToken, originProblem, scopeOf, type AccessTokens } from './security.ts';
import { DEFAULT_RENDERER_DIR, sendHtmlText, serveStatic } from './static-files.ts';

export interface LocalServerOptions {
  host: EngineHost;
  port?: number;
  /** Fixed tokens (BATCHDESK_SERVE_TOKEN / BATCHDESK_GATEWAY_TOKEN, tests); default: 256 random bits each. */
  adminToken?: string;
  gatewayToken?: string;
  /** Folders whose files HTTP callers may name (`--allow-dir`); uploads are always allowed. */
  allowDirs?: readonly string[];
  rendererDir?: string;
  limits?: Partial<BodyLimits>;
  log?: (line: string) => void;
}

export interface LocalServer {
  readonly server: Server;
  readonly port: number;
  /** The UI's and /api's token. */
  readonly adminToken: string;
  /** The token for /v1 only (batch scripts). */
  readonly gatewayToken: string;
  /** The URL to open: http://127.0.0.1:PORT/#token=ADMIN (a route may follow: …#/runs/ID). */
  readonly url: string;
  readonly origin: string;
  /** The service behind the HTTP face (with the HTTP platform). */
  readonly service: Service;
  close(): Promise<void>;
}

const NO_QUERY_TOKEN = 'Batchdesk no longer takes its token in the query (?token=): open the URL that `batchdesk serve` printed, which carries it after "#".';

export async function startLocalServer(options: LocalServerOptions): Promise<LocalServer> {
  const { host } = options;
  const tokens: AccessTokens = { admin: options.adminToken ?? newToken(), gateway: options.gatewayToken ?? newToken() };
  if (tokens.admin === tokens.gateway) throw new Error('the admin token and the gateway token must differ');
  const rendererDir = options.rendererDir ?? DEFAULT_RENDERER_DIR;
  const limits: BodyLimits = { ...DEFAULT_BODY_LIMITS, ...options.limits };
  const log = options.log ?? (() => {});
  const tickets = new DownloadTickets(() => host.ctx.clock.now());
  const rawFileTickets = new DownloadTickets<RawFilesRequest>(() => host.ctx.clock.now());
  const paths = await localPathRule({ uploadsFolder: join(host.dataFolder, 'uploads'), allowDirs: options.allowDirs ?? [] });
  const service = createService(host, httpPlatform({ tickets, rawFileTickets, paths }), { log });
  const sockets = new Set<Socket>();
  const streams = new Set<() => void>();
  const api: ApiContext = {
    service,
    tickets,
    rawFileTickets,
    limits,
    track(req, stop) {
      streams.add(stop);
      req.on('close', () => streams.delete(stop));
    },
  };
  let port = 0;

  async function route(req: IncomingMessage, res: ServerResponse, url: URL): Promise<void> {
    const path = url.pathname;
    if (path === '/api/export') return downloadExport(api, req, res, url);
    if (path === '/api/raw-files') return downloadRawFiles(api, req, res, url);
    if (path.startsWith('/api/')) {
      const scope = scopeOf(req, tokens);
      if (scope === null) throw refuse(401, 'invalid_input', 'missing or wrong token: open the URL that `batchdesk serve` printed, or enter its admin token');
      if (scope !== 'admin') throw refuse(403, 'forbidden', 'the gateway token opens only the OpenAI-compatible gateway under /v1; the UI and /api need the admin token');
      return routeApi(api, req, res, url);
    }
    if (req.method !== 'GET' && req.method !== 'HEAD') throw refuse(405, 'invalid_input', 'only GET is served here');
    if (url.searchParams.has('token')) return sendHtmlText(res, 400, NO_QUERY_TOKEN);
    return serveStatic(res, rendererDir, path);
  }

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const problem = originProblem(req, port);
    if (problem) return sendError(res, { code: 'forbidden', message: problem }, 403);
    if (url.pathname === '/v1' || url.pathname.startsWith('/v1/')) {
      if (scopeOf(req, tokens) === null) return sendUnauthorized(res);
      return handleGateway(host, req, res, url, { limits, log });
    }
    try {
      await route(req, res, url);
    } catch (error) {
      if (res.headersSent) return void res.destroy();
      if (error instanceof HttpRefusal) {
        if (error.status === 413) discardBody(req, res);
        return sendError(res, error.error, error.status);
      }
      sendError(res, toContractError(error, log));
    }
  }

  const server = createServer((req, res) => void handle(req, res).catch(() => res.destroy()));
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => resolve());
  });
  port = (server.address() as AddressInfo).port;
  const origin = `http://127.0.0.1:${port}`;
  return {
    server,
    port,
    adminToken: tokens.admin,
    gatewayToken: tokens.gateway,
    url: `${origin}/#token=${tokens.admin}`,
    origin,
    service,
    async close() {
      for (const stop of streams) stop();
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        for (const socket of sockets) socket.destroy();
      });
    },
  };
}
