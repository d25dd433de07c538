// Acceptance (issue 17, item 8): plural forms ("1 job", "1 input"); focus goes back to the job row after Esc; a
// summary of the problem files with "remove all", and an estimate box that says what is really missing; the
// supported-types list names each extension once.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { wordDocument } from '../helpers/bad-inputs.ts';
import { startInProcess, type RunningApp } from './helpers/app.ts';
import { dropFiles, fileOf, openBrowser, shot, type Session } from './helpers/browser.ts';
import { ensureRendererBuilt } from './helpers/renderer-build.ts';
import { chooseModels, waitForRunStatus } from './helpers/steps.ts';

let app: RunningApp;
let session: Session;

beforeAll(async () => {
  await ensureRendererBuilt();
  app = await startInProcess({ env: { BATCHDESK_DEMO_SECONDS: '1' } });
  session = await openBrowser(`${app.url}#/new`);
}, 180_000);

afterAll(async () => {
  await session?.close();
  await app?.close();
});

describe('New run and run detail details', () => {
  it('lists each supported extension once', async () => {
    const { page } = session;
    await page.getByRole('heading', { name: 'New run', level: 1 }).waitFor();
    const text = (await page.getByTestId('supported-types').textContent()) ?? '';
    const extensions = text.match(/\.[a-z]+\b/g) ?? [];
    for (const ext of ['.pdf', '.png', '.txt', '.csv', '.tsv', '.jsonl']) expect(extensions).toContain(ext);
    const listed = text.slice(0, text.indexOf('. A .jsonl')).match(/\.[a-z]+\b/g) ?? [];
    expect(listed.length).toBe(new Set(listed).size);
  });

  it('summarises the problem files, removes them all, and says what is missing', async () => {
    const { page } = session;
    const estimate = page.getByRole('region', { name: /Estimate/ });
    expect(await page.getByTestId('estimate-blockers').textContent()).toContain(
      'Add input files, a CSV/JSONL dataset or an OpenAI batch file',
    );
    await dropFiles(page, '[data-testid="dropzone"]', [
      fileOf('one.txt', 'text/plain', 'The first note.'),
      fileOf('two.txt', 'text/plain', 'The second note.'),
      fileOf('empty.txt', 'text/plain', ''),
      fileOf('report.docx', 'application/octet-stream', wordDocument()),
    ]);
    await expect.poll(() => page.getByTestId('file-row').count(), { timeout: 20_000 }).toBe(4);
    await page.getByLabel('Prompt', { exact: true }).fill('Say what this note is about.');
    await chooseModels(page, ['demo/echo']);
    const summary = page.getByTestId('problem-summary');
    await expect
      .poll(async () => (await summary.textContent()) ?? '')
      .toMatch(/^2 of 4 inputs have a problem: (empty\.txt, report\.docx|report\.docx, empty\.txt)\./);
    // Inputs, a prompt and a model are all there: the box names the real blocker.
    const blockers = (await page.getByTestId('estimate-blockers').textContent()) ?? '';
    expect(blockers).toContain('Remove or replace the 2 files with a problem (see Inputs).');
    expect(blockers).not.toMatch(/Add inputs|prompt|model/);
    await shot(page, 'new-run-problem-files', 'docs', summary);

    await summary.getByRole('button', { name: 'Remove all 2 problem files' }).click();
    await expect.poll(() => page.getByTestId('file-row').count()).toBe(2);
    expect(await summary.count()).toBe(0);
    await page.getByTestId('estimate-row').waitFor({ timeout: 15_000 });
    expect(await estimate.textContent()).toContain('in 1 provider batch.');
    expect(await page.locator('.file-list caption').textContent()).toMatch(/^2 inputs, /);
  }, 120_000);

  it('says "1 job" and puts focus back on the row after Esc', async () => {
    const { page } = session;
    await page.evaluate(() => (location.hash = '#/new'));
    await page.getByRole('heading', { name: 'New run', level: 1 }).waitFor();
    // The draft from the test before is still there: keep one file.
    await page.getByRole('button', { name: 'Remove two.txt' }).click();
    expect(await page.locator('.file-list caption').textContent()).toMatch(/^1 input, /);
    await page.getByTestId('estimate-row').waitFor({ timeout: 15_000 });
    await page.getByRole('button', { name: 'Start run' }).click();
    await page.waitForURL(/#\/runs\/.+/);
    await waitForRunStatus(page, ['completed'], 60_000);
    expect(await page.getByTestId('run-summary').textContent()).toContain('1 of 1 job finished');

    const row = page.getByTestId('job-row').first();
    await row.focus();
    await page.keyboard.press('Enter');
    await page.getByTestId('job-panel').getByRole('heading', { name: 'Answer', exact: true }).waitFor();
    await page.keyboard.press('Escape');
    await expect.poll(() => page.getByTestId('job-panel').count()).toBe(0);
    const jobId = await row.getAttribute('data-job-id');
    await expect
      .poll(() => page.evaluate(() => document.activeElement?.getAttribute('data-job-id')))
      .toBe(jobId);
    // The Close button does the same.
    await page.keyboard.press('Enter');
    await page.getByRole('button', { name: 'Close job details' }).click();
    await expect
      .poll(() => page.evaluate(() => document.activeElement?.getAttribute('data-job-id')))
      .toBe(jobId);
  }, 120_000);
});
