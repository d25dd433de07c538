// Key canary: a unique key set through the keys API travels only to the keychain (here a fake vault) and to the
// provider, in the Authorization header. A run through the OpenAI fake, an export, the timeline and the logs
// must not carry it anywhere else: not in any file of the data folder (SQLite db, -wal, -shm, raw provider
// files, uploads), not in the export, not in any HTTP response or SSE event.
import { randomUUID } from 'node:crypto';
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { startOpenAIFake } from '../../fakes/openai-server.ts';
import type { FakeProviderServer } from '../../fakes/types.ts';
import { FakeVault } from '../../helpers/fake-vault.ts';
import { httpTransport, openEngine, waitFor, type Engine, type Transport } from './harness.ts';

async function filesUnder(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  return entries.filter((e) => e.isFile()).map((e) => join(e.parentPath, e.name));
}

async function filesHolding(dir: string, needle: string): Promise<string[]> {
  const hits: string[] = [];
  for (const path of await filesUnder(dir)) {
    // The monitor keeps working while we look: a temp file may be renamed between listing and reading it.
    const bytes = await readFile(path).catch((error: NodeJS.ErrnoException) => {
      if (error.code === 'ENOENT') return null;
      throw error;
    });
    if (bytes?.includes(needle)) hits.push(path);
  }
  return hits;
}

describe('key canary', () => {
  const canary = `canary-${randomUUID().replace(/-/g, '')}`;
  let fake: FakeProviderServer;
  let engine: Engine;
  let transport: Transport;
  const vault = new FakeVault();
  const logs: string[] = [];
  const warnings: string[] = [];
  const onWarning = (warning: Error) => warnings.push(`${warning.message}\n${warning.stack ?? ''}`);

  beforeAll(async () => {
    process.on('warning', onWarning);
    fake = await startOpenAIFake({ scenario: { validatingMs: 0, inProgressMs: 0, finalizingMs: 0 } });
    engine = await openEngine({ vault, env: { OPENAI_BASE_URL: fake.url }, log: (line) => logs.push(line) });
    const write = process.stderr.write.bind(process.stderr) as (chunk: string | Uint8Array) => boolean;
    vi.spyOn(process.stderr, 'write').mockImplementation((chunk: string | Uint8Array) => {
      logs.push(String(chunk));
      return write(chunk);
    });
    transport = await httpTransport(engine);
  });
  afterAll(async () => {
    process.off('warning', onWarning);
    vi.restoreAllMocks();
    await transport?.close();
    await engine?.close();
    await fake?.close();
  });

  it('reaches only the keychain and the provider', async () => {
    const { api } = transport;
    const events: unknown[] = [];
    api.subscribe((event) => events.push(event));

    expect(await api.call('keys.set', { provider: 'openai', key: canary })).toEqual({ provider: 'openai', set: true, source: 'keychain', env_var: null, env_vars: ['OPENAI_API_KEY'] });
    expect(vault.secrets.get('openai')).toBe(canary);

    const files = ['alpha.txt', 'beta.txt', 'broken.txt'].map((name) => join(engine.inputs, name));
    const input = { files, models: ['openai/gpt-4.1-mini'], prompt: 'Summarise.' };
    await api.call('runs.estimate', input);
    const { run_id } = await api.call('runs.create', input);
    const view = await waitFor(() => api.call('runs.get', { run_id }), (v) => v.status === 'completed', 20_000);
    expect(view.jobs).toMatchObject({ total: 3, succeeded: 2, failed: 1 });

    const { data } = await api.call('runs.jobs', { run_id });
    for (const job of data) await api.call('runs.job', { run_id, job_id: job.job_id });
    await api.call('runs.timeline', { run_id });
    await api.call('keys.status', {});
    await api.call('models.list', {});
    // A failing call whose message mentions the provider: still no key in it.
    await api.call('runs.retry', { run_id, model: 'openai/no-such-model' }).catch(() => null);

    const { url } = await api.call('runs.export', { run_id, format: 'jsonl', include_raw: true });
    const exportBody = await (await fetch(`${transport.server!.origin}${url}`)).text();
    expect(exportBody.split('\n').filter(Boolean)).toHaveLength(3);

    // The provider got it, as the Authorization header, and nowhere in any request body.
    const authHeaders = fake.http.log.map((entry) => entry.headers.authorization);
    expect(authHeaders.length).toBeGreaterThan(0);
    expect(authHeaders.every((h) => h === `Bearer ${canary}`)).toBe(true);
    expect(fake.receivedBodies().some((body) => body.includes(canary))).toBe(false);

    // Nowhere else.
    expect(exportBody).not.toContain(canary);
    expect(transport.wire.length).toBeGreaterThan(10);
    expect(transport.wire.join('\n')).not.toContain(canary);
    expect(JSON.stringify(events)).not.toContain(canary);
    expect(events.length).toBeGreaterThan(0);
    expect([...logs, ...warnings].join('\n')).not.toContain(canary);
    const dataFolder = engine.host.dataFolder;
    const stored = await filesUnder(dataFolder);
    expect(stored.some((p) => p.endsWith('batchdesk.db'))).toBe(true);
    expect(stored.some((p) => p.endsWith('batchdesk.db-wal'))).toBe(true);
    expect(stored.some((p) => p.includes(`${join('runs', run_id)}`))).toBe(true);
    expect(await filesHolding(dataFolder, canary)).toEqual([]);
    await engine.host.close();
    expect(await filesHolding(engine.home, canary)).toEqual([]);
  });
});
