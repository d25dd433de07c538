// Small pieces of HTTP plumbing: JSON replies (errors as `{ error: ContractError }` with its status), bounded body
// reading (413 past a route's limit), and the typed error for a request the server refuses.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { HTTP_STATUS_BY_CODE, type ContractError } from '../../shared/contract.ts';
import { COMMON_HEADERS } from './security.ts';

export class HttpRefusal extends Error {
  readonly status: number;
  readonly error: ContractError;
  constructor(status: number, error: ContractError) {
    super(error.message);
    this.name = 'HttpRefusal';
    this.status = status;
    this.error = error;
  }
}

export function sendJson(res: ServerResponse, status: number, value: unknown, headers: Record<string, string> = {}): void {
  if (res.headersSent) return void res.end();
  const body = JSON.stringify(value);
  res.writeHead(status, { ...COMMON_HEADERS, 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store', 'content-length': String(Buffer.byteLength(body)), ...headers });
  res.end(body);
}

export function sendError(res: ServerResponse, error: ContractError, status = HTTP_STATUS_BY_CODE[error.code]): void {
  sendJson(res, status, { error });
}

/** Past this much unread body after a refusal the connection is cut instead of drained. */
const DRAIN_LIMIT = 64 * 1024 * 1024;

export function tooLarge(limit: number, what = 'the request'): HttpRefusal {
  return new HttpRefusal(413, { code: 'invalid_input', message: `${what} is larger than the ${formatBytes(limit)} this route takes` });
}

export function formatBytes(bytes: number): string {
  return bytes >= 1024 * 1024 ? `${Math.round(bytes / 1024 / 1024)} MB` : `${Math.round(bytes / 1024)} KB`;
}

/**
 * After a refusal, read and drop the rest of the body (up to DRAIN_LIMIT) so the client gets to read the answer
 * instead of a reset connection; the answer then closes the connection.
 */
export function discardBody(req: IncomingMessage, res: ServerResponse): void {
  res.setHeader('connection', 'close');
  let dropped = 0;
  req.removeAllListeners('data');
  req.on('data', (chunk: Buffer) => {
    dropped += chunk.length;
    if (dropped > DRAIN_LIMIT) req.socket.destroy();
  });
  req.on('error', () => {});
  req.resume();
}

/** The request body, refused past `limit` bytes (413) without keeping the rest. */
export function readBody(req: IncomingMessage, limit: number, what?: string): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    if (Number(req.headers['content-length'] ?? 0) > limit) return reject(tooLarge(limit, what));
    const chunks: Buffer[] = [];
    let size = 0;
    const onData = (chunk: Buffer) => {
      size += chunk.length;
      if (size <= limit) return void chunks.push(chunk);
      req.off('data', onData);
      req.pause();
      reject(tooLarge(limit, what));
    };
    req.on('data', onData);
    req.once('end', () => resolve(Buffer.concat(chunks)));
    req.once('error', reject);
  });
}
