// Acceptance: cancel a running run → the finished part stays, the rest is cancelled; "retry failed" sends a new
// provider batch and its results merge into the run.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFakes, type Fakes } from '../helpers/fakes.ts';
import { startInProcess, type RunningApp } from './helpers/app.ts';
import { dropFiles, fileOf, openBrowser, shot, type Session } from './helpers/browser.ts';
import { ensureRendererBuilt } from './helpers/renderer-build.ts';
import { chooseModels, OPENAI_MODEL, waitForRunStatus } from './helpers/steps.ts';

let fakes: Fakes;
let app: RunningApp;
let session: Session;

beforeAll(async () => {
  await ensureRendererBuilt();
  // Batches stay in progress (an hour of fake time) until the test lets them finish.
  fakes = await startFakes({
    validatingMs: 500,
    inProgressMs: 3_600_000,
    finalizingMs: 500,
    autoAdvanceMs: 500,
    partialFraction: 0.5,
  });
  app = await startInProcess({ env: fakes.env });
  session = await openBrowser(`${app.url}#/new`);
}, 180_000);

afterAll(async () => {
  await session?.close();
  await app?.close();
  await fakes?.close();
});

const dataset = ['question', ...Array.from({ length: 10 }, (_, i) => `Question number ${i + 1}?`)].join('\n');

describe('cancel and retry', () => {
  it('keeps partial results on cancel, and merges a retry batch into the run', async () => {
    const { page } = session;
    await dropFiles(page, '[data-testid="dropzone"]', [fileOf('questions.csv', 'text/csv', dataset)]);
    await page.getByTestId('file-row').waitFor();
    await page.getByLabel('Template (one request per dataset row)').fill('Answer briefly: {{question}}');
    await chooseModels(page, [OPENAI_MODEL]);
    await page.getByTestId('estimate-row').waitFor({ timeout: 15_000 });
    await page.getByRole('button', { name: 'Start run' }).click();
    await page.waitForURL(/#\/runs\/.+/);
    const batch = page.getByTestId('batch-row');
    await batch.filter({ hasText: 'in progress' }).waitFor({ timeout: 30_000 });
    await shot(page, 'cancel-1-running');

    await page.getByRole('button', { name: 'Cancel run' }).click();
    await waitForRunStatus(page, ['cancelled'], 60_000);
    const summary = (await page.getByTestId('run-summary').textContent()) ?? '';
    expect(summary).toContain('5 succeeded');
    expect(summary).toContain('5 cancelled');
    await page.locator('.jobs-header').waitFor();
    await expect.poll(() => page.locator('[data-testid="job-row"] .status-succeeded').count()).toBe(5);
    await expect.poll(() => page.locator('[data-testid="job-row"] .status-cancelled').count()).toBe(5);
    await shot(page, 'cancel-2-cancelled', 'docs');

    // Let the next batch finish quickly, then retry what was cancelled.
    fakes.openai.scenario = { ...fakes.openai.scenario, inProgressMs: 1000 };
    await page
      .getByLabel(/^Retry 5 failed, expired or cancelled jobs with/)
      .selectOption({ label: 'the same model' });
    await page.getByRole('button', { name: 'Retry failed' }).click();
    await page.getByText(/Retrying 5 jobs in 1 new provider batch/).waitFor();
    await expect.poll(() => batch.count(), { timeout: 30_000 }).toBe(2);
    await waitForRunStatus(page, ['completed'], 60_000);
    await expect
      .poll(() => page.locator('[data-testid="job-row"] .status-succeeded').count(), { timeout: 15_000 })
      .toBe(10);
    expect((await page.getByTestId('run-summary').textContent()) ?? '').toContain('10 succeeded');
    expect(fakes.openai.batchesCreated()).toBe(2);
    await shot(page, 'cancel-3-retried', 'docs');
  }, 120_000);
});
