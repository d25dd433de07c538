// Acceptance (issue 17, item 4): a provider batch row shows when the provider gives up on it, counting down, and
// warns once it has run 20 h (the browser's clock is moved, the batch is really still running at the fake); its raw
// input, output and error files are listed and download as a zip (a single-use link, like exports); the whole run's
// raw files download too. In the desktop app the same buttons show the folder (platform.openPath: Electron cannot
// run here, so that path is proved through the service with a fake platform in test/integration/export).
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFakes, type Fakes } from '../helpers/fakes.ts';
import { unzip } from '../helpers/unzip.ts';
import { startInProcess, type RunningApp } from './helpers/app.ts';
import { dropFiles, fileOf, openBrowser, shot, type Session } from './helpers/browser.ts';
import { ensureRendererBuilt } from './helpers/renderer-build.ts';
import { chooseModels, OPENAI_MODEL, waitForRunStatus } from './helpers/steps.ts';

let fakes: Fakes;
let app: RunningApp;
let session: Session;
const HOUR = 3600_000;

beforeAll(async () => {
  await ensureRendererBuilt();
  fakes = await startFakes({
    validatingMs: 500,
    inProgressMs: 30 * HOUR,
    finalizingMs: 500,
    autoAdvanceMs: 500,
  });
  app = await startInProcess({ env: fakes.env });
  session = await openBrowser(`${app.url}#/new`);
}, 180_000);

afterAll(async () => {
  await session?.close();
  await app?.close();
  await fakes?.close();
});

async function downloadZip(
  page: Session['page'],
  click: () => Promise<void>,
): Promise<{ files: Map<string, Buffer>; url: string }> {
  const [download] = await Promise.all([page.waitForEvent('download'), click()]);
  return { files: unzip(readFileSync(await download.path())), url: download.url() };
}

describe('provider batch rows', () => {
  it('counts down to expiry, warns after 20 h, and hands out the raw files', async () => {
    const { page } = session;
    await page.getByRole('heading', { name: 'New run', level: 1 }).waitFor();
    await dropFiles(page, '[data-testid="dropzone"]', [
      fileOf('good.txt', 'text/plain', 'A note the fake answers.'),
      fileOf('bad.txt', 'text/plain', 'A note the fake refuses [[fail]].'),
    ]);
    await expect.poll(() => page.locator('[data-testid="file-row"] .ok').count()).toBe(2);
    await page.getByLabel('Prompt', { exact: true }).fill('Summarise.');
    await chooseModels(page, [OPENAI_MODEL]);
    await page.getByTestId('estimate-row').waitFor({ timeout: 15_000 });
    await page.getByRole('button', { name: 'Start run' }).click();
    await page.waitForURL(/#\/runs\/.+/);
    const runId = decodeURIComponent(page.url().split('#/runs/')[1]!);
    const row = page.getByTestId('batch-row');
    await row.filter({ hasText: 'in progress' }).waitFor({ timeout: 30_000 });
    const expiry = row.getByTestId('batch-expiry');
    expect(await expiry.textContent()).toMatch(/^Expires in (23 h \d+ min|24 h) \(/);
    expect(await expiry.evaluate((e) => e.classList.contains('expiry-warning'))).toBe(false);

    // 21 hours later in the browser: the row warns, and so does the run.
    const submitted = app.host!.store.batches.forRun(runId)[0]!.submitted_at!;
    await page.clock.setFixedTime(submitted + 21 * HOUR);
    await expect
      .poll(() => expiry.evaluate((e) => e.classList.contains('expiry-warning')), { timeout: 5000 })
      .toBe(true);
    const warning = (await expiry.textContent()) ?? '';
    expect(warning).toMatch(/^Expires in 3 h \(/);
    expect(warning).toContain("running 21 h of the provider's 24 h");
    expect(
      await page
        .getByRole('region', { name: 'Warnings' })
        .or(page.locator('.warnings'))
        .first()
        .textContent(),
    ).toMatch(/running 21 h; it expires in 3 h/);
    await shot(page, 'batch-expiry-warning', 'docs', page.getByRole('heading', { name: 'Provider batches' }));

    // Let the fake finish the batch: input, output and error files are kept and listed.
    fakes.openai.scenario = { ...fakes.openai.scenario, inProgressMs: 1000 };
    await waitForRunStatus(page, ['completed'], 60_000);
    await expect.poll(() => row.locator('[data-kind]').count(), { timeout: 10_000 }).toBe(3);
    const kinds = await row
      .locator('[data-kind]')
      .evaluateAll((els) => els.map((e) => e.getAttribute('data-kind')));
    expect(kinds).toEqual(['input', 'output', 'errors']);

    const batchId = app.host!.store.batches.forRun(runId)[0]!.id;
    const one = await downloadZip(page, () => row.getByRole('button', { name: /Download as zip/ }).click());
    const names = [...one.files.keys()];
    expect(names[0]).toBe(`${batchId}/input.jsonl`);
    expect(names.slice(1).sort()).toEqual([
      expect.stringMatching(new RegExp(`^${batchId}/batch_.+-errors\\.jsonl$`)),
      expect.stringMatching(new RegExp(`^${batchId}/batch_.+-output\\.jsonl$`)),
    ]);
    const lines = (name: string) => one.files.get(name)!.toString('utf8').trim().split('\n');
    expect(lines(`${batchId}/input.jsonl`)).toHaveLength(2);
    expect(lines(names.find((n) => n.endsWith('-output.jsonl'))!)).toHaveLength(1);
    expect(lines(names.find((n) => n.endsWith('-errors.jsonl'))!)[0]).toContain('[[fail]]');
    // The link was good for one download only, and the download route takes nothing but a ticket.
    expect((await page.request.get(one.url)).status()).toBe(403);
    expect((await page.request.get(`${app.origin}/api/raw-files`)).status()).toBe(403);

    const all = await downloadZip(page, () =>
      page.getByRole('button', { name: 'Download raw files (.zip)' }).click(),
    );
    expect([...all.files.keys()].sort()).toEqual(names.sort());
    await shot(page, 'batch-raw-files', 'results', page.getByRole('heading', { name: 'Provider batches' }));
  }, 120_000);
});
