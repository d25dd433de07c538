// Issue 19 acceptance in Chromium: the Embeddings mode of the New run screen. Drop two text files, choose the demo
// embedding model (Anthropic is said to have none), see the estimate (input tokens only, no output tokens), run
// on the demo to completion, and export the vectors: the NumPy download brings its ids file, Parquet its magic.
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startInProcess, type RunningApp } from './helpers/app.ts';
import { dropFiles, fileOf, openBrowser, shot, type Session } from './helpers/browser.ts';
import { ensureRendererBuilt } from './helpers/renderer-build.ts';
import { waitForRunStatus } from './helpers/steps.ts';

let app: RunningApp;
let session: Session;

beforeAll(async () => {
  await ensureRendererBuilt();
  app = await startInProcess({ env: {} });
  session = await openBrowser(`${app.url}#/new`);
}, 180_000);

afterAll(async () => {
  await session?.close();
  await app?.close();
});

describe('Embeddings mode', () => {
  it('picks files and a model, shows the estimate, runs on the demo and exports the vectors', async () => {
    const { page } = session;
    await page.getByRole('heading', { name: 'New run', level: 1 }).waitFor();
    await page.getByRole('radio', { name: /Embeddings/ }).check();
    const mode = page.getByTestId('embeddings-mode');
    await mode.waitFor();
    await expect.poll(() => mode.getByTestId('no-anthropic-embeddings').textContent()).toMatch(/Anthropic has no embeddings API/);
    expect(await mode.getByRole('checkbox', { name: /anthropic/ }).count()).toBe(0);

    const long = 'The river carried sediment to the delta while the glacier retreated. '.repeat(60);
    await dropFiles(page, '[data-testid="dropzone"]', [fileOf('long.txt', 'text/plain', long), fileOf('short.txt', 'text/plain', 'Glaciers retreat in warm summers.')]);
    await expect.poll(() => page.getByTestId('file-row').count()).toBe(2);
    await mode.getByRole('checkbox', { name: 'demo/embed' }).check();
    await mode.getByLabel('Tokens per chunk').fill('200');
    await mode.getByLabel('Overlap (tokens)').fill('20');

    const row = page.getByTestId('estimate-row').filter({ hasText: 'demo/embed' });
    await row.waitFor({ timeout: 15_000 });
    const cells = await row.locator('td').allTextContents();
    // jobs: the long file in several chunks plus the short one; output tokens: none.
    expect(Number(cells[0]!.replace(/,/g, ''))).toBeGreaterThan(3);
    expect(cells[2]).toBe('0');
    expect(cells.join(' ')).toMatch(/\$/);
    await shot(page, 'new-run-embeddings-estimate', 'docs', page.getByTestId('estimate-table'));

    await mode.getByRole('button', { name: 'Start embeddings run' }).click();
    await page.waitForURL(/#\/runs\/.+/);
    await waitForRunStatus(page, ['completed'], 90_000);

    await page.getByRole('button', { name: 'Export…' }).click();
    const dialog = page.getByRole('dialog', { name: 'Export results' });
    await dialog.getByRole('radio', { name: /NumPy/ }).check();
    const downloads: { name: string; path: string }[] = [];
    page.on('download', (d) => void d.path().then((path) => downloads.push({ name: d.suggestedFilename(), path })));
    await dialog.getByRole('button', { name: 'Export', exact: true }).click();
    await expect.poll(() => downloads.length, { timeout: 15_000 }).toBe(2);
    const npy = downloads.find((d) => d.name.endsWith('.npy'))!;
    const ids = readFileSync(downloads.find((d) => d.name.endsWith('.ids.txt'))!.path, 'utf8').trim().split('\n');
    const bytes = readFileSync(npy.path);
    expect(bytes.subarray(10, 10 + bytes.readUInt16LE(8)).toString('latin1')).toContain(`'shape': (${ids.length}, 1536)`);
    // Dropped files are uploaded side by side, so their order in the run is not fixed; their chunks' is.
    expect(ids).toContain('short.txt');
    const chunks = ids.filter((id) => id.startsWith('long.txt#'));
    expect(chunks.length).toBeGreaterThan(2);
    expect(chunks).toEqual(chunks.map((_, i) => `long.txt#${i}`));

    await dialog.getByRole('radio', { name: 'Parquet' }).check();
    await dialog.getByRole('button', { name: 'Export', exact: true }).click();
    await expect.poll(() => downloads.length, { timeout: 15_000 }).toBe(3);
    expect(readFileSync(downloads[2]!.path).subarray(0, 4).toString()).toBe('PAR1');
  }, 150_000);
});
