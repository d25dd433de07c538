// Acceptance (issue 17, item 7): a model outside the catalog is typed on New run (provider/model, as the CLI takes
// it), its cost shows as unknown until it is priced right from the estimate (a price override in Settings), and a
// run with it goes through the OpenAI fake and is costed with that price.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFakes, type Fakes } from '../helpers/fakes.ts';
import { startInProcess, type RunningApp } from './helpers/app.ts';
import { dropFiles, fileOf, openBrowser, shot, type Session } from './helpers/browser.ts';
import { ensureRendererBuilt } from './helpers/renderer-build.ts';
import { waitForRunStatus } from './helpers/steps.ts';

let fakes: Fakes;
let app: RunningApp;
let session: Session;
const MODEL = 'openai/gpt-lab-preview-2026-11';

beforeAll(async () => {
  await ensureRendererBuilt();
  fakes = await startFakes({ validatingMs: 300, inProgressMs: 800, finalizingMs: 300, autoAdvanceMs: 500 });
  app = await startInProcess({ env: fakes.env });
  session = await openBrowser(`${app.url}#/new`);
}, 180_000);

afterAll(async () => {
  await session?.close();
  await app?.close();
  await fakes?.close();
});

describe('a model outside the catalog', () => {
  it('is typed in, priced from the estimate, and run', async () => {
    const { page } = session;
    await page.getByRole('heading', { name: 'New run', level: 1 }).waitFor();
    await dropFiles(page, '[data-testid="dropzone"]', [
      fileOf('note.txt', 'text/plain', 'A note for a model the catalog does not know.'),
    ]);
    await page.getByTestId('file-row').waitFor();
    await page.getByLabel('Prompt', { exact: true }).fill('Summarise.');

    const id = page.getByLabel('Model id (provider/model)');
    await id.fill('gpt-lab');
    await page.getByRole('button', { name: 'Add model' }).click();
    expect(await page.locator('#custom-model-error').textContent()).toContain('is not provider/model');
    await id.fill('openai/gpt-4.1-mini');
    await page.getByRole('button', { name: 'Add model' }).click();
    expect(await page.locator('#custom-model-error').textContent()).toContain('is in the catalog');
    await id.fill(MODEL);
    await page.getByRole('button', { name: 'Add model' }).click();
    expect(await page.getByRole('checkbox', { name: new RegExp(MODEL) }).isChecked()).toBe(true);

    const row = page.getByTestId('estimate-row').filter({ hasText: MODEL });
    await row.waitFor({ timeout: 15_000 });
    expect(await row.textContent()).toContain('unknown');
    await row.getByRole('button', { name: `Set a price for ${MODEL}` }).click();
    await row.getByLabel('Input $/1M').fill('2');
    await row.getByLabel('Output $/1M').fill('8');
    await shot(page, 'custom-model-price', 'docs', page.getByTestId('estimate-table'));
    await row.getByRole('button', { name: 'Save price' }).click();
    await expect.poll(async () => (await row.textContent()) ?? '', { timeout: 15_000 }).toMatch(/\$\d/);
    expect(await row.textContent()).not.toContain('unknown');

    const overrides =
      (await app.host!.store.settings.get<
        Record<string, { input_usd_per_mtok: number; batch_discount: number; source: string }>
      >('price_overrides')) ?? {};
    expect(overrides[MODEL]).toMatchObject({
      input_usd_per_mtok: 2,
      batch_discount: 0.5,
      source: 'user override',
    });

    await page.getByRole('button', { name: 'Start run' }).click();
    await page.waitForURL(/#\/runs\/.+/);
    await waitForRunStatus(page, ['completed'], 60_000);
    const summary = (await page.getByTestId('run-summary').textContent()) ?? '';
    expect(summary).toContain('1 of 1 job finished: 1 succeeded');
    expect(summary).toMatch(/Cost so far \$0\.\d+ of an estimated \$0\.\d+/);
    const sent = fakes.openai.receivedBodies().find((b) => b.includes('gpt-lab-preview-2026-11'));
    expect(sent).toBeDefined();
  }, 120_000);
});
