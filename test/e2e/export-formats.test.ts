// Acceptance (issue 17, item 6): the Export dialog writes CSV with an optional UTF-8 byte-order mark ("for
// Excel"), and XLSX (one row per job, numbers as numbers, accents intact), read back here by exceljs, an
// independent implementation. Streaming with flat memory is measured in test/integration/export/xlsx-stream.test.ts.
import { readFileSync } from 'node:fs';
import { parse } from 'csv-parse/sync';
import type { Locator } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readWorkbook } from '../helpers/excel.ts';
import { startInProcess, type RunningApp } from './helpers/app.ts';
import { dropFiles, fileOf, openBrowser, shot, type Session } from './helpers/browser.ts';
import { ensureRendererBuilt } from './helpers/renderer-build.ts';
import { chooseModels, waitForRunStatus } from './helpers/steps.ts';

let app: RunningApp;
let session: Session;
const QUESTIONS = ['Où est la gare ?', 'Qu’en pensez-vous, Zoë ?', 'Ça coûte combien, señor ?'];

beforeAll(async () => {
  await ensureRendererBuilt();
  app = await startInProcess({ env: { BATCHDESK_DEMO_SECONDS: '1' } });
  session = await openBrowser(`${app.url}#/new`);
}, 180_000);

afterAll(async () => {
  await session?.close();
  await app?.close();
});

async function exportAs(dialog: Locator, format: string, options: { bom?: boolean } = {}): Promise<Buffer> {
  const page = session.page;
  await dialog.getByRole('radio', { name: format }).check();
  if (options.bom !== undefined) await dialog.getByLabel(/Add a byte-order mark/).setChecked(options.bom);
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    dialog.getByRole('button', { name: 'Export', exact: true }).click(),
  ]);
  return readFileSync(await download.path());
}

describe('export formats', () => {
  it('writes CSV with and without a byte-order mark, and XLSX', async () => {
    const { page } = session;
    await page.getByRole('heading', { name: 'New run', level: 1 }).waitFor();
    await dropFiles(page, '[data-testid="dropzone"]', [
      fileOf('questions.csv', 'text/csv', ['question', ...QUESTIONS.map((q) => `"${q}"`)].join('\n')),
    ]);
    await page.getByTestId('file-row').waitFor();
    await page.getByLabel('Template (one request per dataset row)').fill('Réponds : {{question}}');
    await chooseModels(page, ['demo/echo']);
    await page.getByTestId('estimate-row').waitFor({ timeout: 15_000 });
    await page.getByRole('button', { name: 'Start run' }).click();
    await page.waitForURL(/#\/runs\/.+/);
    await waitForRunStatus(page, ['completed'], 60_000);

    await page.getByRole('button', { name: 'Export…' }).click();
    const dialog = page.getByRole('dialog', { name: 'Export results' });
    const plain = await exportAs(dialog, 'CSV', { bom: false });
    expect(plain.subarray(0, 3).equals(Buffer.from([0xef, 0xbb, 0xbf]))).toBe(false);
    const withBom = await exportAs(dialog, 'CSV', { bom: true });
    await shot(page, 'export-light', 'docs');
    expect([...withBom.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(withBom.subarray(3).equals(plain)).toBe(true);
    const rows = parse(plain, { columns: true }) as Record<string, string>[];
    expect(rows.map((r) => r.output)).toEqual(QUESTIONS.map((q) => `[simulated demo/echo] Réponds : ${q}`));

    const xlsx = await exportAs(dialog, 'XLSX (Excel)');
    expect(await dialog.getByLabel(/Add a byte-order mark/).count()).toBe(0);
    const book = await readWorkbook(xlsx);
    const sheet = book.worksheets[0]!;
    const header = (sheet.getRow(1).values as unknown[]).slice(1);
    expect(header).toEqual(Object.keys(rows[0]!));
    expect(sheet.rowCount).toBe(QUESTIONS.length + 1);
    const column = (name: string) => header.indexOf(name) + 1;
    for (let i = 0; i < QUESTIONS.length; i++) {
      const row = sheet.getRow(i + 2);
      expect(row.getCell(column('output')).value).toBe(rows[i]!.output);
      expect(row.getCell(column('input_tokens')).value).toBe(Number(rows[i]!.input_tokens));
      expect(row.getCell(column('simulated')).value).toBe(true);
    }
    await dialog.getByRole('button', { name: 'Close' }).click();
  }, 120_000);
});
