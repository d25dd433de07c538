// Acceptance: drop a PDF, a PNG and a TXT (a real DataTransfer drop), write a prompt, choose two models of
// different providers → the estimate shows per-model cost and savings → submit → completed → 6 result rows →
// the downloaded CSV has 6 rows. Against the real `batchdesk serve` child process and the fake providers.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFakes, type Fakes } from '../helpers/fakes.ts';
import { tinyPdf, tinyPng } from '../helpers/sample-files.ts';
import { startServeProcess, type RunningApp } from './helpers/app.ts';
import { dropFiles, fileOf, openBrowser, shot, type Session } from './helpers/browser.ts';
import { ensureRendererBuilt } from './helpers/renderer-build.ts';
import {
  ANTHROPIC_MODEL,
  chooseModels,
  exportCsv,
  loadedJobRows,
  OPENAI_MODEL,
  waitForRunStatus,
} from './helpers/steps.ts';

let fakes: Fakes;
let app: RunningApp;
let session: Session;

beforeAll(async () => {
  await ensureRendererBuilt();
  fakes = await startFakes({ validatingMs: 500, inProgressMs: 1500, finalizingMs: 500, autoAdvanceMs: 1000 });
  app = await startServeProcess({ env: fakes.env });
  session = await openBrowser(app.url);
}, 180_000);

afterAll(async () => {
  await session?.close();
  await app?.close();
  await fakes?.close();
});

describe('a run from dropped files to a CSV', () => {
  it('drops three files, estimates two models, runs to completion and downloads 6 CSV rows', async () => {
    const { page } = session;
    await page.getByRole('heading', { name: 'No runs yet' }).waitFor();
    await shot(page, 'runs-empty', 'docs');
    await page
      .getByRole('navigation', { name: 'Main' })
      .getByRole('link', { name: /New run/ })
      .click();
    await page.getByRole('heading', { name: 'New run', level: 1 }).waitFor();
    await shot(page, 'new-run-empty', 'docs');

    await dropFiles(page, '[data-testid="dropzone"]', [
      fileOf('paper.pdf', 'application/pdf', tinyPdf('A study of batches')),
      fileOf('figure.png', 'image/png', tinyPng()),
      fileOf('notes.txt', 'text/plain', 'Field notes: the batch API halves the price.'),
    ]);
    const rows = page.getByTestId('file-row');
    // Uploads and the input check through the `serve` child process: slow on a loaded machine.
    await expect.poll(() => rows.count(), { timeout: 20_000 }).toBe(3);
    await expect.poll(() => page.locator('[data-testid="file-row"] .ok').count(), { timeout: 20_000 }).toBe(3);
    expect(await rows.filter({ hasText: 'paper.pdf' }).textContent()).toMatch(/PDF.*1/);
    await shot(page, 'new-run-dropped', 'results', page.getByTestId('file-row').first());

    await page.getByLabel('Prompt', { exact: true }).fill('Summarise this input in one sentence.');
    await chooseModels(page, [OPENAI_MODEL, ANTHROPIC_MODEL]);
    const estimateRows = page.getByTestId('estimate-row');
    await expect.poll(() => estimateRows.count(), { timeout: 15_000 }).toBe(2);
    for (const model of [OPENAI_MODEL, ANTHROPIC_MODEL]) {
      const text = (await estimateRows.filter({ hasText: model }).textContent()) ?? '';
      // jobs, tokens, batch cost typically and at most, synchronous cost, savings: four dollar figures per model
      expect(text.match(/\$\d/g)?.length).toBe(4);
      expect(text).toMatch(/at most \$\d/);
      expect(text).toContain('3');
    }
    await shot(page, 'new-run-estimate', 'docs', page.getByTestId('estimate-table'));

    await page.getByRole('button', { name: 'Start run' }).click();
    await page.waitForURL(/#\/runs\/.+/);
    await shot(page, 'run-detail-running');
    await waitForRunStatus(page, ['completed'], 90_000);
    await expect.poll(() => loadedJobRows(page)).toBe(6);
    expect(await page.locator('[data-testid="job-row"] .status-succeeded').count()).toBe(6);
    await shot(page, 'run-detail-completed', 'docs', page.getByRole('heading', { level: 1 }));

    await page.getByTestId('job-row').first().click();
    await page.getByTestId('job-panel').getByRole('heading', { name: 'Request as sent' }).waitFor();
    await shot(page, 'job-panel', 'docs');
    await page.getByRole('button', { name: 'Close job details' }).click();

    const csv = await exportCsv(page);
    expect(csv).toHaveLength(6);
    expect(new Set(csv.map((r) => r.model))).toEqual(new Set([OPENAI_MODEL, ANTHROPIC_MODEL]));
    expect(csv.every((r) => r.status === 'succeeded')).toBe(true);

    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: /^Runs/ }).click();
    await page.getByTestId('run-row').first().waitFor();
    await shot(page, 'runs-list', 'docs');
  }, 120_000);
});
