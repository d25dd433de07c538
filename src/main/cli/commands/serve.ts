// batchdesk serve: the app in a browser, for headless lab servers (reach it through an SSH tunnel). The monitor
// runs in this process, so runs go on while the page is closed; Ctrl-C stops it cleanly.
import { spawn } from 'node:child_process';
import type { Command } from 'commander';
import { NOT_BUILT_MESSAGE, rendererBuilt, DEFAULT_RENDERER_DIR, startLocalServer, TOKEN_PATTERN, type LocalServer } from '../../server/index.ts';
import { openHost, parseNumber, UsageError, type GlobalOptions } from '../io.ts';

/** Open the URL in the default browser, where there is one (never through a shell). */
function openBrowser(url: string): void {
  const [command, args] =
    process.platform === 'darwin' ? ['open', [url]] : process.platform === 'win32' ? ['rundll32', ['url.dll,FileProtocolHandler', url]] : ['xdg-open', [url]];
  try {
    const child = spawn(command, args, { stdio: 'ignore', detached: true });
    child.on('error', () => {});
    child.unref();
  } catch {
    // No browser here (a headless server): the printed URL is enough.
  }
}

/** A fixed token from the environment (scripts keep one API key across restarts), checked for strength. */
function fixedToken(name: 'BATCHDESK_SERVE_TOKEN' | 'BATCHDESK_GATEWAY_TOKEN'): string | undefined {
  const value = process.env[name];
  if (value === undefined || value === '') return undefined;
  if (!TOKEN_PATTERN.test(value)) throw new UsageError(`${name} must be 32 to 512 characters of A-Z a-z 0-9 _ - (e.g. from \`openssl rand -hex 24\`)`);
  return value;
}

const collect = (value: string, previous: string[]) => [...previous, value];

function banner(server: LocalServer, allowDirs: readonly string[]): string {
  return [
    'Batchdesk is running at:',
    `  ${server.url}`,
    'That URL holds the admin token (the UI, settings and keys): do not share it. Press Ctrl-C to stop.',
    '',
    'OpenAI batch scripts (the gateway token opens /v1 only: files and batches):',
    `  OPENAI_BASE_URL=${server.origin}/v1 OPENAI_API_KEY=${server.gatewayToken}`,
    '',
    allowDirs.length ? `Files the UI may name besides uploads: inside ${allowDirs.join(', ')}` : 'Files reach the UI as uploads only (add --allow-dir DIR to let it name files in a folder).',
    '',
  ].join('\n');
}

export function registerServe(program: Command, global: () => GlobalOptions): void {
  program
    .command('serve')
    .description('serve the app on http://127.0.0.1 (with an access token) and keep runs going')
    .option('--port <n>', 'port to listen on (default: any free port)')
    .option('--allow-dir <dir>', 'a folder whose files the UI may name by path (repeatable); otherwise files arrive as uploads', collect, [])
    .option('--no-open', 'do not open a browser')
    .action(async (flags: { port?: string; open: boolean; allowDir: string[] }) => {
      const port = flags.port ? parseNumber('--port', flags.port, { integer: true, min: 0 }) : 0;
      const adminToken = fixedToken('BATCHDESK_SERVE_TOKEN');
      const gatewayToken = fixedToken('BATCHDESK_GATEWAY_TOKEN');
      if (adminToken && adminToken === gatewayToken) throw new UsageError('BATCHDESK_SERVE_TOKEN and BATCHDESK_GATEWAY_TOKEN must differ: the gateway token must not open the admin API');
      const host = openHost(global());
      const server = await startLocalServer({
        host,
        port,
        allowDirs: flags.allowDir,
        ...(adminToken ? { adminToken } : {}),
        ...(gatewayToken ? { gatewayToken } : {}),
        log: (line) => process.stderr.write(`${line}\n`),
      }).catch(async (error: NodeJS.ErrnoException) => {
        await host.close();
        throw error.code === 'EADDRINUSE' ? new Error(`port ${port} is in use: pick another with --port, or leave it out for any free port`) : error;
      });
      host.monitor.start({ keepAlive: true });
      if (!(await rendererBuilt(DEFAULT_RENDERER_DIR))) process.stderr.write(`warning: ${NOT_BUILT_MESSAGE}\n`);
      process.stdout.write(banner(server, flags.allowDir));
      void host.warmUp().catch(() => undefined);
      if (flags.open) openBrowser(server.url);
      await new Promise<void>((resolve) => {
        process.once('SIGINT', resolve);
        process.once('SIGTERM', resolve);
      });
      await server.close();
      await host.close();
    });
}
