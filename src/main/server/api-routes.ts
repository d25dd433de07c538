// The UI's API under /api, for the admin token only: POST /api/call/:operation (JSON in and out, typed errors as
// 4xx), GET /api/events (SSE), POST /api/upload (browser drag and drop), GET /api/session (is this token good?),
// GET /api/export?ticket=… and GET /api/raw-files?ticket=… (downloads; the single-use ticket from runs.export or
// runs.downloadRawFiles is their only credential).
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { ContractError } from '../../shared/contract.ts';
import { checkExport, EXPORT_CONTENT_TYPES, exportFileName, rawFiles, rawFilesZipName, writeExport, writeRawFiles, type RawFilesRequest, type Service } from '../api/service/index.ts';
import { callBodyLimit, type BodyLimits } from './body-limits.ts';
import type { DownloadTickets } from './download-tickets.ts';
import { streamEvents } from './events-stream.ts';
import { HttpRefusal, readBody, sendError, sendJson } from './http-io.ts';
import { decodePathPart, parseJsonBody, type ClientInputError } from './json-body.ts';
import { COMMON_HEADERS } from './security.ts';
import { storeUpload } from './upload.ts';

export interface ApiContext {
  service: Service;
  tickets: DownloadTickets;
  rawFileTickets: DownloadTickets<RawFilesRequest>;
  limits: BodyLimits;
  /** Keeps each open event stream so close() can end it. */
  track(req: IncomingMessage, stop: () => void): void;
}

export const refuse = (status: number, code: ContractError['code'], message: string) => new HttpRefusal(status, { code, message });

function expectMethod(req: IncomingMessage, method: string, path: string): void {
  if ((req.method ?? 'GET') !== method) throw refuse(405, 'invalid_input', `use ${method} for ${path}`);
}

async function call(ctx: ApiContext, req: IncomingMessage, res: ServerResponse, operation: string): Promise<void> {
  if (!/^application\/json\b/i.test(req.headers['content-type'] ?? '')) throw refuse(415, 'invalid_input', 'send the input as application/json');
  const body = await readBody(req, callBodyLimit(ctx.limits, operation));
  let input: unknown;
  try {
    input = body.length ? parseJsonBody(body.toString('utf8')) : undefined;
  } catch (error) {
    throw refuse(400, 'invalid_input', (error as Error).message);
  }
  const result = await ctx.service.invoke(operation, input);
  return result.ok ? sendJson(res, 200, result.value) : sendError(res, result.error);
}

/** GET /api/export?ticket=…: needs no token (a download cannot send one), only a ticket runs.export issued. */
export async function downloadExport(ctx: ApiContext, req: IncomingMessage, res: ServerResponse, url: URL): Promise<void> {
  expectMethod(req, 'GET', '/api/export');
  const request = ctx.tickets.redeem(url.searchParams.get('ticket'));
  if (!request) throw refuse(403, 'forbidden', 'this download link was already used or has expired (links last a minute): export again from the run page');
  checkExport(ctx.service.host, request);
  res.writeHead(200, { ...COMMON_HEADERS, 'content-type': EXPORT_CONTENT_TYPES[request.format], 'content-disposition': `attachment; filename="${exportFileName(request)}"`, 'cache-control': 'no-store' });
  await writeExport(ctx.service.host, request, res);
  res.end();
}

/** GET /api/raw-files?ticket=…: a zip of raw provider files; like /api/export, the single-use ticket is its only credential. */
export async function downloadRawFiles(ctx: ApiContext, req: IncomingMessage, res: ServerResponse, url: URL): Promise<void> {
  expectMethod(req, 'GET', '/api/raw-files');
  const request = ctx.rawFileTickets.redeem(url.searchParams.get('ticket'));
  if (!request) throw refuse(403, 'forbidden', 'this download link was already used or has expired (links last a minute): download again from the run page');
  await rawFiles(ctx.service.host, request);
  res.writeHead(200, { ...COMMON_HEADERS, 'content-type': 'application/zip', 'content-disposition': `attachment; filename="${rawFilesZipName(request)}"`, 'cache-control': 'no-store' });
  await writeRawFiles(ctx.service.host, request, res);
  res.end();
}

export async function routeApi(ctx: ApiContext, req: IncomingMessage, res: ServerResponse, url: URL): Promise<void> {
  const path = url.pathname;
  if (path.startsWith('/api/call/')) {
    expectMethod(req, 'POST', '/api/call');
    let operation: string;
    try {
      operation = decodePathPart(path.slice('/api/call/'.length));
    } catch (error) {
      throw refuse(400, 'invalid_input', (error as ClientInputError).message);
    }
    return call(ctx, req, res, operation);
  }
  if (path === '/api/events') {
    expectMethod(req, 'GET', path);
    return streamEvents(req, res, ctx.service, (stop) => ctx.track(req, stop));
  }
  if (path === '/api/upload') {
    expectMethod(req, 'POST', path);
    return sendJson(res, 200, { path: await storeUpload(req, ctx.service.host.dataFolder, ctx.limits.upload) });
  }
  if (path === '/api/session') {
    expectMethod(req, 'GET', path);
    return sendJson(res, 200, { scope: 'admin' });
  }
  throw refuse(404, 'not_found', `no endpoint ${path}`);
}
