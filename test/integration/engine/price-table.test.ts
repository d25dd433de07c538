// Issue 15 item 1: a newer price table is loaded on request (Settings "Update prices", `batchdesk models --refresh
// FILE|URL`), checked against the snapshot's schema, kept in the store, and every face prices by it from then on.
import { writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EngineHost } from '../../../src/main/api/engine-host.ts';
import { createService } from '../../../src/main/api/service/index.ts';
import { snapshotTable } from '../../../src/main/providers/catalog/snapshot.ts';
import { cleanEnv, runCli, tempDir } from '../../helpers/cli.ts';

let dir: ReturnType<typeof tempDir>;
beforeAll(() => {
  dir = tempDir('bd-prices-');
});
afterAll(() => dir.cleanup());

/** The snapshot with gpt-4.1-mini at ten times its price, checked on a later day. */
function newerTable(): string {
  const table = structuredClone(snapshotTable());
  table.checked_on = '2026-12-15';
  const model = table.models.find((m) => m.id === 'openai/gpt-4.1-mini')!;
  model.price = { ...model.price!, input_usd_per_mtok: model.price!.input_usd_per_mtok * 10 };
  return JSON.stringify(table);
}

describe('loading a newer price table', () => {
  it('through the service: served at once, kept across restarts, bad tables refused naming the problem', async () => {
    const home = join(dir.path, 'service');
    const host = new EngineHost({ home, env: cleanEnv() });
    const service = createService(host);
    const before = host.ctx.registry.resolve('openai/gpt-4.1-mini').price!.input_usd_per_mtok;
    const loaded = await service.invoke('models.refresh', { table_json: newerTable() });
    expect(loaded).toMatchObject({ ok: true, value: { checked_on: '2026-12-15', origin: 'uploaded table' } });
    expect(host.ctx.registry.resolve('openai/gpt-4.1-mini').price!.input_usd_per_mtok).toBeCloseTo(before * 10, 10);
    const settings = await service.invoke('settings.get', {});
    expect(settings).toMatchObject({ ok: true, value: { price_table: { checked_on: '2026-12-15', origin: 'uploaded table' } } });
    const bad = await service.invoke('models.refresh', { table_json: JSON.stringify({ schema_version: 1, checked_on: '2026-12-15', models: [{ id: 'openai/x' }] }) });
    expect(bad).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
    expect((bad as { error: { message: string } }).error.message).toMatch(/uploaded table: not a valid price table: models\.0\./);
    await host.close();
    const reopened = new EngineHost({ home, env: cleanEnv() });
    expect(reopened.ctx.registry.resolve('openai/gpt-4.1-mini').price!.input_usd_per_mtok).toBeCloseTo(before * 10, 10);
    await reopened.close();
  });

  it('batchdesk models --refresh FILE and URL', async () => {
    const env = cleanEnv({ BATCHDESK_HOME: join(dir.path, 'cli') });
    const file = join(dir.path, 'prices.json');
    writeFileSync(file, newerTable());
    const fromFile = await runCli(['models', '--refresh', file], env);
    expect(fromFile.stderr).toBe('');
    expect(fromFile.stdout).toMatch(/price table from .*prices\.json: \d+ models, checked on 2026-12-15/);
    const server = createServer((_req, res) => res.end(newerTable()));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    try {
      const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/prices.json`;
      const fromUrl = await runCli(['models', '--refresh', url, '--json'], env);
      expect(JSON.parse(fromUrl.stdout)).toMatchObject({ origin: url, checked_on: '2026-12-15' });
    } finally {
      server.close();
    }
    const missing = await runCli(['models', '--refresh', join(dir.path, 'nope.json')], env);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/cannot read price table .*nope\.json/);
  });
});
