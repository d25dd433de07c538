// Per-route body limits: a body past a route's limit is answered 413 (the client gets to read it) without being
// kept, whether it declares its length or streams it chunked; the gateway answers in OpenAI's error shape and
// keeps no torso of a file cut at its limit.
import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import OpenAI, { APIError } from 'openai';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_BODY_LIMITS } from '../../../src/main/server/index.ts';
import { bearer, JSON_TYPE, send, serveEngine, type ServedEngine } from './http-helpers.ts';

const MB = 1024 * 1024;
/** A syntactically valid 20 MB JSON body. */
const twentyMb = () => JSON.stringify({ files: [], prompt: 'x'.repeat(20 * MB) });
const GATEWAY_FILE_LIMIT = 1 * MB;

describe('request body limits', () => {
  let served: ServedEngine;
  let client: OpenAI;

  beforeAll(async () => {
    served = await serveEngine({ limits: { gatewayFile: GATEWAY_FILE_LIMIT } });
    client = new OpenAI({ baseURL: `${served.server.origin}/v1`, apiKey: served.server.gatewayToken, maxRetries: 0 });
  });
  afterAll(async () => served?.close());

  it('keeps the small routes small', () => {
    expect(DEFAULT_BODY_LIMITS.call).toBeLessThanOrEqual(1 * MB);
    expect(DEFAULT_BODY_LIMITS.callWithFileList).toBeLessThan(20 * MB);
    expect(DEFAULT_BODY_LIMITS.gatewayJson).toBeLessThanOrEqual(64 * 1024);
  });

  it('answers a 20 MB JSON body to /api/call with 413, declared or chunked', async () => {
    const admin = { ...JSON_TYPE, ...bearer(served.server.adminToken) };
    for (const operation of ['runs.list', 'runs.create']) {
      for (const chunked of [false, true]) {
        const reply = await send(served.server, { method: 'POST', path: `/api/call/${operation}`, headers: admin, body: twentyMb(), chunked });
        expect(reply.status, `${operation} chunked=${chunked}`).toBe(413);
        expect(JSON.parse(reply.body)).toMatchObject({ error: { code: 'invalid_input', message: expect.stringContaining('MB') } });
      }
    }
    expect(served.engine.host.store.runs.list(10)).toEqual([]);
    expect((await send(served.server, { method: 'POST', path: '/api/call/runs.list', headers: admin, body: '{}' })).status).toBe(200);
  });

  it("answers a 20 MB batch create body with 413 in OpenAI's shape", async () => {
    const reply = await send(served.server, { method: 'POST', path: '/v1/batches', headers: { ...JSON_TYPE, ...bearer(served.server.gatewayToken) }, body: twentyMb() });
    expect(reply.status).toBe(413);
    expect(JSON.parse(reply.body)).toEqual({ error: { message: expect.stringContaining('larger than'), type: 'invalid_request_error', param: null, code: null } });
  });

  it('refuses a /v1/files upload past the limit with 413 and keeps nothing of it', async () => {
    const big = new File([Buffer.alloc(GATEWAY_FILE_LIMIT + 1, 'a')], 'big.jsonl');
    const error = await client.files.create({ file: big, purpose: 'batch' }).then(() => null, (e: unknown) => e);
    expect(error).toBeInstanceOf(APIError);
    expect((error as APIError).status).toBe(413);
    expect((error as APIError).message).toContain('larger than');
    expect((await client.files.list()).data).toEqual([]);
    const folder = join(served.engine.host.dataFolder, 'gateway', 'files');
    expect(await readdir(folder).catch(() => [])).toEqual([]);
    const fits = await client.files.create({ file: new File(['{}\n'], 'small.jsonl'), purpose: 'batch' });
    expect(fits.bytes).toBe(3);
  });
});
