// batchdesk serve: the app in a browser, for headless lab servers (reach it through an SSH tunnel). The monitor
// runs in this process, so runs go on while the page is closed; Ctrl-C stops it cleanly.
import { spawn } from 'node:child_process';
import type { Command } from 'commander';
import { createService } from '../../api/service/index.ts';
import { browserPlatform, NOT_BUILT_MESSAGE, rendererBuilt, DEFAULT_RENDERER_DIR, startLocalServer } from '../../server/index.ts';
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

export function registerServe(program: Command, global: () => GlobalOptions): void {
  program
    .command('serve')
    .description('serve the app on http://127.0.0.1 (with an access token) and keep runs going')
    .option('--port <n>', 'port to listen on (default: any free port)')
    .option('--no-open', 'do not open a browser')
    .action(async (flags: { port?: string; open: boolean }) => {
      const port = flags.port ? parseNumber('--port', flags.port, { integer: true, min: 0 }) : 0;
      // A fixed token lets OpenAI batch scripts keep one API key for the gateway across restarts.
      const fixedToken = process.env.BATCHDESK_SERVE_TOKEN;
      if (fixedToken !== undefined && !/^[A-Za-z0-9_-]{32,}$/.test(fixedToken)) {
        throw new UsageError('BATCHDESK_SERVE_TOKEN must be at least 32 characters of A-Z a-z 0-9 _ - (e.g. from `openssl rand -hex 24`)');
      }
      const host = openHost(global());
      const service = createService(host, browserPlatform());
      const server = await startLocalServer({ service, port, ...(fixedToken ? { token: fixedToken } : {}), log: (line) => process.stderr.write(`${line}\n`) }).catch(async (error: NodeJS.ErrnoException) => {
        await host.close();
        throw error.code === 'EADDRINUSE' ? new Error(`port ${port} is in use: pick another with --port, or leave it out for any free port`) : error;
      });
      host.monitor.start({ keepAlive: true });
      if (!(await rendererBuilt(DEFAULT_RENDERER_DIR))) process.stderr.write(`warning: ${NOT_BUILT_MESSAGE}\n`);
      process.stdout.write(`Batchdesk is running at:\n  ${server.url}\nThe URL holds your access token: do not share it. Press Ctrl-C to stop.\nOpenAI batch scripts: OPENAI_BASE_URL=http://127.0.0.1:${server.port}/v1 OPENAI_API_KEY=<the token>\n`);
      if (flags.open) openBrowser(server.url);
      await new Promise<void>((resolve) => {
        process.once('SIGINT', resolve);
        process.once('SIGTERM', resolve);
      });
      await server.close();
      await host.close();
    });
}
