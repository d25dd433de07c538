// Debian's Chromium through playwright-core: a page per test, screenshots per step, axe checks, and real
// DataTransfer drops of File objects made in the page.
import AxeBuilder from '@axe-core/playwright';
import { mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { chromium, type Browser, type BrowserContext, type Locator, type Page } from 'playwright-core';

const ROOT = resolve(import.meta.dirname, '../../..');
export const SCREENSHOTS = join(ROOT, 'docs/screenshots');
export const TEST_RESULTS = join(ROOT, 'test-results/e2e');

export interface Session {
  browser: Browser;
  context: BrowserContext;
  page: Page;
  close(): Promise<void>;
}

export async function openBrowser(
  url: string,
  options: { colorScheme?: 'light' | 'dark' } = {},
): Promise<Session> {
  const browser = await chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'],
  });
  const context = await browser.newContext({
    acceptDownloads: true,
    viewport: { width: 1360, height: 900 },
    colorScheme: options.colorScheme ?? 'light',
  });
  const page = await context.newPage();
  page.on('dialog', (d) => void d.accept());
  await page.goto(url);
  return { browser, context, page, close: () => browser.close() };
}

/**
 * Save a screenshot of this step into test-results; main screens also into docs/screenshots (shown in the
 * README) when BATCHDESK_UPDATE_SCREENSHOTS=1, so an ordinary test run leaves the tracked files alone.
 * `focus` scrolls the part the step is about into view first.
 */
export async function shot(
  page: Page,
  name: string,
  where: 'docs' | 'results' = 'results',
  focus?: Locator,
): Promise<void> {
  const dir = where === 'docs' && process.env.BATCHDESK_UPDATE_SCREENSHOTS === '1' ? SCREENSHOTS : TEST_RESULTS;
  mkdirSync(dir, { recursive: true });
  if (focus) await focus.scrollIntoViewIfNeeded();
  await page.screenshot({ path: join(dir, `${name}.png`) });
}

export async function seriousAxeViolations(page: Page): Promise<string[]> {
  const result = await new AxeBuilder({ page }).analyze();
  return result.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map(
      (v) =>
        `${v.id}: ${v.help} (${v.nodes
          .map((n) => n.target.join(' '))
          .slice(0, 3)
          .join(', ')})`,
    );
}

export interface DropFile {
  name: string;
  type: string;
  base64: string;
}

/** Drop files on an element the way the OS does: File objects in a DataTransfer, dragenter/dragover/drop events. */
export async function dropFiles(page: Page, selector: string, files: DropFile[]): Promise<void> {
  await page.evaluate(
    ({ selector, files }) => {
      const target = document.querySelector(selector);
      if (!target) throw new Error(`no drop target ${selector}`);
      const transfer = new DataTransfer();
      for (const f of files) {
        const bytes = Uint8Array.from(atob(f.base64), (c) => c.charCodeAt(0));
        transfer.items.add(new File([bytes], f.name, { type: f.type }));
      }
      for (const type of ['dragenter', 'dragover', 'drop'])
        target.dispatchEvent(
          new DragEvent(type, { bubbles: true, cancelable: true, dataTransfer: transfer }),
        );
    },
    { selector, files },
  );
}

export const fileOf = (name: string, type: string, bytes: Buffer | string): DropFile => ({
  name,
  type,
  base64: Buffer.from(bytes).toString('base64'),
});
