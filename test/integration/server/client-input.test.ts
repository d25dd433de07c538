// Issue 13 acceptance: the gateway and the local server never answer 500 to client input. An upload past the
// gateway's file limit (600 MB against 200 MB, declared or streamed chunked) is 413 in OpenAI's error shape; a
// malformed %-escape in the path and a 3,000-deep JSON body are 400, in OpenAI's shape under /v1 and as a typed
// contract error under /api.
import { request } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_BODY_LIMITS } from '../../../src/main/server/index.ts';
import { bearer, JSON_TYPE, send, serveEngine, type ServedEngine } from './http-helpers.ts';

const MB = 1024 * 1024;
const UPLOAD = 600 * MB;
const BOUNDARY = '----batchdesk-test';

/** `depth` nested objects: {"a":{"a":…}}. */
const deep = (depth: number) => `${'{"a":'.repeat(depth)}1${'}'.repeat(depth)}`;

/**
 * POST a 600 MB multipart upload to /v1/files, streamed in 1 MB chunks with backpressure, stopping as soon as the
 * server answers. `declared`: with a Content-Length (else chunked).
 */
function uploadHuge(served: ServedEngine, declared: boolean): Promise<{ status: number; body: string; sentMb: number }> {
  const head = Buffer.from(`--${BOUNDARY}\r\nContent-Disposition: form-data; name="purpose"\r\n\r\nbatch\r\n--${BOUNDARY}\r\nContent-Disposition: form-data; name="file"; filename="big.jsonl"\r\nContent-Type: application/jsonl\r\n\r\n`);
  const tail = Buffer.from(`\r\n--${BOUNDARY}--\r\n`);
  const chunk = Buffer.alloc(MB, 'a');
  return new Promise((resolve, reject) => {
    let answered = false;
    let sent = 0;
    const req = request(
      {
        host: '127.0.0.1',
        port: served.server.port,
        method: 'POST',
        path: '/v1/files',
        headers: {
          host: `127.0.0.1:${served.server.port}`,
          'content-type': `multipart/form-data; boundary=${BOUNDARY}`,
          ...bearer(served.server.gatewayToken),
          ...(declared ? { 'content-length': String(head.length + UPLOAD + tail.length) } : {}),
        },
      },
      (res) => {
        answered = true;
        let body = '';
        res.on('data', (d: Buffer) => (body += d.toString()));
        res.on('end', () => {
          resolve({ status: res.statusCode ?? 0, body, sentMb: Math.round(sent / MB) });
          req.destroy();
        });
      },
    );
    req.on('error', (error) => (answered ? undefined : reject(error)));
    const pump = () => {
      while (!answered && sent < UPLOAD) {
        sent += chunk.length;
        if (!req.write(chunk)) return void req.once('drain', pump);
      }
      if (!answered) req.end(tail);
    };
    req.write(head);
    pump();
  });
}

describe('client input never gets a 500', () => {
  let served: ServedEngine;
  beforeAll(async () => (served = await serveEngine()));
  afterAll(async () => served?.close());

  it.each([true, false])('a 600 MB upload to /v1/files (declared length: %s) is refused 413 in OpenAI shape', { timeout: 120_000 }, async (declared) => {
    expect(DEFAULT_BODY_LIMITS.gatewayFile).toBe(200 * MB);
    const reply = await uploadHuge(served, declared);
    expect(reply.status).toBe(413);
    expect(JSON.parse(reply.body)).toEqual({ error: { message: expect.stringContaining('larger than the 200 MB'), type: 'invalid_request_error', param: null, code: null } });
    expect(reply.sentMb, 'the server answered without reading all 600 MB').toBeLessThan(600);
    expect(served.engine.host.store.gateway.files(10).length).toBe(0);
  });

  it('a malformed %-escape in the path is 400', async () => {
    const gateway = await send(served.server, { path: '/v1/files/%E0%A4%A', headers: bearer(served.server.gatewayToken) });
    expect(gateway.status).toBe(400);
    expect(JSON.parse(gateway.body)).toMatchObject({ error: { type: 'invalid_request_error', message: expect.stringContaining('malformed %-escape') } });
    const api = await send(served.server, { method: 'POST', path: '/api/call/runs.%zz', headers: { ...JSON_TYPE, ...bearer(served.server.adminToken) }, body: '{}' });
    expect(api.status).toBe(400);
    expect(JSON.parse(api.body)).toMatchObject({ error: { code: 'invalid_input', message: expect.stringContaining('malformed %-escape') } });
  });

  it('a 3,000-deep JSON body is 400', async () => {
    const schema = deep(3000);
    const api = await send(served.server, { method: 'POST', path: '/api/call/runs.estimate', headers: { ...JSON_TYPE, ...bearer(served.server.adminToken) }, body: `{"files":[],"models":["demo/echo"],"prompt":"x","schema":${schema}}` });
    expect(api.status).toBe(400);
    expect(JSON.parse(api.body)).toMatchObject({ error: { code: 'invalid_input', message: expect.stringContaining('deeper than 100 levels') } });
    const gateway = await send(served.server, { method: 'POST', path: '/v1/batches', headers: { ...JSON_TYPE, ...bearer(served.server.gatewayToken) }, body: `{"input_file_id":"f","endpoint":"/v1/chat/completions","completion_window":"24h","metadata":${schema}}` });
    expect(gateway.status).toBe(400);
    expect(JSON.parse(gateway.body)).toMatchObject({ error: { type: 'invalid_request_error', message: expect.stringContaining('deeper than 100 levels') } });
  });

  it('a 60 MB body to /api/call is 413', async () => {
    const reply = await send(served.server, { method: 'POST', path: '/api/call/runs.create', headers: { ...JSON_TYPE, ...bearer(served.server.adminToken) }, body: JSON.stringify({ prompt: 'x'.repeat(60 * MB) }), chunked: true });
    expect(reply.status).toBe(413);
  });
});
