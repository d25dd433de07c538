// Acceptance (issue 17, item 5): Compare shows each model's tokens and cost, structured fields side by side, full
// answers on demand, and a "disagreements only" filter; the wide export (CSV and XLSX) has one row per input and a
// column per model and field. Demo models: demo/mini departs from demo/echo's label on a fixed share of inputs.
import { readFileSync } from 'node:fs';
import { parse } from 'csv-parse/sync';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readWorkbook } from '../helpers/excel.ts';
import { startInProcess, type RunningApp } from './helpers/app.ts';
import { dropFiles, fileOf, openBrowser, shot, type Session } from './helpers/browser.ts';
import { ensureRendererBuilt } from './helpers/renderer-build.ts';
import { chooseModels, waitForRunStatus } from './helpers/steps.ts';

let app: RunningApp;
let session: Session;
const MODELS = ['demo/echo', 'demo/mini'];
const ROWS = 30;
const SCHEMA = {
  type: 'object',
  properties: { label: { type: 'string', enum: ['low', 'mid', 'high'] }, topic: { type: 'string' } },
  required: ['label', 'topic'],
  additionalProperties: false,
};

beforeAll(async () => {
  await ensureRendererBuilt();
  app = await startInProcess({ env: { BATCHDESK_DEMO_SECONDS: '1' } });
  session = await openBrowser(`${app.url}#/new`);
}, 180_000);

afterAll(async () => {
  await session?.close();
  await app?.close();
});

async function runToCompare(page: Page, setUp: () => Promise<void>): Promise<void> {
  await page.evaluate(() => (location.hash = '#/new'));
  await page.getByRole('heading', { name: 'New run', level: 1 }).waitFor();
  await setUp();
  await chooseModels(page, MODELS);
  await page.getByTestId('estimate-row').nth(1).waitFor({ timeout: 15_000 });
  await page.getByRole('button', { name: 'Start run' }).click();
  await page.waitForURL(/#\/runs\/.+/);
  await waitForRunStatus(page, ['completed'], 60_000);
  await page.getByRole('link', { name: 'Compare models' }).click();
  await page.getByTestId('compare-row').first().waitFor();
}

async function downloaded(page: Page, button: string): Promise<Buffer> {
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('button', { name: button }).click(),
  ]);
  return readFileSync(await download.path());
}

describe('compare models', () => {
  it('shows totals, fields side by side, disagreements only, and exports the wide table', async () => {
    const { page } = session;
    await runToCompare(page, async () => {
      const csv = [
        'answer',
        ...Array.from({ length: ROWS }, (_, i) => `Survey answer number ${i + 1} about the river.`),
      ].join('\n');
      await dropFiles(page, '[data-testid="dropzone"]', [fileOf('answers.csv', 'text/csv', csv)]);
      await page.getByTestId('file-row').waitFor();
      await page.getByLabel('Template (one request per dataset row)').fill('Label this answer: {{answer}}');
      await page.getByRole('radio', { name: 'JSON Schema' }).check();
      await page.locator('#schema-json').fill(JSON.stringify(SCHEMA));
    });

    // Totals per model: jobs, tokens and a cost each.
    const totals = page.getByTestId('compare-total');
    expect(await totals.count()).toBe(2);
    for (const model of MODELS) {
      const cells = await totals.filter({ hasText: model }).locator('td').allTextContents();
      expect(cells[0]).toBe(String(ROWS));
      expect(Number(cells[2]!.replace(/,/g, ''))).toBeGreaterThan(0);
      expect(cells[4]).toMatch(/^\$0\.\d+$/);
    }
    const rows = page.getByTestId('compare-row');
    await expect.poll(() => rows.count()).toBe(ROWS);
    // Fields side by side: every answer shows both fields, and its tokens and cost.
    const first = rows.first();
    expect(await first.locator('dt').allTextContents()).toEqual(['label', 'topic', 'label', 'topic']);
    expect(await first.getByTestId('compare-usage').first().textContent()).toMatch(
      /^\d+ in \/ \d+ out · \$0\.\d+ simulated$/,
    );
    const differing = await rows.filter({ has: page.locator('.agreement li.differ') }).count();
    expect(differing).toBeGreaterThan(0);
    expect(differing).toBeLessThan(ROWS);
    await shot(page, 'compare-light', 'docs');

    await page.getByLabel('Disagreements only').check();
    await expect.poll(() => rows.count(), { timeout: 5000 }).toBe(differing);
    for (const text of await rows.locator('.agreement').allTextContents())
      expect(text).toContain('label: differ');
    await shot(page, 'compare-disagreements', 'docs');

    const wide = parse(await downloaded(page, 'Export wide CSV'), { columns: true }) as Record<
      string,
      string
    >[];
    expect(wide).toHaveLength(ROWS);
    const header = Object.keys(wide[0]!);
    expect(header).toEqual([
      'input',
      ...MODELS.flatMap((m) =>
        ['status', 'label', 'topic', 'input_tokens', 'output_tokens', 'cost_usd', 'error'].map(
          (c) => `${m}.${c}`,
        ),
      ),
      'agree',
    ]);
    expect(wide.filter((r) => r.agree === 'false')).toHaveLength(differing);
    expect(wide.filter((r) => r['demo/echo.label'] !== r['demo/mini.label'])).toHaveLength(differing);

    const book = await readWorkbook(await downloaded(page, 'Export wide XLSX'));
    const sheet = book.worksheets[0]!;
    expect(sheet.rowCount).toBe(ROWS + 1);
    expect((sheet.getRow(1).values as unknown[]).slice(1)).toEqual(header);
    expect(typeof sheet.getRow(2).getCell(header.indexOf('demo/echo.input_tokens') + 1).value).toBe('number');
    expect(sheet.getRow(2).getCell(header.length).value).toBe(wide[0]!.agree === 'true');
  }, 120_000);

  it('shows a long answer in full on demand', async () => {
    const { page } = session;
    // A narrow window: the demo's answers (up to ~140 characters) no longer fit in three lines.
    await page.setViewportSize({ width: 800, height: 900 });
    await runToCompare(page, async () => {
      const long =
        'This field note describes the river, the bridges, the harbour and the ships that came each season, in detail. ';
      await dropFiles(page, '[data-testid="dropzone"]', [
        fileOf('note.txt', 'text/plain', long.repeat(3)),
        fileOf('short.txt', 'text/plain', 'Short.'),
      ]);
      await expect.poll(() => page.locator('[data-testid="file-row"] .ok').count()).toBe(2);
      await page.getByLabel('Prompt', { exact: true }).fill('Summarise this note.');
    });
    const more = page.getByRole('button', { name: /^Show all of the answer of demo\/echo to note\.txt/ });
    await more.waitFor({ timeout: 5000 }).catch(async (e: unknown) => {
      await shot(page, 'compare-long-failed');
      throw e;
    });
    const answer = page
      .getByTestId('compare-row')
      .filter({ hasText: 'note.txt' })
      .getByTestId('compare-answer')
      .first();
    const cut = await answer.evaluate((e) => [e.scrollHeight, e.clientHeight]);
    expect(cut[0]).toBeGreaterThan(cut[1]!);
    await more.click();
    expect(
      await page
        .getByRole('button', { name: /^Shorten the answer of demo\/echo to note\.txt/ })
        .getAttribute('aria-expanded'),
    ).toBe('true');
    const full = await answer.evaluate((e) => [e.scrollHeight, e.clientHeight]);
    expect(full[0]).toBe(full[1]);
    // A short answer needs no button.
    expect(await page.getByRole('button', { name: /short\.txt/ }).count()).toBe(0);
    await shot(page, 'compare-expanded');
    await page.setViewportSize({ width: 1360, height: 900 });
  }, 120_000);
});
