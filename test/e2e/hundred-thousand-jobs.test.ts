// Acceptance: a run of 100,000 jobs opens and shows its first rows, and the table scrolls to the last row.
// The run is written straight into a store with the repositories, in one transaction.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Store } from '../../src/main/store/store.ts';
import { startInProcess, tempHome, type RunningApp } from './helpers/app.ts';
import { openBrowser, shot, type Session } from './helpers/browser.ts';
import { ensureRendererBuilt } from './helpers/renderer-build.ts';

const JOBS = 100_000;
const RUN_ID = 'run_100k';
const label = (seq: number) => `doc-${String(seq + 1).padStart(6, '0')}.txt`;

function seedBigRun(home: string): void {
  const store = Store.open(home);
  const now = Date.now();
  store.tx(() => {
    store.runs.insert({
      id: RUN_ID,
      name: 'One hundred thousand abstracts',
      status: 'completed',
      created_at: now - 3_600_000,
      updated_at: now,
      finished_at: now,
      scheduled_at: null,
      deadline_at: null,
      cost_limit_usd: null,
      estimated_usd: 12.5,
      options: { source: 'ui' },
      simulated: false,
    });
    for (let seq = 0; seq < JOBS; seq++) {
      store.jobs.insert({
        run_id: RUN_ID,
        seq,
        id: `job-${seq + 1}`,
        label: label(seq),
        model: 'openai/gpt-4.1-mini',
        provider: 'openai',
        spec: {
          id: `job-${seq + 1}`,
          label: label(seq),
          model: 'openai/gpt-4.1-mini',
          endpoint: 'chat',
          messages: [{ role: 'user', content: `Abstract ${seq + 1}` }],
          params: {},
        },
        status: seq % 50 === 49 ? 'failed' : 'succeeded',
        attempts: 1,
        provider_batch_id: null,
        estimated_input_tokens: 40,
        estimated_output_tokens: 60,
        estimated_usd: 0.000125,
        error: seq % 50 === 49 ? 'server error' : null,
        error_category: seq % 50 === 49 ? 'server' : null,
        updated_at: now,
      });
    }
  });
  store.close();
}

let app: RunningApp;
let session: Session;

beforeAll(async () => {
  await ensureRendererBuilt();
  const home = tempHome();
  const started = Date.now();
  seedBigRun(home);
  expect(Date.now() - started).toBeLessThan(20_000);
  app = await startInProcess({ env: {}, home });
  session = await openBrowser(`${app.url}#/runs/${RUN_ID}`);
}, 180_000);

afterAll(async () => {
  await session?.close();
  await app?.close();
});

describe('a run of 100,000 jobs', () => {
  it('shows the first rows at once and scrolls to the last row', async () => {
    const { page } = session;
    const rows = page.getByTestId('job-row');
    await rows.filter({ hasText: label(0) }).waitFor({ timeout: 15_000 });
    expect(await page.getByRole('heading', { name: /Jobs/ }).textContent()).toContain('100,000');
    // Virtualised: only the visible rows (plus a little overscan) exist in the DOM.
    expect(await rows.count()).toBeLessThan(60);
    await shot(page, 'jobs-100k-top');

    const scroller = page.getByTestId('jobs-scroll');
    const started = Date.now();
    await scroller.evaluate((el) => (el.scrollTop = el.scrollHeight));
    await rows.filter({ hasText: label(JOBS - 1) }).waitFor({ timeout: 15_000 });
    expect(Date.now() - started).toBeLessThan(5_000);
    expect(await rows.count()).toBeLessThan(60);
    await shot(page, 'jobs-100k-bottom', 'docs');

    // Scrolling back and through the middle keeps answering from the right chunk.
    await scroller.evaluate((el) => (el.scrollTop = el.scrollHeight / 2));
    await rows
      .filter({ hasText: /doc-05\d{4}\.txt/ })
      .first()
      .waitFor({ timeout: 10_000 });

    // Filters go to the engine: 2,000 failed jobs; the table grows as it scrolls until the last one.
    await page.getByLabel('Status').selectOption('failed');
    await rows.filter({ hasText: label(49) }).waitFor({ timeout: 10_000 });
    expect(await rows.filter({ hasText: label(0) }).count()).toBe(0);
    const last = rows.filter({ hasText: label(JOBS - 1) });
    await expect
      .poll(
        async () => (await scroller.evaluate((el) => (el.scrollTop = el.scrollHeight)), await last.count()),
        { timeout: 20_000, interval: 200 },
      )
      .toBe(1);
    await expect
      .poll(async () => (await page.getByRole('heading', { name: /Jobs/ }).textContent()) ?? '')
      .toContain('2,000 matching of 100,000');
    await shot(page, 'jobs-100k-filtered');
  }, 120_000);
});
