// Acceptance (issue 17, item 3): progress tells the truth. A demo run of three notes, one of which the demo fails
// ([[fail]]), whose batch ends between two of the monitor's checks: the estimate says "typically $a, at most $b"; while the batch runs its row
// shows the provider's counts labelled as such and the next check time; "Check now" gets the result long before
// that check; the finished batch row and the run then agree ("2 succeeded, 1 failed", where the demo itself reported
// 3 succeeded); the bars are segmented; the chart is a step chart with samples, a "now"/end point and labelled axes;
// every dollar figure follows one rule. A pilot's banner waits for the pilot to end.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startInProcess, type RunningApp } from './helpers/app.ts';
import { dropFiles, fileOf, openBrowser, shot, type Session } from './helpers/browser.ts';
import { ensureRendererBuilt } from './helpers/renderer-build.ts';
import { chooseModels, waitForRunStatus } from './helpers/steps.ts';

let app: RunningApp;
let session: Session;

beforeAll(async () => {
  await ensureRendererBuilt();
  // The monitor looks at a new batch after 5, 10 and 20 s, then 40 s, then once a minute. The demo batch ends at 22 s,
  // between the 20 s and the 40 s checks: "Check now" must be what finishes this run, with 18 s to spare on a busy
  // machine (a batch ending before the 5 s check would race the monitor's own look).
  app = await startInProcess({ env: { BATCHDESK_DEMO_SECONDS: '22', BATCHDESK_POLL_INTERVAL_MS: '60000' } });
  session = await openBrowser(`${app.url}#/new`);
}, 180_000);

afterAll(async () => {
  await session?.close();
  await app?.close();
});

/** Every dollar figure on the page: two significant digits below $1, cents from $1. */
function badMoney(text: string): string[] {
  return [...text.matchAll(/\$([0-9][0-9,]*(?:\.[0-9]+)?)/g)]
    .map((m) => m[1]!)
    .filter((figure) => {
      const value = Number(figure.replace(/,/g, ''));
      if (value === 0) return false;
      if (value >= 1) return !/\.\d\d$/.test(figure);
      return figure.replace(/^0\.0*/, '').length !== 2;
    });
}

describe('honest progress', () => {
  it('shows one truth for counts, a step chart, Check now, and one money format', async () => {
    const { page } = session;
    await page.getByRole('heading', { name: 'New run', level: 1 }).waitFor();
    await dropFiles(page, '[data-testid="dropzone"]', [
      fileOf('a.txt', 'text/plain', 'A note about rivers and their floods over the years.'),
      fileOf('b.txt', 'text/plain', 'A note about bridges [[fail]] that the demo refuses.'),
      fileOf('c.txt', 'text/plain', 'A note about harbours and ships.'),
    ]);
    await expect.poll(() => page.locator('[data-testid="file-row"] .ok').count()).toBe(3);
    await page.getByLabel('Prompt', { exact: true }).fill('Say what this note is about.');
    await chooseModels(page, ['demo/echo']);
    const summary = page.getByTestId('estimate-summary');
    await summary.waitFor({ timeout: 15_000 });
    expect(await summary.textContent()).toMatch(
      /^Typically \$[0-9.]+, at most \$[0-9.]+ \(simulated\), in 1 provider batch\./,
    );
    expect(await page.getByTestId('estimate-total').textContent()).toMatch(/\$[0-9.]+\s*at most \$[0-9.]+/);
    expect(badMoney((await page.locator('main').textContent()) ?? '')).toEqual([]);

    await page.getByRole('button', { name: 'Start run' }).click();
    await page.waitForURL(/#\/runs\/.+/);
    const row = page.getByTestId('batch-row');
    // Submitted, first look done: the demo's own counts, labelled, and when the next look is.
    await row.getByText('(reported by demo)').waitFor({ timeout: 20_000 });
    expect(await row.getByTestId('batch-next-check').textContent()).toMatch(
      /^Next check in (\d+ s|1 min), at /,
    );
    await shot(page, 'progress-1-running', 'docs', page.getByRole('heading', { name: 'Provider batches' }));

    // The demo batch finishes 22 s after it was sent; the next scheduled check is at 40 s. Check now brings the results.
    await page.waitForTimeout(22_500);
    await page.getByRole('button', { name: 'Check now' }).click();
    await page.getByText('Checking the provider batches now.').waitFor();
    await waitForRunStatus(page, ['completed'], 20_000);

    // One truth: the batch row shows the results as stored, which the run adds up; the demo's count is named.
    const counts = (await row.getByTestId('batch-counts').textContent()) ?? '';
    expect(counts).toContain('2 succeeded, 1 failed');
    expect(counts).toContain('(results as stored)');
    expect(await row.textContent()).toContain('demo itself counted 3 succeeded, 0 failed.');
    const runSummary = (await page.getByTestId('run-summary').textContent()) ?? '';
    expect(runSummary).toContain('3 of 3 jobs finished: 2 succeeded, 1 failed');

    // Segments, not one fill: two thirds succeeded, one third failed, in the run bar and the batch bar.
    for (const bar of [
      page.getByRole('progressbar', { name: 'Run progress' }),
      row.getByRole('progressbar'),
    ]) {
      const widths = await bar
        .locator('[data-segment]')
        .evaluateAll((els) =>
          els.map((e) => [
            e.getAttribute('data-segment'),
            Math.round(parseFloat((e as HTMLElement).style.width)),
          ]),
        );
      expect(widths).toEqual([
        ['succeeded', 67],
        ['failed', 33],
      ]);
    }

    // The chart: steps between measured samples, an end point, both axes and time labelled.
    const chart = page.getByTestId('progress-chart');
    const path = (await chart.getByTestId('chart-progress').getAttribute('d')) ?? '';
    expect(path).toMatch(/^M[\d.]+,[\d.]+( H[\d.]+ V[\d.]+)+$/);
    expect(await chart.getByTestId('chart-now').count()).toBe(1);
    const labels = await chart.locator('text').allTextContents();
    expect(labels).toEqual(expect.arrayContaining(['jobs finished', 'time', 'cost (simulated)', '3', '0']));
    expect(labels.some((l) => /^ended /.test(l))).toBe(true);
    expect(badMoney((await page.locator('main').textContent()) ?? '')).toEqual([]);
    await shot(page, 'progress-2-completed', 'docs', page.getByRole('heading', { level: 1 }));
  }, 120_000);

  it('shows the pilot banner only after the pilot has ended', async () => {
    const { page } = session;
    await page.evaluate(() => (location.hash = '#/new'));
    await page.getByRole('heading', { name: 'New run', level: 1 }).waitFor();
    const rows = ['question', ...Array.from({ length: 10 }, (_, i) => `Question ${i + 1}?`)].join('\n');
    await dropFiles(page, '[data-testid="dropzone"]', [fileOf('questions.csv', 'text/csv', rows)]);
    await page.getByTestId('file-row').waitFor();
    await page.getByLabel('Template (one request per dataset row)').fill('Answer: {{question}}');
    await chooseModels(page, ['demo/mini']);
    await page.getByLabel('Send a sample first and wait for me to release the rest').check();
    await page.getByLabel('Sample size (jobs, or a fraction like 0.05)').fill('2');
    await page.getByTestId('estimate-row').waitFor({ timeout: 15_000 });
    await page.getByRole('button', { name: 'Start pilot' }).click();
    await page.waitForURL(/#\/runs\/.+/);
    const banner = page.getByTestId('pilot');
    await banner.waitFor();
    const during = (await banner.textContent()) ?? '';
    expect(during).toContain('Pilot of 2 jobs running');
    expect(during).not.toMatch(/%|\$/);
    // As above: the pilot's batch ends at 22 s, between the monitor's checks at 20 and 40 s.
    await page.waitForTimeout(22_500);
    await page.getByRole('button', { name: 'Check now' }).click();
    await waitForRunStatus(page, ['awaiting release'], 20_000);
    const after = (await banner.textContent()) ?? '';
    expect(after).toMatch(
      /^Pilot of 2 jobs ended: 100% succeeded, cost \$[0-9.]+ \(simulated\); the whole run would cost about \$[0-9.]+ \(simulated\)\. Waiting for you to release the rest\.$/,
    );
  }, 120_000);
});
