// Acceptance (issue 18): for a demo run whose models disagree on a known share of rows, the Agreement view shows the
// numbers `batchdesk agreement --json` prints, its CSV export holds the same numbers, a confusion-matrix cell opens
// the rows behind it (and each answer its job), and the methods bundle downloads as a zip.
import { readFileSync } from 'node:fs';
import { unzipSync } from 'fflate';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formatStatistic, type AgreementReport } from '../../src/shared/agreement-report.ts';
import { createService } from '../../src/main/api/service/index.ts';
import { cleanEnv, runCli, tempDir } from '../helpers/cli.ts';
import { csvValues, writeLabelDataset } from '../helpers/research.ts';
import { startInProcess, type RunningApp } from './helpers/app.ts';
import { openBrowser, shot, type Session } from './helpers/browser.ts';
import { ensureRendererBuilt } from './helpers/renderer-build.ts';

let app: RunningApp;
let session: Session;
let runId: string;
const inputs = tempDir('batchdesk-agreement-e2e-');

beforeAll(async () => {
  await ensureRendererBuilt();
  app = await startInProcess({ env: { BATCHDESK_DEMO_SECONDS: '1' } });
  const files = writeLabelDataset(inputs.path);
  const service = createService(app.host!);
  const created = await service.invoke('runs.create', { dataset: files.dataset, template: 'Classify this answer: {{answer}}', schema_file: files.schema, models: ['demo/echo', 'demo/mini'] });
  if (!created.ok) throw new Error(created.error.message);
  runId = (created.value as { run_id: string }).run_id;
  for (let i = 0; i < 200; i++) {
    const view = await service.invoke('runs.get', { run_id: runId });
    if (view.ok && (view.value as { status: string }).status === 'completed') break;
    await new Promise((r) => setTimeout(r, 250));
  }
  session = await openBrowser(`${app.url}#/runs/${runId}/agreement`);
}, 180_000);

afterAll(async () => {
  await session?.close();
  await app?.close();
  inputs.cleanup();
});

describe('the Agreement view', () => {
  it('shows the numbers the CLI prints, exports them as CSV, and opens the rows behind a cell', async () => {
    const { page } = session;
    await page.getByRole('heading', { name: 'Agreement and methods' }).waitFor();
    await page.getByLabel('Gold column').selectOption('truth');
    await page.getByTestId('agreement-summary').filter({ hasText: 'sentiment (nominal) · 60 inputs' }).waitFor();
    await expect.poll(() => page.getByTestId('gold-0-accuracy').count()).toBe(1);

    const cli = await runCli(['--home', app.home, 'agreement', runId, '--field', 'sentiment', '--gold', 'truth', '--json'], cleanEnv({ BATCHDESK_KEYCHAIN: 'off' }));
    const report = JSON.parse(cli.stdout) as AgreementReport;
    const shown = async (id: string) => {
      const cell = page.getByTestId(id);
      return { value: await cell.getAttribute('data-value'), text: (await cell.textContent()) ?? '' };
    };
    const expectShown = async (id: string, value: number | null) => {
      const cell = await shown(id);
      expect(cell.value, id).toBe(value === null ? '' : String(value));
      expect(cell.text.startsWith(formatStatistic(value)), id).toBe(true);
    };
    await expectShown('overall-percent_agreement', report.overall.percent_agreement.value);
    await expectShown('overall-fleiss_kappa', report.overall.fleiss_kappa.value);
    await expectShown('overall-krippendorff_alpha_nominal', report.overall.krippendorff_alpha.nominal.value);
    for (const [i, pair] of report.pairs.entries()) {
      await expectShown(`pair-${i}-percent_agreement`, pair.percent_agreement.value);
      await expectShown(`pair-${i}-cohen_kappa`, pair.cohen_kappa.value);
    }
    for (const [i, gold] of report.against_gold.entries()) {
      await expectShown(`gold-${i}-accuracy`, gold.accuracy.value);
      await expectShown(`gold-${i}-macro_f1`, gold.macro_f1.value);
    }
    const firstMatrix = page.getByTestId('confusion').first();
    const counts = report.pairs[0]!.confusion!.counts.flat();
    expect(await firstMatrix.locator('td[data-value]').evaluateAll((cells) => cells.map((c) => Number(c.getAttribute('data-value'))))).toEqual(counts);
    await shot(page, 'agreement', 'docs');

    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Export agreement CSV' }).click()]);
    const csv = csvValues(readFileSync(await download.path(), 'utf8'));
    expect(Number(csv.get('overall|||||fleiss_kappa'))).toBe(report.overall.fleiss_kappa.value);
    expect(Number(csv.get('pair|demo/echo|demo/mini|||cohen_kappa'))).toBe(report.pairs[0]!.cohen_kappa.value);
    expect(Number(csv.get('against_gold|demo/mini|truth|||accuracy'))).toBe(report.against_gold[1]!.accuracy.value);

    // The first off-diagonal cell with inputs: demo/echo said one label, demo/mini another.
    const pair = report.pairs[0]!;
    const size = pair.confusion!.labels.length;
    const offDiagonal = counts.findIndex((n, k) => n > 0 && Math.floor(k / size) !== k % size);
    await firstMatrix.locator('td[data-value]').nth(offDiagonal).getByRole('button').click();
    await expect.poll(() => page.getByTestId('agreement-unit').count()).toBe(counts[offDiagonal]);
    const row = page.getByTestId('agreement-unit').first();
    expect(await row.locator('td').nth(0).textContent()).toBe(String(pair.confusion!.labels[Math.floor(offDiagonal / size)]));
    expect(await row.locator('td').nth(1).textContent()).toBe(String(pair.confusion!.labels[offDiagonal % size]));
    await row.locator('td').nth(1).getByRole('button').click();
    await page.getByText('demo/mini').last().waitFor();
    await expect.poll(() => page.locator('.run-detail.with-panel').count()).toBe(1);
  }, 120_000);

  it('downloads the methods bundle as a zip', async () => {
    const { page } = session;
    await page.keyboard.press('Escape');
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Download methods bundle (zip)' }).click()]);
    const files = Object.keys(unzipSync(new Uint8Array(readFileSync(await download.path()))));
    expect(files).toEqual(expect.arrayContaining(['manifest.json', 'methods.md', 'jobs.jsonl', 'template.txt', 'schema.json']));
    expect(files.filter((f) => f.startsWith('requests/'))).toHaveLength(2);
  }, 60_000);
});
