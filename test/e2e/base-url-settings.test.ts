// Acceptance (issue 14): a provider's base URL is where its key goes. In the browser, Settings asks for an explicit
// confirmation before changing one, lists the change with who made it, and a live run of that provider shows the
// change in its warnings and timeline.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createService } from '../../src/main/api/service/index.ts';
import { startInProcess, type RunningApp } from './helpers/app.ts';
import { openBrowser, shot, type Session } from './helpers/browser.ts';
import { ensureRendererBuilt } from './helpers/renderer-build.ts';

const PROXY = 'https://proxy.example/v1';
let app: RunningApp;
let session: Session;
let runId = '';

beforeAll(async () => {
  await ensureRendererBuilt();
  app = await startInProcess({ env: { OPENAI_API_KEY: 'sk-e2e-not-real-0000' } });
  const note = join(app.home, 'note.txt');
  writeFileSync(note, 'a note');
  // A run made on this computer (the CLI's way), scheduled for later so nothing is sent.
  const created = await createService(app.host!).invoke('runs.create', { files: [note], models: ['openai/gpt-4.1-mini'], prompt: 'P', scheduled_at: Date.now() + 3_600_000 });
  if (!created.ok) throw new Error(created.error.message);
  runId = (created.value as { run_id: string }).run_id;
  session = await openBrowser(`${app.url}#/settings`);
}, 180_000);

afterAll(async () => {
  await session?.close();
  await app?.close();
});

describe('settings: provider base URLs', () => {
  it('asks for a confirmation, then lists the change and warns the live run', async () => {
    const { page } = session;
    await page.getByLabel('openai', { exact: true }).fill('http://proxy.example/v1');
    await page.getByText('must use https://').first().waitFor();
    await page.getByLabel('openai', { exact: true }).fill(PROXY);
    await page.getByRole('button', { name: 'Save settings' }).click();
    await page.getByRole('alert').getByText(/Tick the confirmation/).waitFor();
    expect(app.host!.store.settings.get('base_urls')).toBeUndefined();

    await page.getByRole('checkbox', { name: /my openai API key will be sent/ }).check();
    await page.getByRole('button', { name: 'Save settings' }).click();
    await page.getByRole('status').getByText('Settings saved.').waitFor();
    const log = page.getByRole('list', { name: 'Base URL changes, newest first' });
    await log.getByText(/openai: the provider's own API → https:\/\/proxy\.example\/v1/).waitFor();
    expect(await log.textContent()).toContain('local server');
    await shot(page, 'settings-base-url-change');

    await page.goto(`${app.origin}/#/runs/${runId}`);
    const warnings = page.getByRole('region', { name: 'Warnings' });
    await warnings.getByText(/openai base URL was changed/).waitFor();
    expect(await page.getByRole('list', { name: 'Status timeline' }).textContent()).toContain(PROXY);
  }, 120_000);
});
