// Acceptance: after setting a key the UI says "set", and the key appears in no DOM text and no network response.
import type { Response } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startInProcess, type RunningApp } from './helpers/app.ts';
import { openBrowser, shot, type Session } from './helpers/browser.ts';
import { ensureRendererBuilt } from './helpers/renderer-build.ts';

const KEY = 'sk-e2e-canary-7f3a9c1d5e8b2f4a6c0d';

let app: RunningApp;
let session: Session;
const bodies: Promise<string>[] = [];

beforeAll(async () => {
  await ensureRendererBuilt();
  // No keys in the environment: the keychain (an in-memory one here) is where the UI's key goes.
  app = await startInProcess({ env: {} });
  session = await openBrowser(`${app.url}#/settings`);
  const keep = (response: Response) => {
    if ((response.headers()['content-type'] ?? '').includes('text/event-stream')) return;
    bodies.push(response.text().catch(() => ''));
  };
  session.page.on('response', keep);
}, 180_000);

afterAll(async () => {
  await session?.close();
  await app?.close();
});

describe('settings: API keys', () => {
  it('says "set" after a key is saved and never shows or returns the key', async () => {
    const { page } = session;
    const status = page.getByTestId('key-status-openai');
    await expect.poll(() => status.textContent()).toBe('not set');
    await shot(page, 'settings-before-key');

    await page.getByTestId('key-openai').getByLabel('API key', { exact: true }).fill(KEY);
    await page.getByTestId('key-openai').getByRole('button', { name: 'Save key' }).click();
    await expect.poll(() => status.textContent()).toBe('set');
    expect(await page.getByTestId('key-openai').textContent()).toContain('in the OS keychain');
    await shot(page, 'settings', 'docs');

    // The models list learns "key set" too.
    await page
      .getByRole('navigation', { name: 'Main' })
      .getByRole('link', { name: /Models/ })
      .click();
    await page.getByRole('heading', { name: 'openai' }).waitFor();
    await shot(page, 'models', 'docs');
    await page
      .getByRole('navigation', { name: 'Main' })
      .getByRole('link', { name: /Settings/ })
      .click();
    await expect.poll(() => status.textContent()).toBe('set');

    const html = await page.content();
    const text = await page.evaluate(() => document.body.innerText);
    const inputs = await page.evaluate(() =>
      [...document.querySelectorAll('input')].map((i) => i.value).join('\n'),
    );
    expect(html).not.toContain(KEY);
    expect(text).not.toContain(KEY);
    expect(inputs).not.toContain(KEY);
    const responses = await Promise.all(bodies);
    expect(responses.length).toBeGreaterThan(3);
    expect(responses.filter((b) => b.includes(KEY))).toEqual([]);
    expect(responses.filter((b) => b.includes('canary'))).toEqual([]);

    // Replace and delete go through the same door and still say only set / not set.
    await page.getByTestId('key-openai').getByRole('button', { name: 'Delete' }).click();
    await expect.poll(() => status.textContent()).toBe('not set');
  }, 120_000);
});
