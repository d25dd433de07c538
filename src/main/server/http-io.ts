// Small pieces of HTTP plumbing: JSON replies (errors as `{ error: ContractError }` with its status), bounded body
// reading, and the typed error for a request the server refuses.
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

/** The request body, refused past `limit` bytes (413) without reading the rest. */
export async function readBody(req: IncomingMessage, limit: number): Promise<Buffer> {
  const declared = Number(req.headers['content-length'] ?? 0);
  const tooLarge = () => new HttpRefusal(413, { code: 'invalid_input', message: `the request is larger than ${limit} bytes` });
  if (declared > limit) throw tooLarge();
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > limit) throw tooLarge();
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks);
}
