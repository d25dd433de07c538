// A leaked gateway token: it opens the OpenAI-compatible gateway under /v1 (files and batches with the user's
// models) and nothing else: no settings, keys, local paths, other runs or events (403), and inside /v1 it sees only
// the gateway's own batches, never the runs made in the UI or the CLI.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import OpenAI, { PermissionDeniedError } from 'openai';
import { bearer, callOver, send, serveEngine, type ServedEngine } from './http-helpers.ts';

const line = (id: string) => JSON.stringify({ custom_id: id, method: 'POST', url: '/v1/chat/completions', body: { model: 'demo/echo', messages: [{ role: 'user', content: `hi ${id}` }] } });

describe('gateway token scope', () => {
  let served: ServedEngine;
  let client: OpenAI;
  let uiRun = '';
  let gatewayBatch = '';

  beforeAll(async () => {
    served = await serveEngine({ startMonitor: true });
    client = new OpenAI({ baseURL: `${served.server.origin}/v1`, apiKey: served.server.gatewayToken, maxRetries: 0 });
    const upload = await send(served.server, { method: 'POST', path: '/api/upload', headers: { ...bearer(served.server.adminToken), 'x-file-name': 'ui.txt' }, body: 'made in the UI' });
    const created = await callOver(served.server, served.server.adminToken, 'runs.create', { files: [(JSON.parse(upload.body) as { path: string }).path], models: ['demo/echo'], prompt: 'P', name: 'UI run' });
    uiRun = (JSON.parse(created.body) as { run_id: string }).run_id;
  });
  afterAll(async () => served?.close());

  it('works on /v1: upload a file, create, list and retrieve a batch', async () => {
    const file = await client.files.create({ file: new File([`${line('a')}\n${line('b')}\n`], 'in.jsonl'), purpose: 'batch' });
    const batch = await client.batches.create({ input_file_id: file.id, endpoint: '/v1/chat/completions', completion_window: '24h' });
    gatewayBatch = batch.id;
    expect((await client.batches.retrieve(batch.id)).id).toBe(batch.id);
    expect((await client.files.list()).data.map((f) => f.id)).toContain(file.id);
  });

  it("sees only the gateway's own batches, not the UI's runs", async () => {
    const listed = await client.batches.list({ limit: 100 });
    expect(listed.data.map((b) => b.id)).toEqual([gatewayBatch]);
    expect(JSON.stringify(listed.data)).not.toContain(uiRun);
    for (const path of [`/v1/batches/${uiRun}`, `/v1/batches/${uiRun}/cancel`, `/v1/files/${uiRun}/content`]) {
      const reply = await send(served.server, { method: path.endsWith('cancel') ? 'POST' : 'GET', path, headers: bearer(served.server.gatewayToken) });
      expect(reply.status, path).toBe(404);
    }
  });

  it('is refused with 403 on every /api route: settings, keys, runs, events, files, uploads', async () => {
    const { server } = served;
    const calls: [string, unknown][] = [
      ['settings.get', {}],
      ['settings.update', { base_urls: { openai: 'https://evil.example/v1' }, confirm_base_url_change: true }],
      ['keys.status', {}],
      ['keys.set', { provider: 'openai', key: 'sk-stolen-0000000000' }],
      ['runs.list', {}],
      ['runs.get', { run_id: uiRun }],
      ['runs.timeline', { run_id: uiRun }],
      ['runs.export', { run_id: uiRun, format: 'csv' }],
      ['runs.estimate', { files: ['/etc/hostname'], models: ['demo/echo'], prompt: 'P' }],
      ['files.describe', { paths: ['/etc/hostname'] }],
    ];
    for (const [name, input] of calls) {
      const reply = await callOver(server, server.gatewayToken, name, input);
      expect(reply.status, name).toBe(403);
      expect(JSON.parse(reply.body), name).toMatchObject({ error: { code: 'forbidden', message: expect.stringContaining('/v1') } });
    }
    expect((await send(server, { path: '/api/events', headers: bearer(server.gatewayToken) })).status).toBe(403);
    expect((await send(server, { method: 'POST', path: '/api/upload', headers: { ...bearer(server.gatewayToken), 'x-file-name': 'x.txt' }, body: 'x' })).status).toBe(403);
    expect((await send(server, { path: '/api/session', headers: bearer(server.gatewayToken) })).status).toBe(403);
    expect(served.engine.host.store.settings.get('base_urls')).toBeUndefined();
    expect(await served.engine.vault.get('openai')).toBeNull();
  });

  it('the official SDK sees the refusal as PermissionDeniedError when pointed at /api', async () => {
    const wrong = new OpenAI({ baseURL: `${served.server.origin}/api`, apiKey: served.server.gatewayToken, maxRetries: 0 });
    await expect(wrong.post('/call/settings.get', { body: {} })).rejects.toBeInstanceOf(PermissionDeniedError);
  });

  it("a wrong token on /v1 is 401 in OpenAI's shape; the admin token opens /v1 too", async () => {
    const reply = await send(served.server, { path: '/v1/batches', headers: bearer('not-the-token-000000000000000000000') });
    expect(reply.status).toBe(401);
    expect(JSON.parse(reply.body)).toMatchObject({ error: { code: 'invalid_api_key', type: 'invalid_request_error' } });
    expect((await send(served.server, { path: '/v1/batches', headers: bearer(served.server.adminToken) })).status).toBe(200);
  });
});
