// The new-run screen in Chromium: a CSV of N rows dropped on it until the estimate shows (issue 16: ≤ 5 s at
// 100,000 rows). Project: the real app (`batchdesk serve` stack in this process, built renderer, Debian Chromium):
// model chosen, the CSV dropped, the template filled in as soon as the dataset is listed, then the wait for the
// estimate row with the row count. Roofline: a page that reads the dropped file and counts its rows. Both are timed
// in the page, from the drop event; the File is built in the page before the clock starts.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { startInProcess, type RunningApp } from '../../test/e2e/helpers/app.ts';
import { ensureRendererBuilt } from '../../test/e2e/helpers/renderer-build.ts';
import type { Case } from '../harness.ts';
import { prompt } from '../data.ts';
import { CHROMIUM } from '../cases/run-detail.ts';

const MODEL = 'openai/gpt-4.1-mini';

/** What the in-page code uses of the DOM (this file is type-checked with Node's lib, not the DOM's). */
interface PageGlobals {
  document: { querySelector(selector: string): { dispatchEvent(event: unknown): void; textContent: string | null } | null; body: { innerHTML: string } };
  DataTransfer: new () => { items: { add(file: unknown): void } };
  DragEvent: new (type: string, init: Record<string, unknown>) => unknown;
  File: new (parts: unknown[], name: string, options: { type: string }) => unknown;
  atob(text: string): string;
  __bench?: { file: unknown; droppedAt: number };
}

async function openPage(): Promise<{ browser: Browser; page: Page }> {
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'] });
  const page = await browser.newPage({ viewport: { width: 1360, height: 900 } });
  return { browser, page };
}

/** Build the File in the page (untimed), in slices so no single string holds the whole base64 twice. */
async function stageFile(page: Page, name: string, bytes: Buffer): Promise<void> {
  await page.evaluate(() => void ((globalThis as unknown as { __parts: unknown[] }).__parts = []));
  const slice = 3 * (1 << 20);
  for (let at = 0; at < bytes.length; at += slice) {
    await page.evaluate((b64) => {
      const binary = atob(b64);
      const part = new Uint8Array(binary.length);
      for (let i = 0; i < binary.length; i++) part[i] = binary.charCodeAt(i);
      (globalThis as unknown as { __parts: unknown[] }).__parts.push(part);
    }, bytes.subarray(at, at + slice).toString('base64'));
  }
  await page.evaluate((fileName) => {
    const g = globalThis as unknown as PageGlobals & { __parts: unknown[] };
    g.__bench = { file: new g.File(g.__parts, fileName, { type: 'text/csv' }), droppedAt: 0 };
  }, name);
}

/** Drop the staged file on `selector` the way the OS does, and note the time in the page. */
async function drop(page: Page, selector: string): Promise<void> {
  await page.evaluate((target) => {
    const g = globalThis as unknown as PageGlobals;
    const element = g.document.querySelector(target);
    if (!element) throw new Error(`no drop target ${target}`);
    const transfer = new g.DataTransfer();
    transfer.items.add(g.__bench!.file);
    g.__bench!.droppedAt = performance.now();
    for (const type of ['dragenter', 'dragover', 'drop']) element.dispatchEvent(new g.DragEvent(type, { bubbles: true, cancelable: true, dataTransfer: transfer }));
  }, selector);
}

/** ms from the drop until `selector` holds `text`. */
async function visibleAfterDrop(page: Page, selector: string, text: string, timeout: number): Promise<number> {
  await page.waitForFunction(({ selector, text }) => ((globalThis as unknown as PageGlobals).document.querySelector(selector)?.textContent ?? '').includes(text), { selector, text }, { polling: 'raf', timeout });
  return page.evaluate(() => performance.now() - (globalThis as unknown as PageGlobals).__bench!.droppedAt);
}

/** The CSV of the case: N survey answers of ~150 characters (17 MB at 100,000 rows), written once per size. */
function csvFor(home: string, rows: number): { path: string; template: string } {
  const path = join(home, `answers-${rows}.csv`);
  if (!existsSync(path)) writeFileSync(path, ['id,answer,group', ...Array.from({ length: rows }, (_, i) => `r${i},"${prompt(i).slice(0, 150)}",g${i % 7}`)].join('\n') + '\n');
  return { path, template: 'Classify the experience described in this answer: {{answer}}' };
}

export function project(home: string, rows: number): Case {
  let app: RunningApp;
  let session: { browser: Browser; page: Page };
  const { path, template } = csvFor(home, rows);
  return {
    async prepare() {
      await ensureRendererBuilt();
      app = await startInProcess({ env: { OPENAI_API_KEY: 'sk-bench-openai' } });
      session = await openPage();
      await session.page.goto(`${app.url}#/new`);
      await session.page.getByRole('checkbox', { name: MODEL, exact: false }).check();
      await stageFile(session.page, 'answers.csv', readFileSync(path));
    },
    async run() {
      try {
        const { page } = session;
        await drop(page, '[data-testid="dropzone"]');
        await page.getByLabel('Template (one request per dataset row)').fill(template, { timeout: 120_000 });
        const estimate_visible_ms = await visibleAfterDrop(page, '[data-testid="estimate-row"]', rows.toLocaleString('en-US'), 180_000);
        // Where the time went, from the page's resource timings: the upload, the describe and the last estimate.
        const spans = await page.evaluate(() =>
          performance.getEntriesByType('resource').map((e) => ({ name: e.name, duration: e.duration })),
        );
        const longest = (pattern: RegExp) => Math.max(0, ...spans.filter((e) => pattern.test(e.name)).map((e) => e.duration));
        return { estimate_visible_ms, upload_ms: longest(/\/api\/upload/), describe_ms: longest(/files\.describe/), estimate_ms: longest(/runs\.estimate/) };
      } finally {
        await session.browser.close();
        await app.close();
      }
    },
  };
}

const ROOFLINE_PAGE = `<!doctype html><html><body>
<div data-testid="dropzone" style="height:200px;border:1px dashed">drop</div><div id="count"></div>
<script>
const zone = document.querySelector('[data-testid="dropzone"]');
zone.addEventListener('dragover', (e) => e.preventDefault());
zone.addEventListener('drop', async (e) => {
  e.preventDefault();
  const text = await e.dataTransfer.files[0].text();
  let rows = -1;
  for (let i = text.indexOf('\\n'); i !== -1; i = text.indexOf('\\n', i + 1)) rows += 1;
  document.getElementById('count').textContent = rows.toLocaleString('en-US') + ' rows';
});
</script></body></html>`;

export function roofline(home: string, rows: number): Case {
  let session: { browser: Browser; page: Page };
  const { path } = csvFor(home, rows);
  return {
    async prepare() {
      session = await openPage();
      await session.page.goto(`data:text/html,${encodeURIComponent(ROOFLINE_PAGE)}`);
      await stageFile(session.page, 'answers.csv', readFileSync(path));
    },
    async run() {
      try {
        await drop(session.page, '[data-testid="dropzone"]');
        return { estimate_visible_ms: await visibleAfterDrop(session.page, '#count', `${rows.toLocaleString('en-US')} rows`, 60_000) };
      } finally {
        await session.browser.close();
      }
    },
  };
}
