// `electron-vite build` as CI runs it, into a scratch folder, and what the bundles must be: the main process takes
// 'electron' only from src/main/electron, native modules stay outside the bundle, the preload is one sandbox-ready
// CommonJS file, and the built page carries the CSP.
//
// How "only from src/main/electron" is proved: the main build writes source maps with the original sources
// embedded. Every module the bundler put into a chunk is listed in that chunk's map with its source text, so
// reading the imports of each listed source finds every module that could have brought 'electron' in.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative, resolve } from 'node:path';
import ts from 'typescript';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { contentSecurityPolicy } from '../../../src/main/electron/csp.ts';

const root = resolve(import.meta.dirname, '../../..');
const out = mkdtempSync(join(tmpdir(), 'bd-bundle-'));
let build: { status: number | null; output: string };

/** Whether a source file imports 'electron' (or a subpath) in any form: import, import type, require, import(). */
function importsElectron(source: string): boolean {
  return ts
    .preProcessFile(source, true, true)
    .importedFiles.some(({ fileName }) => fileName === 'electron' || fileName.startsWith('electron/'));
}

interface BundledModule {
  chunk: string;
  source: string;
  content: string;
}

function jsFiles(dir: string): string[] {
  return readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .filter((name) => name.endsWith('.js'))
    .map((name) => join(dir, name));
}

function bundledModules(chunk: string): BundledModule[] {
  const map = JSON.parse(readFileSync(`${chunk}.map`, 'utf8')) as {
    sources: string[];
    sourcesContent?: (string | null)[];
    sourceRoot?: string;
  };
  expect(map.sourcesContent?.length, `${chunk}.map embeds its sources`).toBe(map.sources.length);
  return map.sources.map((source, i) => ({
    chunk,
    source: relative(root, resolve(dirname(chunk), map.sourceRoot ?? '', source))
      .split('\\')
      .join('/'),
    content: map.sourcesContent![i] ?? '',
  }));
}

beforeAll(() => {
  const bin = join(root, 'node_modules/electron-vite/bin/electron-vite.js');
  const run = spawnSync(process.execPath, [bin, 'build', '--outDir', out, '--logLevel', 'warn'], {
    cwd: root,
    encoding: 'utf8',
    env: { ...process.env, ELECTRON_SKIP_BINARY_DOWNLOAD: '1' },
    timeout: 240_000,
  });
  build = { status: run.status, output: `${run.stdout}\n${run.stderr}` };
}, 300_000);

afterAll(() => rmSync(out, { recursive: true, force: true }));

describe('electron-vite build', () => {
  it('succeeds', () => {
    expect(build.status, build.output).toBe(0);
    for (const file of ['main/index.js', 'preload/index.cjs', 'renderer/index.html'])
      expect(existsSync(join(out, file)), file).toBe(true);
  });
});

describe('the main bundle', () => {
  it("takes 'electron' only from src/main/electron", () => {
    const modules = jsFiles(join(out, 'main')).flatMap(bundledModules);
    expect(modules.map((m) => m.source)).toContain('src/main/electron/index.ts');
    expect(modules.map((m) => m.source)).toContain('src/main/api/service/index.ts');
    const importers = modules.filter((m) => importsElectron(m.content)).map((m) => m.source);
    expect(importers).toContain('src/main/electron/index.ts');
    expect(importers.filter((source) => !source.startsWith('src/main/electron/'))).toEqual([]);
  });

  it("has no chunk without electron code that still loads 'electron'", () => {
    for (const chunk of jsFiles(join(out, 'main'))) {
      const fromElectronDir = bundledModules(chunk).some((m) => m.source.startsWith('src/main/electron/'));
      if (!fromElectronDir)
        expect(readFileSync(chunk, 'utf8'), chunk).not.toMatch(
          /(from\s*|require\(\s*|import\(\s*)["']electron["'/]/,
        );
    }
  });

  it('loads better-sqlite3 and keytar from node_modules at run time, never bundled', () => {
    const code = jsFiles(join(out, 'main'))
      .map((file) => readFileSync(file, 'utf8'))
      .join('\n');
    expect(code).toMatch(/from "better-sqlite3"/);
    expect(code).toMatch(/import\("keytar"\)/);
    expect(
      readdirSync(join(out, 'main'), { recursive: true, encoding: 'utf8' }).filter((name) =>
        name.endsWith('.node'),
      ),
    ).toEqual([]);
  });

  it('the electron check itself sees every form of import', () => {
    expect(importsElectron("import { app } from 'electron';")).toBe(true);
    expect(importsElectron("import type { WebContents } from 'electron/main';")).toBe(true);
    expect(importsElectron("const { shell } = require('electron');")).toBe(true);
    expect(importsElectron("const electron = await import('electron');")).toBe(true);
    expect(importsElectron("import { defineConfig } from 'electron-vite'; // from 'electron'")).toBe(false);
  });
});

describe('the preload bundle', () => {
  const code = () => readFileSync(join(out, 'preload/index.cjs'), 'utf8');

  it('is CommonJS that requires nothing but electron (what a sandboxed preload can load)', () => {
    const required = [...code().matchAll(/require\(\s*["']([^"']+)["']\s*\)/g)].map((m) => m[1]);
    expect(required).toEqual(['electron']);
    expect(code()).not.toMatch(/^\s*(import|export)\s/m);
  });

  it('exposes the contract bridge, never ipcRenderer itself', () => {
    expect(code()).toMatch(/exposeInMainWorld\(\s*"batchdesk"/);
    expect(code()).not.toMatch(/exposeInMainWorld\([^)]*ipcRenderer\s*\)/);
  });
});

describe('the built page', () => {
  it('carries exactly the strict CSP, in a <meta> since file:// has no headers', () => {
    const html = readFileSync(join(out, 'renderer/index.html'), 'utf8');
    const metas = [...html.matchAll(/<meta\s+http-equiv="Content-Security-Policy"\s+content="([^"]*)"/g)].map(
      (m) => m[1],
    );
    expect(metas).toEqual([contentSecurityPolicy({ forMeta: true })]);
  });
});
