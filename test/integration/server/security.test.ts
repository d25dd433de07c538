// The local server's guards, checked from outside with raw HTTP requests (so Host and Origin can be forged as an
// attacker's page or a DNS-rebinding host would send them).
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { request } from 'node:http';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startLocalServer, type LocalServer } from '../../../src/main/server/index.ts';
import { httpEngineOptions, openEngine, type Engine } from '../contract/harness.ts';

interface Reply {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

function send(server: LocalServer, options: { method?: string; path?: string; headers?: Record<string, string>; body?: string | Buffer }): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const req = request(
      { host: '127.0.0.1', port: server.port, method: options.method ?? 'GET', path: options.path ?? '/', headers: { host: `127.0.0.1:${server.port}`, ...options.headers } },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks).toString('utf8') }));
      },
    );
    req.on('error', reject);
    req.end(options.body);
  });
}

describe('local server security', () => {
  let engine: Engine;
  let server: LocalServer;
  let bare: LocalServer;
  let renderer: string;
  const bearer = () => ({ authorization: `Bearer ${server.token}` });
  const json = { 'content-type': 'application/json' };

  beforeAll(async () => {
    engine = await openEngine({ ...httpEngineOptions(), startMonitor: false });
    renderer = join(engine.home, 'renderer');
    await mkdir(join(renderer, 'assets'), { recursive: true });
    await writeFile(join(renderer, 'index.html'), '<!doctype html><title>Batchdesk</title><script type="module" src="/assets/app.js"></script>');
    await writeFile(join(renderer, 'assets', 'app.js'), 'console.log("app")');
    server = await startLocalServer({ service: engine.service, rendererDir: renderer, uploadLimit: 1024 });
    bare = await startLocalServer({ service: engine.service, rendererDir: join(engine.home, 'not-built') });
  });
  afterAll(async () => {
    await server?.close();
    await bare?.close();
    await engine?.close();
  });

  it('listens on 127.0.0.1 only, with a token of at least 128 bits in the printed URL', () => {
    expect(server.server.address()).toMatchObject({ address: '127.0.0.1', family: 'IPv4' });
    expect(Buffer.from(server.token, 'base64url').length).toBeGreaterThanOrEqual(16);
    expect(server.url).toBe(`http://127.0.0.1:${server.port}/?token=${server.token}`);
  });

  it('refuses a missing or wrong token with 401', async () => {
    expect((await send(server, { method: 'POST', path: '/api/call/runs.list', headers: json, body: '{}' })).status).toBe(401);
    expect((await send(server, { method: 'POST', path: '/api/call/runs.list', headers: { ...json, authorization: `Bearer ${server.token}x` }, body: '{}' })).status).toBe(401);
    expect((await send(server, { method: 'POST', path: '/api/call/runs.list', headers: { ...json, cookie: `batchdesk_token_${server.port}=wrong` }, body: '{}' })).status).toBe(401);
    expect((await send(server, { path: '/api/events' })).status).toBe(401);
    expect((await send(server, { path: '/' })).status).toBe(401);
    expect((await send(server, { path: '/?token=wrong' })).status).toBe(401);
    const reply = await send(server, { method: 'POST', path: '/api/call/runs.list', headers: json, body: '{}' });
    expect(JSON.parse(reply.body)).toMatchObject({ error: { code: 'invalid_input' } });
  });

  it('swaps the URL token for an HttpOnly SameSite=Strict cookie that then authorizes', async () => {
    const first = await send(server, { path: `/?token=${server.token}` });
    expect(first.status).toBe(302);
    expect(first.headers.location).toBe('/');
    const cookie = String(first.headers['set-cookie']);
    expect(cookie).toMatch(/HttpOnly/);
    expect(cookie).toMatch(/SameSite=Strict/);
    const page = await send(server, { path: '/', headers: { cookie: cookie.split(';')[0]! } });
    expect(page.status).toBe(200);
    expect(page.body).toContain('<title>Batchdesk</title>');
    const api = await send(server, { method: 'POST', path: '/api/call/runs.list', headers: { ...json, cookie: cookie.split(';')[0]! }, body: '{}' });
    expect(api.status).toBe(200);
  });

  it('refuses a Host that is not this server (DNS rebinding) with 403, even with the token', async () => {
    for (const host of ['evil.example', `evil.example:${server.port}`, `localhost.evil.example:${server.port}`, `127.0.0.1:${server.port + 1}`]) {
      const reply = await send(server, { method: 'POST', path: '/api/call/runs.list', headers: { ...json, ...bearer(), host }, body: '{}' });
      expect(reply.status, host).toBe(403);
    }
    expect((await send(server, { method: 'POST', path: '/api/call/runs.list', headers: { ...json, ...bearer(), host: `localhost:${server.port}` }, body: '{}' })).status).toBe(200);
  });

  it('refuses a cross-origin POST with 403 and never sends CORS headers', async () => {
    const reply = await send(server, { method: 'POST', path: '/api/call/keys.set', headers: { ...json, ...bearer(), origin: 'http://evil.example' }, body: JSON.stringify({ provider: 'openai', key: 'sk-evil-000000000' }) });
    expect(reply.status).toBe(403);
    expect(await engine.vault.get('openai')).toBeNull();
    expect((await send(server, { method: 'POST', path: '/api/call/runs.list', headers: { ...json, ...bearer(), origin: 'null' }, body: '{}' })).status).toBe(403);
    const same = await send(server, { method: 'POST', path: '/api/call/runs.list', headers: { ...json, ...bearer(), origin: `http://127.0.0.1:${server.port}` }, body: '{}' });
    expect(same.status).toBe(200);
    const preflight = await send(server, { method: 'OPTIONS', path: '/api/call/runs.list', headers: { ...bearer(), origin: 'http://evil.example', 'access-control-request-method': 'POST' } });
    for (const reply of [same, preflight]) expect(Object.keys(reply.headers).filter((h) => h.startsWith('access-control-'))).toEqual([]);
  });

  it('takes calls only as application/json (no form-encoded CSRF)', async () => {
    const reply = await send(server, { method: 'POST', path: '/api/call/runs.list', headers: { ...bearer(), 'content-type': 'text/plain' }, body: '{}' });
    expect(reply.status).toBe(415);
  });

  it('serves HTML with a strict CSP, and nothing outside the renderer folder', async () => {
    const page = await send(server, { path: '/runs/some-run', headers: bearer() });
    const csp = String(page.headers['content-security-policy']);
    expect(csp).toContain("default-src 'none'");
    expect(csp).toContain("script-src 'self'");
    expect(csp).not.toContain('unsafe-inline');
    expect(csp).not.toContain('unsafe-eval');
    expect(page.headers['x-content-type-options']).toBe('nosniff');
    expect((await send(server, { path: '/assets/app.js', headers: bearer() })).body).toContain('console.log');
    for (const path of ['/../../../etc/passwd', '/%2e%2e/%2e%2e/etc/passwd', '/assets/..%2f..%2fdata%2fbatchdesk.db']) {
      const reply = await send(server, { path, headers: bearer() });
      expect(reply.body, path).not.toContain('root:');
      expect(reply.body, path).not.toContain('SQLite');
    }
  });

  it('says how to build the UI when it is not built', async () => {
    const reply = await send(bare, { path: '/', headers: { host: `127.0.0.1:${bare.port}`, authorization: `Bearer ${bare.token}` } });
    expect(reply.status).toBe(503);
    expect(reply.body).toContain('npm run build');
  });

  it('stores an upload under <data>/uploads/<uuid>/<name> with a safe name, and refuses one over the limit', async () => {
    const reply = await send(server, { method: 'POST', path: '/api/upload', headers: { ...bearer(), 'x-file-name': encodeURIComponent('../../escape me.txt') }, body: 'hello upload' });
    expect(reply.status).toBe(200);
    const { path } = JSON.parse(reply.body) as { path: string };
    expect(path).toMatch(new RegExp(`^${engine.host.dataFolder.replace(/[/\\]/g, '.')}.uploads.[0-9a-f-]{36}.escape me\\.txt$`));
    expect(await readFile(path, 'utf8')).toBe('hello upload');
    const big = await send(server, { method: 'POST', path: '/api/upload', headers: { ...bearer(), 'x-file-name': 'big.txt' }, body: Buffer.alloc(4096) });
    expect(big.status).toBe(413);
    expect(JSON.parse(big.body)).toMatchObject({ error: { code: 'invalid_input' } });
  });
});
