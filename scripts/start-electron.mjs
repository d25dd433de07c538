#!/usr/bin/env node
// npm start, after the native-module check: make sure the Electron binary is there, then `electron-vite dev`.
//
// Electron 45 has no install script: its binary (about 100 MB) is fetched by its own installer, which runs on the
// first `require('electron')` or as the `install-electron` command. electron-vite's dev command does neither: it
// reads node_modules/electron/path.txt and throws "Electron uninstall" when the binary was never fetched. So this
// runs Electron's installer first (it does nothing when the binary is there, and reads its download cache), asks
// Electron where its executable is, and hands that to electron-vite through ELECTRON_EXEC_PATH, the variable
// electron-vite honours. ELECTRON_OVERRIDE_DIST_PATH (an Electron unpacked by hand) and ELECTRON_EXEC_PATH (an
// executable given directly) skip the download.
import { spawn, spawnSync } from 'node:child_process';
import { accessSync, constants, existsSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(join(root, 'package.json'));
const electronDir = dirname(require.resolve('electron/package.json'));
const { version } = require('electron/package.json');
const DEFAULT_MIRROR = 'https://github.com/electron/electron/releases/download/';

/** The address Electron's installer (@electron/get) downloads from, with the mirror variables it reads. */
function downloadUrl(env = process.env) {
  const mirror = env.npm_config_electron_mirror || env.ELECTRON_MIRROR || DEFAULT_MIRROR;
  const dir = (env.ELECTRON_CUSTOM_DIR || `v${version}`).replace('{{ version }}', version);
  const file = env.ELECTRON_CUSTOM_FILENAME || `electron-v${version}-${process.platform}-${process.arch}.zip`;
  return `${mirror}${dir}/${file}`;
}

/** Why `url` cannot be fetched, in the network's own words (the installer only says "fetch failed"). */
async function whyUnreachable(url) {
  try {
    const response = await fetch(url, { method: 'HEAD', signal: AbortSignal.timeout(5_000) });
    return response.ok ? null : `HTTP ${response.status}`;
  } catch (error) {
    return error.cause?.message ?? error.message;
  }
}

function fail(lines) {
  console.error(`npm start: ${lines.join('\n')}`);
  process.exit(1);
}

async function installBinary() {
  const url = downloadUrl();
  if (!existsSync(join(electronDir, 'path.txt')))
    console.log(
      `npm start: fetching the Electron ${version} binary (once; later starts reuse it) from ${url}`,
    );
  const installer = spawnSync(process.execPath, [join(electronDir, 'install.js')], { stdio: 'inherit' });
  if (installer.status === 0) return;
  const reason = await whyUnreachable(url);
  const zip = url.slice(url.lastIndexOf('/') + 1);
  fail([
    `could not download the Electron ${version} binary${reason ? ` (${reason})` : ' (see the installer error above)'}.`,
    `  Tried: ${url}`,
    '  To go on, use one of:',
    '    ELECTRON_MIRROR=https://your-mirror/electron/ npm start',
    `        a mirror you can reach; the address ends in / and the mirror holds v${version}/${zip}`,
    '    ELECTRON_OVERRIDE_DIST_PATH=/path/to/folder npm start',
    `        a folder where you unpacked ${zip} (downloaded on a machine that can)`,
    '    NODE_USE_ENV_PROXY=1 HTTPS_PROXY=http://proxy:port npm start',
    '        through a proxy (Node 24, or 22.21 and later)',
    '  The CLI, the library and `batchdesk serve` need no Electron.',
  ]);
}

function checkExecutable(path, from) {
  try {
    if (!statSync(path).isFile()) throw new Error('not a file');
    accessSync(path, constants.X_OK);
  } catch {
    fail([`${from} points at ${path}, which is not an executable file: fix or unset it.`]);
  }
}

if (!process.env.ELECTRON_EXEC_PATH) {
  if (!process.env.ELECTRON_OVERRIDE_DIST_PATH) await installBinary();
  // Electron's own answer: node_modules/electron/dist/<path.txt>, or the same name inside the override folder.
  const from = process.env.ELECTRON_OVERRIDE_DIST_PATH
    ? 'ELECTRON_OVERRIDE_DIST_PATH'
    : 'node_modules/electron/path.txt';
  process.env.ELECTRON_EXEC_PATH = require('electron');
  checkExecutable(process.env.ELECTRON_EXEC_PATH, from);
} else checkExecutable(process.env.ELECTRON_EXEC_PATH, 'ELECTRON_EXEC_PATH');

const electronVite = join(dirname(require.resolve('electron-vite/package.json')), 'bin/electron-vite.js');
const dev = spawn(process.execPath, [electronVite, 'dev', ...process.argv.slice(2)], { stdio: 'inherit' });
for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) process.on(signal, () => dev.kill(signal));
dev.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
