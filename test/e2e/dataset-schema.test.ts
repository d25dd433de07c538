// Acceptance: a 50-row CSV dataset with a {{column}} template and a 3-field schema → the results table and the
// CSV export have the 3 fields as columns.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFakes, type Fakes } from '../helpers/fakes.ts';
import { startInProcess, type RunningApp } from './helpers/app.ts';
import { dropFiles, fileOf, openBrowser, shot, type Session } from './helpers/browser.ts';
import { ensureRendererBuilt } from './helpers/renderer-build.ts';
import { chooseModels, exportCsv, OPENAI_MODEL, waitForRunStatus } from './helpers/steps.ts';

let fakes: Fakes;
let app: RunningApp;
let session: Session;

beforeAll(async () => {
  await ensureRendererBuilt();
  fakes = await startFakes({ validatingMs: 500, inProgressMs: 1500, finalizingMs: 500, autoAdvanceMs: 1000 });
  app = await startInProcess({ env: fakes.env });
  session = await openBrowser(`${app.url}#/new`);
}, 180_000);

afterAll(async () => {
  await session?.close();
  await app?.close();
  await fakes?.close();
});

const csv = [
  'id,title,abstract',
  ...Array.from(
    { length: 50 },
    (_, i) => `p${i + 1},"Paper ${i + 1}","Abstract of paper ${i + 1}, about batches."`,
  ),
].join('\n');

describe('a dataset run with structured output', () => {
  it('puts the three schema fields into the jobs table and the CSV export', async () => {
    const { page } = session;
    await dropFiles(page, '[data-testid="dropzone"]', [fileOf('papers.csv', 'text/csv', csv)]);
    await page.getByTestId('file-row').filter({ hasText: 'Dataset' }).waitFor();
    expect(await page.getByTestId('file-row').textContent()).toContain('3 columns');

    const template = page.getByLabel('Template (one request per dataset row)');
    await template.fill('Classify this paper. Title: ');
    await page.getByRole('button', { name: '{{title}}' }).click();
    await template.press('End');
    await template.pressSequentially('. Abstract: ');
    await page.getByRole('button', { name: '{{abstract}}' }).click();
    await expect
      .poll(() => template.inputValue())
      .toBe('Classify this paper. Title: {{title}}. Abstract: {{abstract}}');

    await chooseModels(page, [OPENAI_MODEL]);
    await page.getByRole('radio', { name: 'Fields' }).check();
    const fields = [
      ['topic', 'string', 'the main topic'],
      ['year', 'integer', 'publication year'],
      ['relevant', 'boolean', 'is it about batch processing'],
    ] as const;
    for (const [i, [name, type, description]] of fields.entries()) {
      if (i > 0) await page.getByRole('button', { name: 'Add field' }).click();
      await page.getByLabel(`Field ${i + 1} name`).fill(name);
      await page.getByLabel(`Field ${i + 1} type`).selectOption(type);
      await page.getByLabel(`Field ${i + 1} description`).fill(description);
    }
    await expect.poll(() => page.getByTestId('estimate-row').count(), { timeout: 15_000 }).toBe(1);
    expect(await page.getByTestId('estimate-row').textContent()).toContain('50');
    await page.getByText('First 3 requests as they will be sent').waitFor();
    await shot(
      page,
      'new-run-dataset-schema',
      'docs',
      page.getByRole('group', { name: 'Answer format' }).first(),
    );

    await page.getByRole('button', { name: 'Start run' }).click();
    await page.waitForURL(/#\/runs\/.+/);
    await waitForRunStatus(page, ['completed'], 90_000);
    const header = (await page.locator('.jobs-header').textContent()) ?? '';
    for (const [name] of fields) expect(header).toContain(`out.${name}`);
    await expect
      .poll(() => page.locator('[data-testid="job-row"] [data-field="year"]').first().textContent())
      .toMatch(/\d/);
    await shot(page, 'run-detail-structured', 'docs', page.locator('.jobs-header'));

    const rows = await exportCsv(page, async (dialog) => {
      for (const [name] of fields)
        expect(await dialog.getByRole('checkbox', { name: `out.${name}` }).isChecked()).toBe(true);
    });
    expect(rows).toHaveLength(50);
    for (const [name] of fields) expect(Object.keys(rows[0]!)).toContain(`out.${name}`);
    expect(
      rows.every(
        (r) =>
          r['out.year'] !== '' && r['out.topic'] !== '' && ['true', 'false'].includes(r['out.relevant']!),
      ),
    ).toBe(true);
  }, 120_000);
});
