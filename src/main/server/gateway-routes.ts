// The OpenAI-compatible batch gateway under /v1 (files and batches), for existing OpenAI batch scripts:
// point OPENAI_BASE_URL at http://127.0.0.1:PORT/v1 and use the gateway token as the API key. It sees only its
// own files and batches (the gateway tables), never the UI's runs, settings, keys or local paths.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { rm } from 'node:fs/promises';
import { pipeline } from 'node:stream/promises';
import busboy from 'busboy';
import type { EngineHost } from '../api/engine-host.ts';
import { cancelBatch, createBatch, listBatches, retrieveBatch } from '../api/gateway/batches.ts';
import { deleteFile, fileContent, listFiles, registerUpload, retrieveFile, writeUpload, type WrittenUpload } from '../api/gateway/files.ts';
import { invalid, notFound, OpenAIStyleError } from '../api/gateway/openai-error.ts';
import type { BodyLimits } from './body-limits.ts';
import { discardBody, formatBytes, HttpRefusal, readBody, sendJson } from './http-io.ts';
import { redactKeys } from '../api/service/index.ts';
import { decodePathPart, parseJsonBody } from './json-body.ts';

function pageQuery(url: URL) {
  const limit = Number(url.searchParams.get('limit') ?? 20);
  if (!Number.isInteger(limit) || limit < 1 || limit > 10_000) throw invalid(`Invalid 'limit': ${url.searchParams.get('limit')}`, 'limit');
  const after = url.searchParams.get('after') ?? undefined;
  return { limit, ...(after ? { after } : {}) };
}

const tooLarge = (what: string, limit: number) => new OpenAIStyleError(413, `${what} is larger than the ${formatBytes(limit)} this gateway takes.`);

/** multipart/form-data with `purpose` and `file` (in either order), the file streamed to the data folder. */
function receiveUpload(host: EngineHost, req: IncomingMessage, limit: number): Promise<unknown> {
  return new Promise((resolve, reject) => {
    // The multipart framing and the purpose field add a little to the file's own size.
    if (Number(req.headers['content-length'] ?? 0) > limit + 64 * 1024) return reject(tooLarge('The file', limit));
    let purpose: string | null = null;
    let written: Promise<WrittenUpload> | null = null;
    let parser: busboy.Busboy;
    try {
      parser = busboy({ headers: req.headers, limits: { files: 1, fileSize: limit, fields: 10, fieldSize: 64 * 1024, parts: 12 } });
    } catch {
      return reject(invalid('send the file as multipart/form-data with the fields purpose and file'));
    }
    parser.on('field', (name, value) => {
      if (name === 'purpose') purpose = value;
    });
    parser.on('file', (_name, stream, info) => {
      // busboy cuts a file at the limit and goes on as if it had ended: refuse it instead of keeping a torso.
      const writing = writeUpload(host, info.filename ?? 'upload.jsonl', stream);
      writing.catch(() => undefined);
      written = writing;
      stream.once('limit', () => {
        req.unpipe(parser);
        stream.destroy(new Error('over the upload limit'));
        // Answer once the partial file is gone.
        void writing.then(
          (w) => rm(w.path, { force: true }),
          () => undefined,
        ).finally(() => reject(tooLarge('The file', limit)));
      });
    });
    parser.on('error', reject);
    parser.on('close', () => {
      if (!written) return reject(invalid("'file' is required", 'file'));
      written.then((w) => registerUpload(host, w, purpose)).then(resolve, reject);
    });
    req.pipe(parser);
  });
}

async function jsonBody(req: IncomingMessage, limit: number): Promise<unknown> {
  const body = await readBody(req, limit).catch((error: unknown) => {
    throw error instanceof HttpRefusal && error.status === 413 ? tooLarge('The request body', limit) : error;
  });
  try {
    return parseJsonBody(body.toString('utf8'));
  } catch (error) {
    throw invalid(`We could not parse the JSON body of your request: ${(error as Error).message}.`);
  }
}

async function route(host: EngineHost, req: IncomingMessage, res: ServerResponse, url: URL, limits: BodyLimits): Promise<void> {
  const method = req.method ?? 'GET';
  let parts: string[];
  try {
    parts = url.pathname.replace(/\/+$/, '').split('/').slice(2).map(decodePathPart); // after /v1
  } catch (error) {
    throw invalid((error as Error).message);
  }
  const [collection, id, action] = parts;
  if (collection === 'files') {
    if (!id && method === 'POST') return sendJson(res, 200, await receiveUpload(host, req, limits.gatewayFile));
    if (!id && method === 'GET') return sendJson(res, 200, listFiles(host, { ...pageQuery(url), ...(url.searchParams.get('purpose') ? { purpose: url.searchParams.get('purpose')! } : {}) }));
    if (id && !action && method === 'GET') return sendJson(res, 200, retrieveFile(host, id));
    if (id && !action && method === 'DELETE') return sendJson(res, 200, await deleteFile(host, id));
    if (id && action === 'content' && method === 'GET') {
      const content = fileContent(host, id);
      res.writeHead(200, { 'content-type': 'application/jsonl', 'cache-control': 'no-store' });
      return pipeline(content, res);
    }
  }
  if (collection === 'batches') {
    if (!id && method === 'POST') return sendJson(res, 200, await createBatch(host, await jsonBody(req, limits.gatewayJson)));
    if (!id && method === 'GET') return sendJson(res, 200, await listBatches(host, pageQuery(url)));
    if (id && !action && method === 'GET') return sendJson(res, 200, await retrieveBatch(host, id));
    if (id && action === 'cancel' && method === 'POST') return sendJson(res, 200, await cancelBatch(host, id));
  }
  throw notFound(`Invalid URL (${method} ${url.pathname})`);
}

export async function handleGateway(host: EngineHost, req: IncomingMessage, res: ServerResponse, url: URL, options: { limits: BodyLimits; log: (line: string) => void }): Promise<void> {
  const { log } = options;
  try {
    await route(host, req, res, url, options.limits);
  } catch (error) {
    const typed = error instanceof OpenAIStyleError ? error : new OpenAIStyleError(500, 'The gateway could not process the request; details are in its log.');
    if (!(error instanceof OpenAIStyleError)) log(`gateway: ${redactKeys((error as Error).stack ?? String(error))}`);
    if (res.headersSent) return void res.destroy();
    if (typed.status === 413) discardBody(req, res);
    sendJson(res, typed.status, typed.body());
  }
}

export function sendUnauthorized(res: ServerResponse): void {
  sendJson(res, 401, new OpenAIStyleError(401, 'Incorrect API key provided: use the gateway token that `batchdesk serve` printed (or BATCHDESK_GATEWAY_TOKEN) as the API key.', { code: 'invalid_api_key' }).body());
}
