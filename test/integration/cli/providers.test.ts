// Issue 3 acceptance: `batchdesk run` with one model of each provider plus --wait, against the fake servers
// through the base-URL variables, finishes and `results --format csv` has the right rows per provider.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cleanEnv, runCli, tempDir } from '../../helpers/cli.ts';
import { startFakes, type Fakes } from '../../helpers/fakes.ts';

const MODELS = ['openai/gpt-4.1-mini', 'anthropic/claude-haiku-4-5', 'gemini/gemini-3.8-flash'];

describe('batchdesk run across the three providers', () => {
  let dir: ReturnType<typeof tempDir>;
  let fakes: Fakes;
  beforeAll(async () => {
    dir = tempDir();
    fakes = await startFakes();
    writeFileSync(join(dir.path, 'one.txt'), 'The first text: a report on river water quality in 2025.');
    writeFileSync(join(dir.path, 'two.md'), '# Second\nA note about glacier retreat measurements.');
  });
  afterAll(async () => {
    await fakes.close();
    dir.cleanup();
  });

  it('runs one model of each provider to completion and exports the right rows per provider', async () => {
    const env = cleanEnv({ BATCHDESK_HOME: join(dir.path, 'home'), ...fakes.env });
    const args = ['run', 'one.txt', 'two.md', '--prompt', 'Summarise in one sentence', ...MODELS.flatMap((m) => ['--model', m]), '--max-tokens', '50', '--wait', '--json'];
    const run = await runCli(args, env, { cwd: dir.path });
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    const { run_id } = JSON.parse(run.stdout.split('\n')[0]!) as { run_id: string };
    const status = JSON.parse(run.stdout.trim().split('\n').at(-1)!);
    expect(status.jobs).toMatchObject({ total: 6, succeeded: 6 });
    expect(status.provider_batches.map((b: { provider: string }) => b.provider).sort()).toEqual(['anthropic', 'gemini', 'openai']);

    const csv = await runCli(['results', run_id, '--format', 'csv'], env);
    const rows = parse(csv.stdout, { columns: true }) as Record<string, string>[];
    expect(rows).toHaveLength(6);
    for (const provider of ['openai', 'anthropic', 'gemini']) {
      const mine = rows.filter((r) => r.provider === provider);
      expect(mine.map((r) => r.input).sort()).toEqual(['one.txt', 'two.md']);
      for (const row of mine) {
        expect(row.status).toBe('succeeded');
        expect(row.output).toMatch(/fake answer to:/);
        expect(Number(row.input_tokens)).toBeGreaterThan(0);
        expect(Number(row.output_tokens)).toBeGreaterThan(0);
        expect(Number(row.cost_usd)).toBeGreaterThan(0);
        expect(row.simulated).toBe('false');
      }
    }
    expect(fakes.openai.batchesCreated() + fakes.anthropic.batchesCreated() + fakes.gemini.batchesCreated()).toBe(3);
  });
});
