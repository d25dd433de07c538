// The local server's guards, checked from outside with raw HTTP requests (so Host, Origin and Cookie can be forged
// as an attacker's page or a DNS-rebinding host would send them).
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startLocalServer, type LocalServer } from '../../../src/main/server/index.ts';
import { DownloadTickets, TICKET_TTL_MS } from '../../../src/main/server/download-tickets.ts';
import { bearer, callOver, JSON_TYPE as json, send, serveEngine, type Reply, type ServedEngine } from './http-helpers.ts';

describe('local server security', () => {
  let served: ServedEngine;
  let server: LocalServer;
  let bare: LocalServer;
  const replies: Reply[] = [];
  const admin = () => bearer(server.adminToken);
  const record = async (reply: Promise<Reply>) => {
    const r = await reply;
    replies.push(r);
    return r;
  };

  beforeAll(async () => {
    served = await serveEngine({ limits: { upload: 1024 } });
    server = served.server;
    bare = await startLocalServer({ host: served.engine.host, rendererDir: join(served.engine.home, 'not-built') });
  });
  afterAll(async () => {
    await bare?.close();
    await served?.close();
  });

  it('listens on 127.0.0.1 only, with two different 256-bit tokens; the printed URL carries the admin token in the fragment', () => {
    expect(server.server.address()).toMatchObject({ address: '127.0.0.1', family: 'IPv4' });
    for (const token of [server.adminToken, server.gatewayToken]) expect(Buffer.from(token, 'base64url').length).toBeGreaterThanOrEqual(32);
    expect(server.adminToken).not.toBe(server.gatewayToken);
    expect(server.url).toBe(`http://127.0.0.1:${server.port}/#token=${server.adminToken}`);
  });

  it('refuses a missing or wrong token with 401, and never takes a token from a cookie', async () => {
    const wrong: Record<string, string>[] = [
      {},
      { authorization: `Bearer ${server.adminToken}x` },
      { cookie: `batchdesk_token_${server.port}=${server.adminToken}` },
      { cookie: `token=${server.adminToken}; _xsrf=${server.adminToken}` },
    ];
    for (const headers of wrong) {
      const reply = await record(send(server, { method: 'POST', path: '/api/call/runs.list', headers: { ...json, ...headers }, body: '{}' }));
      expect(reply.status, JSON.stringify(headers)).toBe(401);
      expect(JSON.parse(reply.body)).toMatchObject({ error: { code: 'invalid_input' } });
    }
    expect((await record(send(server, { path: '/api/events', headers: { cookie: `batchdesk_token_${server.port}=${server.adminToken}` } }))).status).toBe(401);
    expect((await record(callOver(server, server.adminToken, 'runs.list', {}))).status).toBe(200);
  });

  it('serves the app shell without a token (it holds no data) and sets no cookie', async () => {
    const page = await record(send(server, { path: '/' }));
    expect(page.status).toBe(200);
    expect(page.body).toContain('<title>Batchdesk</title>');
    expect((await record(send(server, { path: '/runs/some-run' }))).status).toBe(200);
  });

  it('refuses the old ?token= address without echoing the token', async () => {
    const reply = await record(send(server, { path: `/?token=${server.adminToken}` }));
    expect(reply.status).toBe(400);
    expect(reply.body).toContain('#');
    expect(reply.body).not.toContain(server.adminToken);
  });

  it('refuses a Host that is not this server (DNS rebinding) with 403, even with the token', async () => {
    for (const host of ['evil.example', `evil.example:${server.port}`, `localhost.evil.example:${server.port}`, `127.0.0.1:${server.port + 1}`]) {
      const reply = await record(send(server, { method: 'POST', path: '/api/call/runs.list', headers: { ...json, ...admin(), host }, body: '{}' }));
      expect(reply.status, host).toBe(403);
    }
    expect((await record(send(server, { path: '/v1/batches', headers: { ...bearer(server.gatewayToken), host: 'evil.example' } }))).status).toBe(403);
    expect((await record(send(server, { method: 'POST', path: '/api/call/runs.list', headers: { ...json, ...admin(), host: `localhost:${server.port}` }, body: '{}' }))).status).toBe(200);
  });

  it('refuses a cross-origin POST with 403 and never sends CORS headers', async () => {
    const reply = await record(send(server, { method: 'POST', path: '/api/call/keys.set', headers: { ...json, ...admin(), origin: 'http://evil.example' }, body: JSON.stringify({ provider: 'openai', key: 'sk-evil-000000000' }) }));
    expect(reply.status).toBe(403);
    expect(await served.engine.vault.get('openai')).toBeNull();
    expect((await record(send(server, { method: 'POST', path: '/api/call/runs.list', headers: { ...json, ...admin(), origin: 'null' }, body: '{}' }))).status).toBe(403);
    expect((await record(send(server, { method: 'POST', path: '/api/call/runs.list', headers: { ...json, ...admin(), origin: `http://127.0.0.1:${server.port + 1}` }, body: '{}' }))).status).toBe(403);
    const same = await record(send(server, { method: 'POST', path: '/api/call/runs.list', headers: { ...json, ...admin(), origin: `http://127.0.0.1:${server.port}` }, body: '{}' }));
    expect(same.status).toBe(200);
    const preflight = await record(send(server, { method: 'OPTIONS', path: '/api/call/runs.list', headers: { ...admin(), origin: 'http://evil.example', 'access-control-request-method': 'POST' } }));
    for (const r of [same, preflight]) expect(Object.keys(r.headers).filter((h) => h.startsWith('access-control-'))).toEqual([]);
  });

  it('takes calls only as application/json (no form-encoded CSRF)', async () => {
    expect((await record(send(server, { method: 'POST', path: '/api/call/runs.list', headers: { ...admin(), 'content-type': 'text/plain' }, body: '{}' }))).status).toBe(415);
  });

  it('serves HTML with a strict CSP, and nothing outside the renderer folder', async () => {
    const page = await record(send(server, { path: '/runs/some-run' }));
    const csp = String(page.headers['content-security-policy']);
    expect(csp).toContain("default-src 'none'");
    expect(csp).toContain("script-src 'self'");
    expect(csp).not.toContain('unsafe-inline');
    expect(csp).not.toContain('unsafe-eval');
    expect(page.headers['x-content-type-options']).toBe('nosniff');
    expect(page.headers['referrer-policy']).toBe('no-referrer');
    expect((await record(send(server, { path: '/assets/app.js' }))).body).toContain('console.log');
    for (const path of ['/../../../etc/passwd', '/%2e%2e/%2e%2e/etc/passwd', '/assets/..%2f..%2fdata%2fbatchdesk.db', '/..%2fdata%2fbatchdesk.db']) {
      const reply = await record(send(server, { path }));
      expect(reply.body, path).not.toContain('root:');
      expect(reply.body, path).not.toContain('SQLite');
    }
  });

  it('says how to build the UI when it is not built', async () => {
    const reply = await send(bare, { path: '/', headers: { host: `127.0.0.1:${bare.port}` } });
    expect(reply.status).toBe(503);
    expect(reply.body).toContain('npm run build');
  });

  it('stores an upload under <data>/uploads/<uuid>/<name> with a safe name, and refuses one over the limit with 413', async () => {
    const reply = await record(send(server, { method: 'POST', path: '/api/upload', headers: { ...admin(), 'x-file-name': encodeURIComponent('../../escape me.txt') }, body: 'hello upload' }));
    expect(reply.status).toBe(200);
    const { path } = JSON.parse(reply.body) as { path: string };
    expect(path).toMatch(new RegExp(`^${served.engine.host.dataFolder.replace(/[/\\]/g, '.')}.uploads.[0-9a-f-]{36}.escape me\\.txt$`));
    expect(await readFile(path, 'utf8')).toBe('hello upload');
    const big = await record(send(server, { method: 'POST', path: '/api/upload', headers: { ...admin(), 'x-file-name': 'big.txt' }, body: Buffer.alloc(4096) }));
    expect(big.status).toBe(413);
    expect(JSON.parse(big.body)).toMatchObject({ error: { code: 'invalid_input' } });
  });

  it('downloads an export with a single-use ticket and no token; a spent or made-up ticket is refused', async () => {
    const { run_id } = JSON.parse((await callOver(server, server.adminToken, 'runs.create', { files: [await uploadText(server, 'note.txt', 'a note')], models: ['demo/echo'], prompt: 'P', scheduled_at: Date.now() + 3_600_000 })).body) as { run_id: string };
    const exported = JSON.parse((await record(callOver(server, server.adminToken, 'runs.export', { run_id, format: 'csv' }))).body) as { url: string };
    expect(exported.url).toMatch(/^\/api\/export\?ticket=/);
    const download = await record(send(server, { path: exported.url }));
    expect(download.status).toBe(200);
    expect(download.headers['content-disposition']).toContain(`${run_id}.csv`);
    expect(download.body.split('\n')[0]).toContain('job_id');
    expect((await record(send(server, { path: exported.url }))).status).toBe(403);
    expect((await record(send(server, { path: '/api/export?ticket=made-up' }))).status).toBe(403);
    expect((await record(send(server, { path: `/api/export?run_id=${run_id}&format=csv`, headers: admin() }))).status).toBe(403);
  });

  it('expires a ticket after a minute', () => {
    let now = 1_000;
    const tickets = new DownloadTickets(() => now);
    const ticket = tickets.issue({ run_id: 'run_x', format: 'csv' });
    now += TICKET_TTL_MS;
    expect(tickets.redeem(ticket)).toBeNull();
    const fresh = tickets.issue({ run_id: 'run_x', format: 'csv' });
    now += TICKET_TTL_MS - 1;
    expect(tickets.redeem(fresh)).toEqual({ run_id: 'run_x', format: 'csv' });
  });

  it('set no cookie in any reply', () => {
    expect(replies.length).toBeGreaterThan(20);
    expect(replies.filter((r) => r.headers['set-cookie'] !== undefined)).toEqual([]);
  });
});

async function uploadText(server: LocalServer, name: string, text: string): Promise<string> {
  const reply = await send(server, { method: 'POST', path: '/api/upload', headers: { ...bearer(server.adminToken), 'x-file-name': name }, body: text });
  return (JSON.parse(reply.body) as { path: string }).path;
}
