#!/usr/bin/env node
// Run before `electron-vite dev` (npm start) and before packaging (npm run package): checks that the native
// modules the main process loads are Node-API (N-API) binaries, which load unchanged in Node and in Electron, so
// nothing is ever rebuilt for Electron and `npm test` (plain Node) and `npm start` share one node_modules.
// Why this holds and what to do when it does not: docs/native-modules.md.
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(join(root, 'package.json'));

/** What kind of Node addon a binary is, read from its exported symbol names (ELF, Mach-O and PE alike). */
export function addonKind(file) {
  if (!existsSync(file)) return 'missing';
  const bytes = readFileSync(file);
  // A Node-API addon exports napi_register_module_v1; one built against one Node ABI exports node_register_module_vNNN.
  if (bytes.includes('node_register_module_v')) return 'abi-specific';
  return bytes.includes('napi_register_module_v1') ? 'node-api' : 'unknown';
}

function isMusl() {
  if (process.platform !== 'linux') return false;
  return !process.report?.getReport().header.glibcVersionRuntime;
}

/** The binary better-sqlite3 loads by default: a local build if one was made on purpose, else its prebuild. */
export function sqliteBinary(packageDir, platform = process.platform, arch = process.arch, musl = isMusl()) {
  for (const build of ['Debug', 'Release']) {
    const file = join(packageDir, 'build', build, 'better_sqlite3.node');
    if (existsSync(file)) return file;
  }
  return join(packageDir, 'prebuilds', `${musl ? 'linuxmusl' : platform}-${arch}.node`);
}

export function keytarBinary(packageDir) {
  return join(packageDir, 'build', 'Release', 'keytar.node');
}

function packageDir(name) {
  try {
    return dirname(require.resolve(`${name}/package.json`));
  } catch {
    return null;
  }
}

/** One line per module: ok, or what is wrong and how to fix it. `required` modules fail the check. */
export function checkNativeModules() {
  const problems = [];
  const notes = [];
  const sqliteDir = packageDir('better-sqlite3');
  if (!sqliteDir) {
    problems.push('better-sqlite3 is not installed: run `npm install`.');
  } else {
    const file = sqliteBinary(sqliteDir);
    const kind = addonKind(file);
    if (kind === 'node-api')
      notes.push(`better-sqlite3: Node-API binary ${file} (loads in Node and Electron)`);
    else if (kind === 'missing') {
      problems.push(
        `better-sqlite3 has no binary for ${process.platform}-${process.arch} (looked for ${file}). Its npm package ships ` +
          'Node-API prebuilds for linux, linuxmusl, darwin and win32 on x64 and arm64; on any other platform build it from ' +
          'source with `npm rebuild better-sqlite3 --build-from-source` (needs a C++ toolchain and Python).',
      );
    } else {
      problems.push(
        `better-sqlite3: ${file} is not a Node-API binary (${kind}); delete its build/ folder and run \`npm rebuild better-sqlite3\`.`,
      );
    }
  }
  const keytarDir = packageDir('keytar');
  const keytarProblem = (text) =>
    (process.env.npm_lifecycle_event === 'package' ? problems : notes).push(text);
  if (!keytarDir)
    keytarProblem(
      'keytar is not installed: API keys can then only come from environment variables. Run `npm install`.',
    );
  else {
    const file = keytarBinary(keytarDir);
    const kind = addonKind(file);
    if (kind === 'node-api') notes.push(`keytar: Node-API binary ${file} (loads in Node and Electron)`);
    else if (kind === 'missing') {
      keytarProblem(
        `keytar has no binary (${file}): its install step could neither download a prebuild nor compile one. ` +
          'On Debian/Ubuntu: `sudo apt-get install libsecret-1-dev` then `npm rebuild keytar`. Without it the app ' +
          'still runs, with API keys from environment variables only.',
      );
    } else keytarProblem(`keytar: ${file} is not a Node-API binary (${kind}); run \`npm rebuild keytar\`.`);
  }
  return { problems, notes };
}

if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) {
  const { problems, notes } = checkNativeModules();
  for (const note of notes) console.log(`native modules: ${note}`);
  for (const problem of problems) console.error(`native modules: ${problem}`);
  if (problems.length) {
    console.error('native modules: see docs/native-modules.md');
    process.exit(1);
  }
}
