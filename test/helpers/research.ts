// A demo run whose two models disagree on a known share of rows (the demo's label mode, issue 18), made with the
// real CLI: a 60-row CSV with a gold column the template does not show, and a schema with a string enum and a
// numeric (1–5) enum. Shared by the agreement and methods-bundle tests.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { runCli } from './cli.ts';

export const SENTIMENTS = ['negative', 'neutral', 'positive'] as const;

export const LABEL_SCHEMA = {
  type: 'object',
  properties: { sentiment: { type: 'string', enum: [...SENTIMENTS] }, score: { type: 'integer', enum: [1, 2, 3, 4, 5] }, reason: { type: 'string' } },
  required: ['sentiment', 'score', 'reason'],
};

/** Writes answers.csv (id, answer, truth) and schema.json into `dir`; the truth cycles through the labels. */
export function writeLabelDataset(dir: string, rows = 60): { dataset: string; schema: string } {
  const dataset = join(dir, 'answers.csv');
  const lines = ['id,answer,truth', ...Array.from({ length: rows }, (_, i) => `r${i + 1},"Answer ${i + 1}: the service was ${['slow', 'fine', 'great'][i % 3]}",${SENTIMENTS[(i * 7) % 3]}`)];
  writeFileSync(dataset, `${lines.join('\n')}\n`);
  const schema = join(dir, 'schema.json');
  writeFileSync(schema, JSON.stringify(LABEL_SCHEMA));
  return { dataset, schema };
}

/** Runs `batchdesk run ... --wait --json` and returns the run id (throws with the CLI's output on failure). */
export async function runToEnd(args: string[], env: NodeJS.ProcessEnv, cwd?: string): Promise<string> {
  const result = await runCli([...args, '--wait', '--json'], env, cwd ? { cwd } : {});
  if (result.code !== 0) throw new Error(`batchdesk ${args.join(' ')} exited ${result.code}:\n${result.stderr}\n${result.stdout}`);
  return (JSON.parse(result.stdout.split('\n')[0]!) as { run_id: string }).run_id;
}

export function demoLabelRunArgs(home: string, files: { dataset: string; schema: string }, models = ['demo/echo', 'demo/mini']): string[] {
  return ['--home', home, 'run', '--dataset', files.dataset, '--template', 'Classify this answer: {{answer}}', '--schema', files.schema, ...models.flatMap((m) => ['--model', m])];
}

/** Tidy agreement CSV → value by "section|rater_a|rater_b|label_a|label_b|statistic". */
export function csvValues(csv: string): Map<string, string> {
  const rows = parse(csv, { columns: true }) as Record<string, string>[];
  return new Map(rows.map((r) => [[r.section, r.rater_a, r.rater_b, r.label_a, r.label_b, r.statistic].join('|'), r.value!]));
}
