// `batchdesk serve`: the renderer and the contract on 127.0.0.1 only. POST /api/call/:operation (JSON in and out,
// typed errors as 4xx), GET /api/events (SSE), POST /api/upload (browser drag and drop), GET /api/export
// (downloads), and the OpenAI-compatible batch gateway under /v1 (gateway-routes.ts). Every request passes the
// Host/Origin check and the token check first (security.ts).
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { ExportRequestSchema, type ContractError } from '../../shared/contract.ts';
import { checkExport, EXPORT_CONTENT_TYPES, exportFileName, parseInput, toContractError, writeExport, type Service } from '../api/service/index.ts';
import { streamEvents } from './events-stream.ts';
import { handleGateway, sendUnauthorized } from './gateway-routes.ts';
import { HttpRefusal, readBody, sendError, sendJson } from './http-io.ts';
import { isAuthorized, newToken, originProblem, sameToken, sessionCookie, COMMON_HEADERS } from './security.ts';
import { DEFAULT_RENDERER_DIR, sendHtmlText, serveStatic } from './static-files.ts';
import { DEFAULT_UPLOAD_LIMIT, storeUpload } from './upload.ts';

export const CALL_BODY_LIMIT = 64 * 1024 * 1024;

export interface LocalServerOptions {
  service: Service;
  port?: number;
  /** Fixed token (tests, the gateway); default: 256 random bits. */
  token?: string;
  rendererDir?: string;
  uploadLimit?: number;
  log?: (line: string) => void;
}

export interface LocalServer {
  readonly server: Server;
  readonly port: number;
  readonly token: string;
  /** The URL to open: http://127.0.0.1:PORT/?token=... */
  readonly url: string;
  close(): Promise<void>;
}

const refuse = (status: number, code: ContractError['code'], message: string) => new HttpRefusal(status, { code, message });

function exportRequestOf(query: URLSearchParams) {
  return parseInput(ExportRequestSchema, {
    run_id: query.get('run_id') ?? undefined,
    format: query.get('format') ?? undefined,
    ...(query.getAll('column').length ? { columns: query.getAll('column') } : {}),
    ...(query.get('include_raw') === 'true' || query.get('include_raw') === '1' ? { include_raw: true } : {}),
  });
}

export async function startLocalServer(options: LocalServerOptions): Promise<LocalServer> {
  const { service } = options;
  const token = options.token ?? newToken();
  const rendererDir = options.rendererDir ?? DEFAULT_RENDERER_DIR;
  const uploadLimit = options.uploadLimit ?? DEFAULT_UPLOAD_LIMIT;
  const log = options.log ?? (() => {});
  const sockets = new Set<Socket>();
  const streams = new Set<() => void>();
  let port = 0;

  async function route(req: IncomingMessage, res: ServerResponse, url: URL): Promise<void> {
    const method = req.method ?? 'GET';
    const path = url.pathname;
    if (path.startsWith('/api/call/')) {
      if (method !== 'POST') throw refuse(405, 'invalid_input', 'use POST for /api/call');
      if (!/^application\/json\b/i.test(req.headers['content-type'] ?? '')) throw refuse(415, 'invalid_input', 'send the input as application/json');
      const body = await readBody(req, CALL_BODY_LIMIT);
      let input: unknown;
      try {
        input = body.length ? JSON.parse(body.toString('utf8')) : undefined;
      } catch {
        throw refuse(400, 'invalid_input', 'the body is not valid JSON');
      }
      const result = await service.invoke(decodeURIComponent(path.slice('/api/call/'.length)), input);
      return result.ok ? sendJson(res, 200, result.value) : sendError(res, result.error);
    }
    if (path === '/api/events') {
      if (method !== 'GET') throw refuse(405, 'invalid_input', 'use GET for /api/events');
      return streamEvents(req, res, service, (stop) => {
        streams.add(stop);
        req.on('close', () => streams.delete(stop));
      });
    }
    if (path === '/api/upload') {
      if (method !== 'POST') throw refuse(405, 'invalid_input', 'use POST for /api/upload');
      return sendJson(res, 200, { path: await storeUpload(req, service.host.dataFolder, uploadLimit) });
    }
    if (path === '/api/export') {
      if (method !== 'GET') throw refuse(405, 'invalid_input', 'use GET for /api/export');
      const request = exportRequestOf(url.searchParams);
      checkExport(service.host, request);
      res.writeHead(200, { ...COMMON_HEADERS, 'content-type': EXPORT_CONTENT_TYPES[request.format], 'content-disposition': `attachment; filename="${exportFileName(request)}"`, 'cache-control': 'no-store' });
      await writeExport(service.host, request, res);
      return void res.end();
    }
    if (path.startsWith('/api/')) throw refuse(404, 'not_found', `no endpoint ${path}`);
    if (method !== 'GET' && method !== 'HEAD') throw refuse(405, 'invalid_input', 'only GET is served here');
    return serveStatic(res, rendererDir, path);
  }

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const problem = originProblem(req, port);
    if (problem) return sendError(res, { code: 'invalid_input', message: problem }, 403);
    // The printed URL carries the token once: swap it for the cookie and drop it from the address bar.
    const given = url.searchParams.get('token');
    if (given !== null && req.method === 'GET' && !url.pathname.startsWith('/api/')) {
      if (!sameToken(given, token)) return sendHtmlText(res, 401, 'This link has a wrong token. Open the exact URL that `batchdesk serve` printed.');
      url.searchParams.delete('token');
      res.writeHead(302, { ...COMMON_HEADERS, 'set-cookie': sessionCookie(token, port), location: `${url.pathname}${url.search}`, 'cache-control': 'no-store' });
      return void res.end();
    }
    if (url.pathname.startsWith('/v1/')) {
      if (!isAuthorized(req, token, port)) return sendUnauthorized(res);
      return handleGateway(service.host, req, res, url, log);
    }
    if (!isAuthorized(req, token, port)) {
      if (url.pathname.startsWith('/api/')) return sendError(res, { code: 'invalid_input', message: 'missing or wrong token: open the URL that `batchdesk serve` printed' }, 401);
      return sendHtmlText(res, 401, 'Open the exact URL that `batchdesk serve` printed (it carries the access token).');
    }
    try {
      await route(req, res, url);
    } catch (error) {
      if (error instanceof HttpRefusal) return sendError(res, error.error, error.status);
      const typed = toContractError(error, log);
      if (res.headersSent) return void res.destroy();
      sendError(res, typed);
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
  return {
    server,
    port,
    token,
    url: `http://127.0.0.1:${port}/?token=${token}`,
    async close() {
      for (const stop of streams) stop();
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        for (const socket of sockets) socket.destroy();
      });
    },
  };
}
