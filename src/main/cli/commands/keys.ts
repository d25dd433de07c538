// batchdesk keys set|delete PROVIDER, batchdesk keys list. A key is read from a hidden prompt (in a terminal) or
// from stdin (`pass show openai | batchdesk keys set openai`), never from the command line, where it would land in
// the shell history and the process list. Keys go to the OS keychain; list shows only set / not set and the source.
import type { Command } from 'commander';
import { operations, RealProviderSchema } from '../../../shared/contract.ts';
import type { RealProvider } from '../../../shared/domain.ts';
import { call, openCli, printJson, table, UsageError, type GlobalOptions } from '../io.ts';

const REAL_PROVIDERS = RealProviderSchema.options;

function providerOf(text: string): RealProvider {
  const parsed = RealProviderSchema.safeParse(text);
  if (!parsed.success) throw new UsageError(`unknown provider "${text}": use one of ${REAL_PROVIDERS.join(', ')}`);
  return parsed.data;
}

/** Read a line from the terminal without echoing it. */
function hiddenPrompt(question: string): Promise<string> {
  const { stdin, stderr } = process;
  stderr.write(question);
  return new Promise((resolve, reject) => {
    let text = '';
    stdin.setRawMode(true);
    stdin.resume();
    stdin.setEncoding('utf8');
    const done = (error?: Error) => {
      stdin.setRawMode(false);
      stdin.pause();
      stdin.off('data', onData);
      stderr.write('\n');
      if (error) reject(error);
      else resolve(text);
    };
    const onData = (chunk: string) => {
      for (const char of chunk) {
        if (char === '\r' || char === '\n' || char === '\u0004') return done();
        if (char === '\u0003') return done(new UsageError('cancelled'));
        if (char === '\u007f' || char === '\b') text = text.slice(0, -1);
        else text += char;
      }
    };
    stdin.on('data', onData);
  });
}

async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

async function readKey(provider: RealProvider): Promise<string> {
  const raw = process.stdin.isTTY ? await hiddenPrompt(`API key for ${provider} (input hidden): `) : await readStdin();
  const key = raw.trim();
  if (!operations['keys.set'].input.shape.key.safeParse(key).success) {
    throw new UsageError(key ? 'that does not look like an API key (8 to 500 characters expected)' : 'no key given: type it at the prompt or pipe it on stdin');
  }
  return key;
}

export function registerKeys(program: Command, global: () => GlobalOptions): void {
  const keys = program.command('keys').description('API keys in the OS keychain (environment variables take precedence)');

  keys
    .command('set')
    .description('store a provider key in the keychain, read from a hidden prompt or stdin (never from arguments)')
    .argument('<provider>', REAL_PROVIDERS.join(' | '))
    .action(async (name: string) => {
      const provider = providerOf(name);
      const key = await readKey(provider);
      const cli = openCli(global());
      try {
        const status = await call(cli, 'keys.set', { provider, key });
        process.stdout.write(`${provider} key stored in the keychain\n`);
        if (status.source === 'environment') process.stderr.write(`note: ${status.env_var} is set in the environment and takes precedence over the keychain\n`);
      } finally {
        await cli.close();
      }
    });

  keys
    .command('delete')
    .description('remove a provider key from the keychain')
    .argument('<provider>', REAL_PROVIDERS.join(' | '))
    .action(async (name: string) => {
      const provider = providerOf(name);
      const cli = openCli(global());
      try {
        const status = await call(cli, 'keys.delete', { provider });
        process.stdout.write(`${provider} key removed from the keychain\n`);
        if (status.set) process.stderr.write(`note: ${status.env_var} still provides a key from the environment\n`);
      } finally {
        await cli.close();
      }
    });

  keys
    .command('list')
    .description('which providers have a key, and where it comes from (never the key itself)')
    .option('--json', 'machine-readable output')
    .action(async (flags: { json?: boolean }) => {
      const cli = openCli(global());
      try {
        const statuses = await call(cli, 'keys.status', {});
        if (flags.json) return printJson(statuses);
        const { vault } = cli.host;
        const unavailable = await vault?.get('openai').then(() => null, (error: Error) => error.message);
        if (vault === null || unavailable) process.stderr.write(`note: ${unavailable ?? 'the keychain is switched off (BATCHDESK_KEYCHAIN=off)'}\n`);
        const rows: string[][] = [['provider', 'key', 'source']];
        for (const s of statuses) rows.push([s.provider, s.set ? 'set' : 'not set', s.source === 'environment' ? `environment (${s.env_var})` : (s.source ?? `keychain or ${s.env_vars.join(' / ')}`)]);
        process.stdout.write(table(rows));
      } finally {
        await cli.close();
      }
    });
}
