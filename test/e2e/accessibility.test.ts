// Acceptance: @axe-core/playwright finds no serious or critical violation on New run, Runs, Run detail and
// Settings (and Models, Compare), in the light and the dark theme. Uses the demo provider: results and costs
// are simulated, and the UI must say so.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startInProcess, type RunningApp } from './helpers/app.ts';
import {
  dropFiles,
  fileOf,
  openBrowser,
  seriousAxeViolations,
  shot,
  type Session,
} from './helpers/browser.ts';
import { ensureRendererBuilt } from './helpers/renderer-build.ts';
import { chooseModels, waitForRunStatus } from './helpers/steps.ts';

let app: RunningApp;
const sessions: Session[] = [];

beforeAll(async () => {
  await ensureRendererBuilt();
  app = await startInProcess({ env: { BATCHDESK_DEMO_SECONDS: '1' } });
}, 180_000);

afterAll(async () => {
  for (const s of sessions) await s.close();
  await app?.close();
});

describe.each(['light', 'dark'] as const)('accessibility in the %s theme', (scheme) => {
  it('has no serious or critical axe violations on the main screens', async () => {
    const session = await openBrowser(`${app.url}#/runs`, { colorScheme: scheme });
    sessions.push(session);
    const { page } = session;
    const check = async (screen: string) => {
      expect(await seriousAxeViolations(page), `${screen} (${scheme})`).toEqual([]);
    };
    const nav = page.getByRole('navigation', { name: 'Main' });

    await page.getByRole('heading', { name: 'Runs', level: 1 }).waitFor();
    await page.locator('.empty, [data-testid="run-row"]').first().waitFor();
    await check('Runs');

    // Keyboard: Alt+2 opens New run and focus lands on its heading.
    await page.keyboard.press('Alt+2');
    await page.getByRole('heading', { name: 'New run', level: 1 }).waitFor();
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('New run');
    await dropFiles(page, '[data-testid="dropzone"]', [
      fileOf('a.txt', 'text/plain', 'First note.'),
      fileOf('b.txt', 'text/plain', 'Second note.'),
    ]);
    await page.getByTestId('file-row').nth(1).waitFor();
    await page.getByLabel('Prompt', { exact: true }).fill('Say what this note is about.');
    await chooseModels(page, ['demo/echo', 'demo/mini']);
    await page.getByRole('radio', { name: 'Fields' }).check();
    await page.getByLabel('Field 1 name').fill('topic');
    await page.getByTestId('estimate-row').nth(1).waitFor({ timeout: 15_000 });
    expect(await page.getByRole('region', { name: /Estimate/ }).textContent()).toContain('simulated');
    await check('New run');
    await shot(
      page,
      `new-run-${scheme}`,
      scheme === 'dark' ? 'docs' : 'results',
      page.getByTestId('estimate-table'),
    );

    await page.getByRole('button', { name: 'Start run' }).click();
    await page.waitForURL(/#\/runs\/.+/);
    await waitForRunStatus(page, ['completed'], 60_000);
    await page.getByTestId('job-row').nth(3).waitFor();
    expect(await page.getByTestId('run-summary').textContent()).toContain('simulated');
    await check('Run detail');
    await page.getByTestId('job-row').first().click();
    await page.getByTestId('job-panel').getByRole('heading', { name: 'Parsed fields' }).waitFor();
    await check('Run detail with the job panel');
    await shot(page, `run-detail-${scheme}`, scheme === 'dark' ? 'docs' : 'results');
    await page.keyboard.press('Escape');

    await page.getByRole('link', { name: 'Compare models' }).click();
    await page.getByTestId('compare-row').nth(1).waitFor();
    await check('Compare');
    await shot(page, `compare-${scheme}`);

    await page.goBack();
    await page.getByRole('button', { name: 'Export…' }).click();
    await page.getByRole('dialog', { name: 'Export results' }).waitFor();
    await check('Export dialog');
    await shot(page, `export-${scheme}`);
    await page.getByRole('button', { name: 'Close' }).click();

    await nav.getByRole('link', { name: /^Runs/ }).click();
    await page.getByTestId('run-row').first().waitFor();
    await check('Runs with a run');

    await nav.getByRole('link', { name: /Settings/ }).click();
    await page.getByTestId('key-openai').waitFor();
    await page.getByRole('button', { name: 'Save settings' }).waitFor();
    await check('Settings');
    await shot(page, `settings-${scheme}`, scheme === 'dark' ? 'docs' : 'results');

    await nav.getByRole('link', { name: /Models/ }).click();
    await page.getByRole('heading', { name: 'demo' }).waitFor();
    await check('Models');
  }, 120_000);
});
