// Key destinations: a provider's base URL is where its API key goes. Over HTTP a change needs the admin token and
// an explicit confirmation; every change is logged (Settings shows it) and warned on the timeline of each live run
// of that provider; a base URL off this machine must be https. The desktop app keeps its own way (no confirmation).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createService } from '../../../src/main/api/service/index.ts';
import { callOver, send, bearer, serveEngine, type ServedEngine } from './http-helpers.ts';

const PROXY = 'https://proxy.example/v1';

describe('base URL changes over HTTP', () => {
  let served: ServedEngine;
  let liveRun = '';
  let otherRun = '';
  const call = async (name: string, input: unknown) => {
    const reply = await callOver(served.server, served.server.adminToken, name, input);
    return { status: reply.status, body: JSON.parse(reply.body) as Record<string, unknown> & { error?: { code: string; message: string; problems?: string[] } } };
  };

  beforeAll(async () => {
    served = await serveEngine({ env: { OPENAI_API_KEY: 'sk-test-not-real-0000', ANTHROPIC_API_KEY: 'sk-ant-test-0000' }, allowDirs: [] });
    const later = Date.now() + 3_600_000;
    const upload = await send(served.server, { method: 'POST', path: '/api/upload', headers: { ...bearer(served.server.adminToken), 'x-file-name': 'n.txt' }, body: 'note' });
    const path = (JSON.parse(upload.body) as { path: string }).path;
    liveRun = String((await call('runs.create', { files: [path], models: ['openai/gpt-4.1-mini'], prompt: 'P', scheduled_at: later })).body.run_id);
    otherRun = String((await call('runs.create', { files: [path], models: ['anthropic/claude-haiku-4-5'], prompt: 'P', scheduled_at: later })).body.run_id);
  });
  afterAll(async () => served?.close());

  it('refuses a change without the confirmation (400) and keeps the old base URL', async () => {
    const refused = await call('settings.update', { base_urls: { openai: PROXY } });
    expect(refused.status).toBe(400);
    expect(refused.body.error?.code).toBe('invalid_input');
    expect(refused.body.error?.problems?.join()).toMatch(/openai API key to https:\/\/proxy\.example\/v1.*confirm_base_url_change/);
    expect((await call('settings.get', {})).body).toMatchObject({ base_urls: {}, base_url_changes: [] });
  });

  it("takes it with the confirmation: the change is in Settings and on the live run's timeline", async () => {
    const saved = await call('settings.update', { base_urls: { openai: PROXY }, confirm_base_url_change: true });
    expect(saved.status).toBe(200);
    const settings = (await call('settings.get', {})).body;
    expect(settings.base_urls).toEqual({ openai: PROXY });
    expect(settings.base_url_changes).toEqual([{ at: expect.any(Number), provider: 'openai', from: null, to: PROXY, via: 'local server' }]);
    const timeline = (await call('runs.timeline', { run_id: liveRun })).body as { events: { kind: string; message: string; data: { code?: string } }[] };
    const entry = timeline.events.find((e) => e.data?.code === 'base_url_changed');
    expect(entry).toMatchObject({ kind: 'warning' });
    expect(entry!.message).toContain(PROXY);
    const other = (await call('runs.timeline', { run_id: otherRun })).body as { events: { data: { code?: string } }[] };
    expect(other.events.some((e) => e.data?.code === 'base_url_changed')).toBe(false);
  });

  it('lets the unchanged base URLs be sent again without a confirmation (the Settings form sends them all)', async () => {
    const again = await call('settings.update', { base_urls: { openai: PROXY }, notifications: false });
    expect(again.status).toBe(200);
    expect(((await call('settings.get', {})).body.base_url_changes as unknown[]).length).toBe(1);
  });

  it('refuses plain http off this machine, from any face; http on loopback is fine', async () => {
    const remote = await call('settings.update', { base_urls: { anthropic: 'http://proxy.example/v1' }, confirm_base_url_change: true });
    expect(remote.status).toBe(400);
    expect(remote.body.error?.problems?.join()).toMatch(/must use https/);
    const desktop = createService(served.engine.host, { face: 'desktop app' });
    expect(await desktop.invoke('settings.update', { base_urls: { anthropic: 'http://10.0.0.5:8080' } })).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
    for (const local of ['http://127.0.0.1:9/v1', 'http://localhost:9', 'http://[::1]:9']) {
      expect((await call('settings.update', { base_urls: { openai: PROXY, anthropic: local }, confirm_base_url_change: true })).status, local).toBe(200);
    }
  });

  it('the desktop app changes a base URL without the confirmation, and the log names it', async () => {
    const desktop = createService(served.engine.host, { face: 'desktop app' });
    const result = await desktop.invoke('settings.update', { base_urls: { openai: 'https://other.example/v1' } });
    expect(result.ok).toBe(true);
    const changes = (await call('settings.get', {})).body.base_url_changes as { via: string; provider: string; to: string | null }[];
    expect(changes.slice(0, 2)).toEqual([
      expect.objectContaining({ provider: 'openai', via: 'desktop app', to: 'https://other.example/v1' }),
      expect.objectContaining({ provider: 'anthropic', via: 'desktop app', to: null }),
    ]);
  });
});
