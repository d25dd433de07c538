// Acceptance (issues 6 and 12): every file of the bad-input corpus shows the input check's reason inline and blocks
// submit; a template naming a missing column names it.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startInProcess, type RunningApp } from './helpers/app.ts';
import { dropFiles, fileOf, openBrowser, shot, type Session } from './helpers/browser.ts';
import { ensureRendererBuilt } from './helpers/renderer-build.ts';
import { chooseModels } from './helpers/steps.ts';
import { badInputs } from '../helpers/bad-inputs.ts';

let app: RunningApp;
let session: Session;

beforeAll(async () => {
  await ensureRendererBuilt();
  app = await startInProcess({ env: {} });
  session = await openBrowser(`${app.url}#/new`);
}, 180_000);

afterAll(async () => {
  await session?.close();
  await app?.close();
});

describe('bad input on New run', () => {
  it('marks every file of the bad-input corpus with the input check reason and blocks submit', async () => {
    const { page } = session;
    const corpus = badInputs();
    await dropFiles(page, '[data-testid="dropzone"]', [
      ...corpus.map((input) => fileOf(input.name, 'application/octet-stream', input.bytes)),
      fileOf('fine.txt', 'text/plain', 'A fine input.'),
    ]);
    const rows = page.getByTestId('file-row');
    await expect.poll(() => rows.count(), { timeout: 30_000 }).toBe(corpus.length + 1);
    // The same reason text the CLI, the library and the gateway give (test/integration/inputs/bad-input-faces.test.ts).
    for (const input of corpus) {
      const row = rows.filter({ hasText: input.name });
      await expect.poll(async () => (await row.locator('.file-problems').textContent()) ?? '').toMatch(input.reason);
    }
    expect(await rows.filter({ hasText: 'fine.txt' }).locator('.ok').textContent()).toBe('ready');

    await page.getByLabel('Prompt', { exact: true }).fill('Summarise.');
    await chooseModels(page, ['demo/echo']);
    await page.getByRole('button', { name: 'Start run' }).click();
    const blocked = page.getByTestId('submit-blocked');
    await blocked.waitFor();
    expect(await blocked.textContent()).toContain('Remove or replace the files marked with a problem');
    await shot(page, 'bad-input-files', 'docs', page.getByTestId('file-row').first());
    expect(page.url()).toMatch(/#\/new$/);
    expect((await app.host!.store.runs.list(10)).length).toBe(0);

    // Removing the bad files unblocks the run.
    for (const input of corpus) await page.getByRole('button', { name: `Remove ${input.name}` }).click();
    await page.getByTestId('estimate-row').waitFor({ timeout: 15_000 });
    await expect.poll(() => blocked.count()).toBe(0);
  }, 180_000);

  it('names the column a template uses that the dataset lacks', async () => {
    const { page } = session;
    await page.getByRole('button', { name: 'Remove fine.txt' }).click();
    await dropFiles(page, '[data-testid="dropzone"]', [
      fileOf('people.csv', 'text/csv', 'name,city\nAda,London\nAlan,Wilmslow\n'),
    ]);
    await page.getByTestId('file-row').filter({ hasText: 'people.csv' }).waitFor();
    await page
      .getByLabel('Template (one request per dataset row)')
      .fill('Where does {{name}} live? Age: {{age}}');
    const estimate = page.getByRole('region', { name: /Estimate/ });
    await expect
      .poll(async () => (await estimate.textContent()) ?? '', { timeout: 15_000 })
      .toContain('"age"');
    expect(await estimate.textContent()).toMatch(/name, city/);
    await page.getByRole('button', { name: 'Start run' }).click();
    expect(await page.getByTestId('submit-blocked').textContent()).toContain('"age"');
    await shot(page, 'bad-input-template', 'docs', page.getByRole('region', { name: /Estimate/ }));
    expect((await app.host!.store.runs.list(10)).length).toBe(0);
  }, 120_000);
});
