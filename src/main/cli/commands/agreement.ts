// batchdesk agreement RUN --field NAME [--gold COLUMN]: agreement between the run's models (and with a gold column)
// through the service's runs.agreement, printed as tables, as the report's JSON (--json) or as CSV (--format csv).
import type { Command } from 'commander';
import { writeFile } from 'node:fs/promises';
import type { AgreementRequest } from '../../../shared/contract.ts';
import { agreementText } from '../../api/agreement/agreement-text.ts';
import { call, openCli, parseNumber, printJson, UsageError, type GlobalOptions } from '../io.ts';

interface AgreementFlags {
  field?: string;
  gold?: string;
  level?: string;
  labels?: string;
  resamples?: string;
  seed?: string;
  json?: boolean;
  format?: string;
  output?: string;
}

const LEVELS = ['nominal', 'ordinal', 'interval'] as const;

export function agreementRequestOf(runId: string, flags: AgreementFlags): AgreementRequest {
  if (flags.level !== undefined && !(LEVELS as readonly string[]).includes(flags.level)) throw new UsageError(`--level takes ${LEVELS.join(', ')}, got "${flags.level}"`);
  const labels = flags.labels?.split(',').map((l) => l.trim()).filter(Boolean);
  return {
    run_id: runId,
    ...(flags.field ? { field: flags.field } : {}),
    ...(flags.gold ? { gold: flags.gold } : {}),
    ...(flags.level ? { level: flags.level as (typeof LEVELS)[number] } : {}),
    ...(labels ? { labels } : {}),
    ...(flags.resamples ? { resamples: parseNumber('--resamples', flags.resamples, { integer: true, min: 0 }) } : {}),
    ...(flags.seed ? { seed: parseNumber('--seed', flags.seed, { integer: true, min: 0 }) } : {}),
  };
}

export function registerAgreement(program: Command, global: () => GlobalOptions): void {
  program
    .command('agreement')
    .description("agreement between a run's models, and with a gold column: percent agreement, Cohen's and Fleiss' kappa, Krippendorff's alpha, confusion matrices")
    .argument('<run>', 'run id')
    .option('--field <name>', "the field of the run's JSON Schema to compare")
    .option('--gold <column>', 'a dataset column with the right answers (one the template does not show)')
    .option('--level <kind>', 'nominal, ordinal or interval, instead of what the schema implies')
    .option('--labels <a,b,c>', 'runs without structured output: the labels to read from the answers')
    .option('--resamples <n>', 'bootstrap resamples for the 95% intervals (default 1000; 0 for none)')
    .option('--seed <n>', 'seed of the bootstrap (default 1)')
    .option('--json', 'the report as JSON')
    .option('--format <format>', 'csv: the report as one tidy CSV table')
    .option('-o, --output <file>', 'write to a file instead of standard output')
    .action(async (runId: string, flags: AgreementFlags) => {
      if (flags.format !== undefined && flags.format !== 'csv') throw new UsageError(`--format takes csv, got "${flags.format}" (use --json for JSON)`);
      const request = agreementRequestOf(runId, flags);
      const cli = openCli(global());
      try {
        let text: string;
        if (flags.format === 'csv') text = (await call(cli, 'runs.agreementCsv', request)).csv;
        else {
          const report = await call(cli, 'runs.agreement', request);
          if (flags.json && !flags.output) return printJson(report);
          text = flags.json ? `${JSON.stringify(report)}\n` : agreementText(report);
        }
        if (flags.output) await writeFile(flags.output, text);
        else process.stdout.write(text);
      } finally {
        await cli.close();
      }
    });
}
