// Case 5: the run detail of an N-job run in Chromium. Measured in the page: when the first job rows are visible
// (ms since the navigation started), then a scripted scroll of the jobs table to its last row, one step per
// animation frame, recording the longest frame (requestAnimationFrame deltas) and the longest task.
// Project: the real app (`batchdesk serve` stack in this process, built renderer, Debian Chromium).
// Roofline: the same number of rows, in a page that renders a static virtualised list of plain divs.
import { existsSync } from 'node:fs';
import { chromium, type Browser, type Page } from 'playwright-core';
import { startInProcess, type RunningApp } from '../../test/e2e/helpers/app.ts';
import { ensureRendererBuilt } from '../../test/e2e/helpers/renderer-build.ts';
import type { Case } from '../harness.ts';

export const CHROMIUM = '/usr/bin/chromium';
const ROW_HEIGHT = 36;
/** The scroll covers the table in this many frames (~5 s at 60 Hz), whatever the number of rows. */
const SCROLL_STEPS = 300;

/** What the in-page code uses of the DOM (this file is type-checked with Node's lib, not the DOM's). */
interface PageGlobals {
  document: { querySelector(selector: string): PageElement | null; querySelectorAll(selector: string): Iterable<PageElement> };
  requestAnimationFrame(callback: (time: number) => void): number;
  PerformanceObserver: new (callback: (list: { getEntries(): { duration: number }[] }) => void) => { observe(options: { type: string }): void; disconnect(): void };
}
interface PageElement {
  scrollTop: number;
  scrollHeight: number;
  clientHeight: number;
  textContent: string | null;
}

/** Debian's Chromium as the e2e tests launch it (test/e2e/helpers/browser.ts), same window size. */
async function openPage(): Promise<{ browser: Browser; page: Page }> {
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'] });
  const page = await browser.newPage({ viewport: { width: 1360, height: 900 } });
  return { browser, page };
}

/** Runs in the page: wait for the first row, scroll to the end, wait for the last row; report the timings. */
async function measureInPage(page: Page, lastLabel: string): Promise<Record<string, number>> {
  await page.waitForFunction(() => (globalThis as unknown as PageGlobals).document.querySelector('[data-testid="job-row"]') !== null, undefined, { polling: 'raf', timeout: 30_000 });
  const firstRowsMs = await page.evaluate(() => performance.now());
  const scroll = await page.evaluate(
    async ({ steps, lastLabel }) => {
      const { document, requestAnimationFrame, PerformanceObserver } = globalThis as unknown as PageGlobals;
      const frame = () => new Promise<number>((resolve) => requestAnimationFrame(resolve));
      let longestTask = 0;
      const observer = new PerformanceObserver((list) => {
        for (const entry of list.getEntries()) longestTask = Math.max(longestTask, entry.duration);
      });
      observer.observe({ type: 'longtask' });
      const scroller = document.querySelector('[data-testid="jobs-scroll"]')!;
      const hasLast = () => [...document.querySelectorAll('[data-testid="job-row"]')].some((row) => row.textContent?.includes(lastLabel));
      let previous = await frame();
      let longestFrame = 0;
      const next = async () => {
        const now = await frame();
        longestFrame = Math.max(longestFrame, now - previous);
        previous = now;
      };
      const started = performance.now();
      for (let step = 1; step <= steps; step++) {
        scroller.scrollTop = ((scroller.scrollHeight - scroller.clientHeight) * step) / steps;
        await next();
      }
      while (!hasLast()) {
        if (performance.now() - started > 60_000) throw new Error(`the last row (${lastLabel}) never appeared`);
        await next();
      }
      observer.disconnect();
      return { longestFrame, longestTask, scrollMs: performance.now() - started };
    },
    { steps: SCROLL_STEPS, lastLabel },
  );
  return { first_rows_ms: firstRowsMs, longest_frame_ms: scroll.longestFrame, longest_task_ms: scroll.longestTask, scroll_ms: scroll.scrollMs };
}

export function project(home: string, size: number): Case {
  let app: RunningApp;
  let session: { browser: Browser; page: Page };
  return {
    async prepare() {
      await ensureRendererBuilt();
      app = await startInProcess({ env: {}, home });
      session = await openPage();
    },
    async run() {
      try {
        await session.page.goto(`${app.url}#/runs/run_bench_${size}`);
        return await measureInPage(session.page, `row-${size - 1}`);
      } finally {
        await session.browser.close();
        await app.close();
      }
    },
  };
}

/** A static virtualised list: a tall spacer and absolutely placed plain divs for the visible rows only. */
function rooflinePage(size: number): string {
  return `<!doctype html><html><body style="margin:0;font:14px sans-serif">
<div data-testid="jobs-scroll" style="height:26rem;overflow:auto;contain:strict">
<div id="spacer" style="position:relative;height:${size * ROW_HEIGHT}px"></div></div>
<script>
const scroller = document.querySelector('[data-testid="jobs-scroll"]');
const spacer = document.getElementById('spacer');
function render() {
  const first = Math.max(0, Math.floor(scroller.scrollTop / ${ROW_HEIGHT}) - 12);
  const last = Math.min(${size - 1}, Math.ceil((scroller.scrollTop + scroller.clientHeight) / ${ROW_HEIGHT}) + 12);
  const rows = [];
  for (let i = first; i <= last; i++) {
    const row = document.createElement('div');
    row.dataset.testid = 'job-row';
    row.style.cssText = 'position:absolute;left:0;right:0;height:${ROW_HEIGHT}px;top:' + i * ${ROW_HEIGHT} + 'px';
    row.textContent = 'row-' + i + ' succeeded openai/gpt-4.1-mini';
    rows.push(row);
  }
  spacer.replaceChildren(...rows);
}
scroller.addEventListener('scroll', render);
render();
</script></body></html>`;
}

export function roofline(_home: string, size: number): Case {
  let session: { browser: Browser; page: Page };
  return {
    async prepare() {
      session = await openPage();
    },
    async run() {
      try {
        await session.page.goto(`data:text/html,${encodeURIComponent(rooflinePage(size))}`);
        return await measureInPage(session.page, `row-${size - 1}`);
      } finally {
        await session.browser.close();
      }
    },
  };
}

export const chromiumAvailable = (): boolean => existsSync(CHROMIUM);
