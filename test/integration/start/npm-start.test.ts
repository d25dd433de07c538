// Issue 17: `npm start` on a fresh clone. It fetches Electron's binary through Electron's own installer (here from
// a mirror on 127.0.0.1 serving a stub), then electron-vite builds the main process and launches that binary on
// it. Offline it names the download address it tried and the ways on (mirror, unpacked folder, proxy) and exits
// non-zero. ELECTRON_EXEC_PATH and ELECTRON_OVERRIDE_DIST_PATH point it at an Electron without any download.
//
// Each test runs the real `npm start` in a throwaway copy of the project: package.json and scripts/ copied, src/
// and the packages linked, and node_modules/electron copied without any downloaded binary. So the build writes to
// the copy's own out/, and a developer machine that already has Electron's binary still takes the download path.
import { spawn } from 'node:child_process';
import {
  copyFileSync,
  cpSync,
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  statSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { createServer } from 'node:net';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tempDir } from '../../helpers/cli.ts';
import { startElectronMirror } from './electron-mirror.ts';

const ROOT = resolve(import.meta.dirname, '../../..');
const LINKED = [
  'src',
  'electron.vite.config.ts',
  ...readdirSync(ROOT).filter((name) => /^tsconfig.*\.json$/.test(name)),
];
const ELECTRON_FILES = ['package.json', 'index.js', 'install.js', 'cli.js', 'checksums.json'];
const { version: ELECTRON_VERSION } = JSON.parse(
  readFileSync(join(ROOT, 'node_modules/electron/package.json'), 'utf8'),
) as { version: string };

function copyProject(dir: string): void {
  copyFileSync(join(ROOT, 'package.json'), join(dir, 'package.json'));
  cpSync(join(ROOT, 'scripts'), join(dir, 'scripts'), { recursive: true });
  for (const name of LINKED) symlinkSync(join(ROOT, name), join(dir, name));
  mkdirSync(join(dir, 'node_modules/electron'), { recursive: true });
  for (const name of readdirSync(join(ROOT, 'node_modules'))) {
    // .vite (Vite's cache) stays out so the dev server writes its own inside the copy.
    if (name === 'electron' || (name.startsWith('.') && name !== '.bin')) continue;
    symlinkSync(join(ROOT, 'node_modules', name), join(dir, 'node_modules', name));
  }
  for (const name of ELECTRON_FILES)
    copyFileSync(join(ROOT, 'node_modules/electron', name), join(dir, 'node_modules/electron', name));
}

/** A loopback port nothing listens on: a download from it fails at once, whatever network the machine has. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  const { port } = server.address() as { port: number };
  await new Promise((done) => server.close(done));
  return port;
}

/** The environment of a user's shell: no Electron overrides, no proxy, no test-runner NODE_ENV. */
function userEnv(extra: Record<string, string>): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [key, value] of Object.entries(process.env))
    if (!/^(ELECTRON_|npm_config_electron_|NODE_ENV$|NODE_USE_ENV_PROXY$)|_PROXY$/i.test(key))
      env[key] = value;
  return { ...env, NO_COLOR: '1', ...extra };
}

interface Outcome {
  code: number | null;
  output: string;
  ms: number;
}

/** `npm start` in `cwd`, in its own process group, killed whole if it outlives `timeoutMs`. */
function npmStart(cwd: string, env: NodeJS.ProcessEnv, timeoutMs = 25_000): Promise<Outcome> {
  const started = Date.now();
  const child = spawn('npm', ['start'], { cwd, env, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout.on('data', (d: Buffer) => (output += d.toString()));
  child.stderr.on('data', (d: Buffer) => (output += d.toString()));
  const timer = setTimeout(() => {
    try {
      process.kill(-child.pid!, 'SIGKILL');
    } catch {
      // The group is already gone.
    }
  }, timeoutMs);
  return new Promise((done, fail) => {
    child.on('error', fail);
    child.on('close', (code) => {
      clearTimeout(timer);
      done({ code, output, ms: Date.now() - started });
    });
  });
}

/** What the stub executable writes when it is launched in Electron's place. */
interface Launch {
  executable: string;
  args: string[];
  cwd: string;
  rendererUrl?: string;
}

/** The source of an executable that records how it was launched into `record` (JSON), then exits 0. */
function stubSource(record: string): string {
  return (
    // getBuiltinModule works in both module systems: the stub runs as ESM in the project and as CommonJS inside
    // node_modules/electron.
    `#!${process.execPath}\n` +
    `process.getBuiltinModule('node:fs').writeFileSync(${JSON.stringify(record)}, JSON.stringify({ executable: process.argv[1], args: process.argv.slice(2), ` +
    `cwd: process.cwd(), rendererUrl: process.env.ELECTRON_RENDERER_URL }));\n`
  );
}

/** The launch proves electron-vite started Electron on the main bundle it has just built in `project`. */
function expectLaunchedOnBuiltMain(launch: Launch, project: string, builtAfter: number): void {
  // Electron is given the project folder ('.') and loads the file package.json's "main" names.
  expect(launch.args).toEqual(['.']);
  expect(resolve(launch.cwd)).toBe(resolve(project));
  const { main } = JSON.parse(readFileSync(join(launch.cwd, 'package.json'), 'utf8')) as { main: string };
  expect(main).toBe('out/main/index.js');
  const entry = join(launch.cwd, main);
  expect(statSync(entry).mtimeMs).toBeGreaterThanOrEqual(builtAfter - 1_000);
  expect(readFileSync(entry, 'utf8')).toMatch(/from "electron"/);
  // The dev server for the renderer was up and its address handed over.
  expect(launch.rendererUrl).toMatch(/^http:\/\/localhost:\d+\/?$/);
}

describe('npm start on a fresh clone', () => {
  const dirs: ReturnType<typeof tempDir>[] = [];
  function project(): { path: string; record: string; stub: string } {
    const dir = tempDir('bd-npm-start-');
    dirs.push(dir);
    copyProject(dir.path);
    const record = join(dir.path, 'stub-launch.json');
    return { path: dir.path, record, stub: stubSource(record) };
  }
  const launched = (record: string) => JSON.parse(readFileSync(record, 'utf8')) as Launch;
  let closedMirror: string;
  beforeAll(async () => {
    closedMirror = `http://127.0.0.1:${await closedPort()}/electron/`;
  });
  afterAll(() => dirs.forEach((dir) => dir.cleanup()));

  it.runIf(process.platform === 'linux')(
    "fetches the binary through Electron's installer from ELECTRON_MIRROR once, then launches it on the built main",
    async () => {
      const app = project();
      const mirror = await startElectronMirror(ELECTRON_VERSION, app.stub);
      try {
        const env = userEnv({
          ELECTRON_MIRROR: mirror.url,
          electron_use_remote_checksums: '1',
          electron_config_cache: join(app.path, 'cache'),
        });
        const started = Date.now();
        const first = await npmStart(app.path, env);
        expect(first.code, first.output).toBe(0);
        const zip = `v${ELECTRON_VERSION}/electron-v${ELECTRON_VERSION}-${process.platform}-${process.arch}.zip`;
        expect(first.output).toContain(
          `fetching the Electron ${ELECTRON_VERSION} binary (once; later starts reuse it) from ${mirror.url}${zip}`,
        );
        expect(mirror.requests).toContain(`/electron/${zip}`);
        const launch = launched(app.record);
        expect(launch.executable).toBe(join(app.path, 'node_modules/electron/dist/electron'));
        expectLaunchedOnBuiltMain(launch, app.path, started);

        const requestsBefore = mirror.requests.length;
        const second = await npmStart(app.path, env);
        expect(second.code, second.output).toBe(0);
        expect(second.output).not.toContain('fetching the Electron');
        expect(mirror.requests.length).toBe(requestsBefore);
      } finally {
        await mirror.close();
      }
    },
    60_000,
  );

  it('without a reachable download, says what it tried and how to go on, and exits non-zero quickly', async () => {
    const app = project();
    const result = await npmStart(app.path, userEnv({ ELECTRON_MIRROR: closedMirror }));
    const url = `${closedMirror}v${ELECTRON_VERSION}/electron-v${ELECTRON_VERSION}-${process.platform}-${process.arch}.zip`;
    expect(result.code, result.output).not.toBe(0);
    expect(result.output).toContain(
      `could not download the Electron ${ELECTRON_VERSION} binary (connect ECONNREFUSED`,
    );
    expect(result.output).toContain(`Tried: ${url}`);
    expect(result.output).toContain('ELECTRON_MIRROR=');
    expect(result.output).toContain('ELECTRON_OVERRIDE_DIST_PATH=');
    expect(result.output).toContain('HTTPS_PROXY=');
    expect(result.output).not.toContain('Electron uninstall');
    expect(result.ms).toBeLessThan(15_000);
    expect(existsSync(app.record)).toBe(false);
  }, 30_000);

  it('with ELECTRON_EXEC_PATH set, electron-vite builds the main process and launches that executable on it', async () => {
    const app = project();
    const stub = join(app.path, 'stub-electron');
    writeFileSync(stub, app.stub, { mode: 0o755 });
    const started = Date.now();
    // The mirror is the closed port: an attempted download would fail the start.
    const result = await npmStart(
      app.path,
      userEnv({ ELECTRON_EXEC_PATH: stub, ELECTRON_MIRROR: closedMirror }),
    );
    expect(result.code, result.output).toBe(0);
    expect(result.output).not.toContain('fetching the Electron');
    const launch = launched(app.record);
    expect(launch.executable).toBe(stub);
    expectLaunchedOnBuiltMain(launch, app.path, started);
  }, 30_000);

  it('with ELECTRON_OVERRIDE_DIST_PATH set, launches the Electron in that folder (electron-vite alone ignores it)', async () => {
    const app = project();
    const folder = join(app.path, 'unpacked-electron');
    mkdirSync(folder);
    writeFileSync(join(folder, 'electron'), app.stub, { mode: 0o755 });
    const result = await npmStart(
      app.path,
      userEnv({ ELECTRON_OVERRIDE_DIST_PATH: folder, ELECTRON_MIRROR: closedMirror }),
    );
    expect(result.code, result.output).toBe(0);
    expect(launched(app.record).executable).toBe(join(folder, 'electron'));
  }, 30_000);

  it('with ELECTRON_EXEC_PATH naming a missing file, says so and exits non-zero', async () => {
    const app = project();
    const missing = join(app.path, 'no-such-electron');
    const result = await npmStart(app.path, userEnv({ ELECTRON_EXEC_PATH: missing }));
    expect(result.code).not.toBe(0);
    expect(result.output).toContain(
      `ELECTRON_EXEC_PATH points at ${missing}, which is not an executable file`,
    );
  }, 30_000);
});
