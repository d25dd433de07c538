// The Electron security gate CI runs (scripts/electronegativity.mjs): src/ passes, and an insecure app fails it.
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

const root = resolve(import.meta.dirname, '../../..');
const script = join(root, 'scripts/electronegativity.mjs');
const scratch = mkdtempSync(join(tmpdir(), 'bd-eng-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

function scan(input: string) {
  const report = join(scratch, `${Math.random().toString(36).slice(2)}.csv`);
  const run = spawnSync(process.execPath, [script, input, report], {
    cwd: root,
    encoding: 'utf8',
    timeout: 120_000,
  });
  return { status: run.status, output: `${run.stdout}\n${run.stderr}`, report };
}

describe('electronegativity', () => {
  it('finds nothing of MEDIUM severity or above in src/', () => {
    const result = scan(join(root, 'src'));
    expect(result.status, result.output).toBe(0);
    expect(result.output).toMatch(/no finding of MEDIUM severity or above/);
  }, 120_000);

  it('fails an app with the classic mistakes, naming them', () => {
    const app = join(scratch, 'insecure');
    rmSync(app, { recursive: true, force: true });
    mkdirSync(app, { recursive: true });
    writeFileSync(
      join(app, 'main.js'),
      [
        "const { app, BrowserWindow, shell } = require('electron');",
        'app.whenReady().then(() => {',
        '  const win = new BrowserWindow({ webPreferences: { nodeIntegration: true, contextIsolation: false, sandbox: false, webSecurity: false } });',
        "  win.webContents.on('new-window', (e, url) => shell.openExternal(url));",
        "  win.loadURL('http://example.com/');",
        '});',
      ].join('\n'),
    );
    const result = scan(app);
    expect(result.status).toBe(1);
    for (const id of [
      'CONTEXT_ISOLATION_JS_CHECK',
      'SANDBOX_JS_CHECK',
      'WEB_SECURITY_JS_CHECK',
      'OPEN_EXTERNAL_JS_CHECK',
    ])
      expect(result.output).toContain(id);
  }, 120_000);
});
