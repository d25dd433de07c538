// Steps several e2e tests share: build a run on the New run screen, wait for a run to finish, export.
import { readFileSync } from 'node:fs';
import { parse } from 'csv-parse/sync';
import type { Page } from 'playwright-core';
import { expect } from 'vitest';

export const OPENAI_MODEL = 'openai/gpt-4.1-mini';
export const ANTHROPIC_MODEL = 'anthropic/claude-haiku-4-5';

export async function chooseModels(page: Page, models: string[]): Promise<void> {
  for (const model of models) await page.getByRole('checkbox', { name: model, exact: false }).check();
}

export async function waitForRunStatus(page: Page, statuses: string[], timeout = 60_000): Promise<string> {
  const status = page.getByTestId('run-status');
  await expect
    .poll(async () => (await status.textContent().catch(() => '')) ?? '', { timeout, interval: 250 })
    .toSatisfy((s: string) => statuses.includes(s));
  return (await status.textContent()) ?? '';
}

export async function exportCsv(
  page: Page,
  check?: (dialog: ReturnType<Page['getByRole']>) => Promise<void>,
): Promise<Record<string, string>[]> {
  await page.getByRole('button', { name: 'Export…' }).click();
  const dialog = page.getByRole('dialog', { name: 'Export results' });
  await dialog.getByRole('radio', { name: 'CSV' }).check();
  if (check) await check(dialog);
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    dialog.getByRole('button', { name: 'Export', exact: true }).click(),
  ]);
  const path = await download.path();
  await dialog.getByRole('button', { name: 'Close' }).click();
  return parse(readFileSync(path), { columns: true, skip_empty_lines: true }) as Record<string, string>[];
}

/** Rows of the virtualised jobs table currently in the DOM that have loaded. */
export async function loadedJobRows(page: Page): Promise<number> {
  return page.locator('[data-testid="job-row"]:not(:has-text("loading row"))').count();
}
