// batchdesk bundle RUN -o DIR: the run's methods bundle (requests as sent, models as the provider named them,
// every parameter, prices and their source, software versions, SHA-256 of every input, a drafted methods
// paragraph) through the service's runs.bundle. `batchdesk run --from-bundle DIR` sends the same requests again.
import type { Command } from 'commander';
import { call, openCli, printJson, type GlobalOptions } from '../io.ts';

export function registerBundle(program: Command, global: () => GlobalOptions): void {
  program
    .command('bundle')
    .description('write the methods bundle of a run into a new folder (docs/methods.md describes it)')
    .argument('<run>', 'run id')
    .requiredOption('-o, --output <dir>', 'a new (or empty) folder for the bundle')
    .option('--json', 'machine-readable output')
    .action(async (runId: string, flags: { output: string; json?: boolean }) => {
      const cli = openCli(global());
      try {
        const written = await call(cli, 'runs.bundle', { run_id: runId, dir: flags.output });
        if (flags.json) printJson(written);
        else process.stdout.write(`methods bundle of ${runId} in ${written.dir}: ${written.files.length} files (methods.md has the drafted paragraph)\n`);
      } finally {
        await cli.close();
      }
    });
}
