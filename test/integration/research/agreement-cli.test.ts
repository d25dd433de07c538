// Acceptance (issue 18): for a demo run whose models disagree on a known share of rows, `batchdesk agreement --json`
// and `--format csv` give the same numbers, the disagreement is the share the demo's label mode promises, the
// click-through lists exactly the disagreeing rows, and bad requests say what to give instead.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AgreementReportSchema, type AgreementReport } from '../../../src/shared/agreement-report.ts';
import { EngineHost } from '../../../src/main/api/engine-host.ts';
import { createService } from '../../../src/main/api/service/index.ts';
import { demoLabelDraw } from '../../../src/main/providers/demo/answer.ts';
import { cleanEnv, runCli, tempDir } from '../../helpers/cli.ts';
import { csvValues, demoLabelRunArgs, runToEnd, writeLabelDataset } from '../../helpers/research.ts';

const dir = tempDir('batchdesk-agreement-');
const home = `${dir.path}/home`;
const env = cleanEnv({ BATCHDESK_DEMO_SECONDS: '0', BATCHDESK_KEYCHAIN: 'off' });
let runId: string;
let report: AgreementReport;
let files: { dataset: string; schema: string };

beforeAll(async () => {
  files = writeLabelDataset(dir.path);
  runId = await runToEnd(demoLabelRunArgs(home, files), env);
  const result = await runCli(['--home', home, 'agreement', runId, '--field', 'sentiment', '--gold', 'truth', '--json'], env);
  expect(result.stderr).toBe('');
  report = AgreementReportSchema.parse(JSON.parse(result.stdout));
}, 60_000);

afterAll(() => dir.cleanup());

describe('batchdesk agreement on a demo run with disagreeing models', () => {
  it('finds the disagreement the demo label mode makes: demo/mini departs on the rows whose draw is below 0.2', () => {
    const texts = Array.from({ length: 60 }, (_, i) => `Classify this answer: Answer ${i + 1}: the service was ${['slow', 'fine', 'great'][i % 3]}`);
    const departing = texts.filter((t) => demoLabelDraw(t, '/sentiment') < 0.2).length;
    const pair = report.pairs.find((p) => p.raters[0] === 'demo/echo' && p.raters[1] === 'demo/mini')!;
    expect(report.units).toBe(60);
    expect(pair.units).toBe(60);
    expect(pair.agreements).toBe(60 - departing);
    expect(pair.percent_agreement.value).toBeCloseTo((60 - departing) / 60, 12);
    expect(report.raters.map((r) => [r.name, r.role])).toEqual([
      ['demo/echo', 'model'],
      ['demo/mini', 'model'],
      ['truth', 'gold'],
    ]);
    expect(report.field).toEqual({ name: 'sentiment', kind: 'nominal', levels: ['negative', 'neutral', 'positive'] });
    expect(report.against_gold.map((g) => g.model)).toEqual(['demo/echo', 'demo/mini']);
  });

  it('prints the same numbers as CSV as in the JSON report', async () => {
    const result = await runCli(['--home', home, 'agreement', runId, '--field', 'sentiment', '--gold', 'truth', '--format', 'csv'], env);
    expect(result.code).toBe(0);
    const csv = csvValues(result.stdout);
    const number = (key: string) => Number(csv.get(key));
    const { overall } = report;
    expect(number('overall|||||fleiss_kappa')).toBe(overall.fleiss_kappa.value);
    expect(number('overall|||||krippendorff_alpha_nominal')).toBe(overall.krippendorff_alpha.nominal.value);
    expect(number('overall|||||percent_agreement')).toBe(overall.percent_agreement.value);
    for (const pair of report.pairs) {
      const at = `pair|${pair.raters[0]}|${pair.raters[1]}||`;
      expect(number(`${at}|cohen_kappa`)).toBe(pair.cohen_kappa.value);
      expect(number(`${at}|percent_agreement`)).toBe(pair.percent_agreement.value);
      pair.confusion!.counts.forEach((line, i) =>
        line.forEach((count, j) => expect(number(`confusion|${pair.raters[0]}|${pair.raters[1]}|${pair.confusion!.labels[i]}|${pair.confusion!.labels[j]}|count`)).toBe(count)),
      );
    }
    for (const gold of report.against_gold) {
      expect(number(`against_gold|${gold.model}|truth|||accuracy`)).toBe(gold.accuracy.value);
      expect(number(`against_gold|${gold.model}|truth|||macro_f1`)).toBe(gold.macro_f1.value);
    }
    const ci = overall.fleiss_kappa.ci!;
    expect(result.stdout).toContain(`overall,,,,,fleiss_kappa,${overall.fleiss_kappa.value},${ci.low},${ci.high},${ci.resamples},`);
  });

  it('reads a numeric enum as ordinal, and prints readable tables by default', async () => {
    const result = await runCli(['--home', home, 'agreement', runId, '--field', 'score'], env);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('Agreement on score (ordinal) · 60 units');
    expect(result.stdout).toMatch(/Krippendorff's alpha \(ordinal\)\s+\d\.\d{3} \[/);
    expect(result.stdout).toContain('demo/echo ↓ / demo/mini →  1');
  });

  it('lists exactly the disagreeing rows, each with the jobs behind it', async () => {
    const host = new EngineHost({ home, env: {}, vault: null });
    try {
      const service = createService(host);
      const pair = report.pairs[0]!;
      const result = await service.invoke('runs.agreementUnits', { run_id: runId, field: 'sentiment', pair: ['demo/echo', 'demo/mini'] });
      if (!result.ok) throw new Error(result.error.message);
      const units = result.value as { total: number; units: { id: string; values: unknown[]; job_ids: (string | null)[] }[] };
      expect(units.total).toBe(pair.units - pair.agreements);
      for (const unit of units.units) {
        expect(unit.values[0]).not.toBe(unit.values[1]);
        expect(unit.job_ids).toEqual([`${unit.id}@demo/echo`, `${unit.id}@demo/mini`]);
      }
      const [rowLabel, columnLabel] = [pair.confusion!.labels[0]!, pair.confusion!.labels[1]!];
      const cell = await service.invoke('runs.agreementUnits', { run_id: runId, field: 'sentiment', pair: ['demo/echo', 'demo/mini'], cell: [rowLabel, columnLabel] });
      if (!cell.ok) throw new Error(cell.error.message);
      expect((cell.value as { total: number }).total).toBe(pair.confusion!.counts[0]![1]);
    } finally {
      await host.close();
    }
  });

  it('says what to give when the field, the gold column or the labels are wrong', async () => {
    const field = await runCli(['--home', home, 'agreement', runId, '--field', 'mood'], env);
    expect(field.code).toBe(2);
    expect(field.stderr).toContain('the run\'s schema has no field "mood": give --field with one of "sentiment", "score", "reason"');
    const gold = await runCli(['--home', home, 'agreement', runId, '--field', 'sentiment', '--gold', 'answer'], env);
    expect(gold.code).toBe(2);
    expect(gold.stderr).toContain('no column "answer": --gold takes one of "id", "truth" (columns the template shows the model are not kept)');
    const none = await runCli(['--home', home, 'agreement', runId], env);
    expect(none.stderr).toContain('give --field NAME');
  });

  it('reads labels from free-text answers when the run has no schema', async () => {
    const free = await runToEnd(['--home', home, 'run', '--dataset', files.dataset, '--template', 'Is it slow, fine or great? {{answer}}', '--model', 'demo/echo', '--model', 'demo/mini'], env);
    const missing = await runCli(['--home', home, 'agreement', free], env);
    expect(missing.stderr).toContain('give the labels to read from its answers with --labels a,b,c');
    const result = await runCli(['--home', home, 'agreement', free, '--labels', 'great,fine,slow', '--json', '--resamples', '0'], env);
    const labelled = AgreementReportSchema.parse(JSON.parse(result.stdout));
    // The demo's free-text answer echoes the prompt, whose first label is "slow": every answer reads as "slow".
    expect(labelled.pairs[0]!.confusion!.counts).toEqual([
      [0, 0, 0],
      [0, 0, 0],
      [0, 0, 60],
    ]);
    expect(labelled.notes.at(-1)).toContain('Labels were read from the free-text answers');
  });
});
