#!/usr/bin/env node
// CI: what a new user does, checked. Clone this repository (its committed HEAD) into a temporary folder, run
// `npm install` there, start `npx batchdesk serve --no-open --port <free port>`, and load the UI with the printed
// token: the page must be the built app (200, its root element and script), not the 503 "not built yet" page.
// The token goes in an `Authorization: Bearer` header, so the check holds however the browser keeps it.
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const scratch = mkdtempSync(join(tmpdir(), 'batchdesk-fresh-clone-'));
const clone = join(scratch, 'batchdesk');

function run(command, args, cwd) {
  console.log(`$ ${command} ${args.join(' ')}`);
  const result = spawnSync(command, args, { cwd, stdio: 'inherit' });
  if (result.status !== 0)
    throw new Error(`${command} ${args.join(' ')} exited with ${result.status ?? result.signal}`);
}

async function freePort() {
  const server = createServer();
  await new Promise((done) => server.listen(0, '127.0.0.1', done));
  const { port } = server.address();
  await new Promise((done) => server.close(done));
  return port;
}

/** Start `batchdesk serve` and wait for the URL it prints; the token may travel as ?token= or #token=. */
function startServe(port) {
  const env = { ...process.env, BATCHDESK_HOME: join(scratch, 'home'), BATCHDESK_KEYCHAIN: 'off' };
  delete env.BATCHDESK_SERVE_TOKEN;
  const child = spawn('npx', ['batchdesk', 'serve', '--no-open', '--port', String(port)], {
    cwd: clone,
    env,
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const printed = new Promise((done, fail) => {
    const timer = setTimeout(() => fail(new Error(`serve printed no URL within 60 s:\n${output}`)), 60_000);
    const onData = (data) => {
      output += data;
      const match = /http:\/\/127\.0\.0\.1:(\d+)\/\S*?[?#&]token=([\w-]+)/.exec(output);
      if (match) {
        clearTimeout(timer);
        done({ origin: `http://127.0.0.1:${match[1]}`, token: match[2] });
      }
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    child.on('exit', (code) => {
      clearTimeout(timer);
      fail(new Error(`serve exited (${code}) before printing its URL:\n${output}`));
    });
  });
  /** SIGTERM to the whole process group (npx and the server), SIGKILL if it has not stopped within 10 s. */
  const stop = () =>
    new Promise((done) => {
      if (child.exitCode !== null || child.signalCode !== null) return done();
      const kill = (signal) => {
        try {
          process.kill(-child.pid, signal);
        } catch {
          // Already gone.
        }
      };
      const timer = setTimeout(() => kill('SIGKILL'), 10_000);
      child.once('exit', () => {
        clearTimeout(timer);
        done();
      });
      kill('SIGTERM');
    });
  return { printed, stop, output: () => output };
}

async function get(url, token) {
  const response = await fetch(url, { headers: { authorization: `Bearer ${token}` }, redirect: 'manual' });
  return {
    status: response.status,
    type: response.headers.get('content-type') ?? '',
    body: await response.text(),
  };
}

async function checkUi({ origin, token }) {
  const page = await get(`${origin}/`, token);
  if (page.status !== 200 || !page.type.startsWith('text/html') || !page.body.includes('<div id="root">'))
    throw new Error(
      `GET / answered ${page.status} ${page.type}, not the app's page:\n${page.body.slice(0, 500)}`,
    );
  const script = /<script[^>]+src="\.?\/?(assets\/[^"]+\.js)"/.exec(page.body)?.[1];
  if (!script) throw new Error(`the page loads no script from assets/:\n${page.body}`);
  const bundle = await get(`${origin}/${script}`, token);
  if (bundle.status !== 200 || !bundle.type.startsWith('text/javascript'))
    throw new Error(`GET /${script} answered ${bundle.status} ${bundle.type}`);
  console.log(
    `fresh clone: GET / is the app (200, ${page.body.length} bytes), /${script} 200 (${bundle.body.length} bytes)`,
  );
}

let serve;
try {
  run('git', ['clone', '--quiet', root, clone]);
  run('npm', ['install', '--no-audit', '--no-fund'], clone);
  serve = startServe(await freePort());
  await checkUi(await serve.printed);
} catch (error) {
  console.error(`fresh clone: ${error.message}`);
  if (serve) console.error(`serve output:\n${serve.output()}`);
  process.exitCode = 1;
} finally {
  await serve?.stop();
  rmSync(scratch, { recursive: true, force: true });
}
