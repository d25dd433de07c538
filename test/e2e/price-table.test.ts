// Issue 15 item 1 in the UI: Settings shows the price table in use (how many models, when the prices were checked,
// where it came from) and "Update prices" loads a newer one chosen as a file; a table that is not one is refused
// naming its problem, and the one in use stays.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { snapshotTable } from '../../src/main/providers/catalog/snapshot.ts';
import { startInProcess, type RunningApp } from './helpers/app.ts';
import { openBrowser, seriousAxeViolations, type Session } from './helpers/browser.ts';
import { ensureRendererBuilt } from './helpers/renderer-build.ts';

let app: RunningApp;
let session: Session;

beforeAll(async () => {
  await ensureRendererBuilt();
  app = await startInProcess({ env: {} });
  session = await openBrowser(`${app.url}#/settings`);
}, 180_000);

afterAll(async () => {
  await session?.close();
  await app?.close();
});

describe('settings: the price table', () => {
  it('shows the table in use, refuses a bad one, and loads a newer one from a file', async () => {
    const { page } = session;
    const info = page.getByTestId('price-table-info');
    await info.waitFor();
    expect(await info.textContent()).toContain(`prices checked on ${snapshotTable().checked_on}`);

    const file = page.getByLabel('Update prices from a file');
    await file.setInputFiles({ name: 'prices.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify({ schema_version: 1, checked_on: '2026-12-15', models: [{ id: 'openai/x' }] })) });
    const alert = page.getByRole('alert').filter({ hasText: 'The price table was not loaded' });
    await alert.waitFor();
    expect(await alert.textContent()).toMatch(/not a valid price table: models\.0\./);
    expect(await info.textContent()).toContain(`prices checked on ${snapshotTable().checked_on}`);

    const table = structuredClone(snapshotTable());
    table.checked_on = '2026-12-15';
    const model = table.models.find((m) => m.id === 'openai/gpt-4.1-mini')!;
    model.price = { ...model.price!, input_usd_per_mtok: model.price!.input_usd_per_mtok * 10 };
    await file.setInputFiles({ name: 'prices.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(table)) });
    await page.getByRole('status').getByText(/Prices updated: .*prices checked on 2026-12-15, from uploaded table/).waitFor();
    expect(await info.textContent()).toContain('prices checked on 2026-12-15');
    expect(app.host!.ctx.registry.resolve('openai/gpt-4.1-mini').price!.input_usd_per_mtok).toBeCloseTo(snapshotTable().models.find((m) => m.id === 'openai/gpt-4.1-mini')!.price!.input_usd_per_mtok * 10, 10);
    expect(await seriousAxeViolations(page)).toEqual([]);
  }, 60_000);
});
