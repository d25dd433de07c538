// Issue 2 acceptance: the CLI runs three files through the demo provider end to end.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { cleanEnv, runCli, tempDir } from '../../helpers/cli.ts';

describe('batchdesk run on the demo provider', () => {
  let dir: ReturnType<typeof tempDir>;
  let env: NodeJS.ProcessEnv;
  beforeEach(() => {
    dir = tempDir();
    env = cleanEnv({ BATCHDESK_HOME: join(dir.path, 'home') });
    writeFileSync(join(dir.path, 'a.txt'), 'Alpha: the first document, about rivers.');
    writeFileSync(join(dir.path, 'b.txt'), 'Beta: the second document, about mountains.');
    writeFileSync(join(dir.path, 'c.txt'), 'Gamma: the third document, about "quoted, tricky" text\nover two lines.');
  });
  afterEach(() => dir.cleanup());

  it('finishes with --wait, exports exactly 3 CSV rows and reports status in the documented shape', async () => {
    const run = await runCli(['run', '--model', 'demo/echo', '--prompt', 'Summarise', 'a.txt', 'b.txt', 'c.txt', '--wait', '--json'], env, { cwd: dir.path });
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    const lines = run.stdout.trim().split('\n');
    const { run_id } = JSON.parse(lines[0]!) as { run_id: string };
    expect(run_id).toMatch(/^run_/);
    expect(JSON.parse(lines.at(-1)!).status).toBe('completed');

    const csv = await runCli(['results', run_id, '--format', 'csv'], env);
    expect(csv.code).toBe(0);
    const rows = parse(csv.stdout, { columns: true }) as Record<string, string>[];
    expect(rows).toHaveLength(3);
    expect(rows.map((r) => r.input)).toEqual(['a.txt', 'b.txt', 'c.txt']);
    for (const row of rows) {
      expect(row).toMatchObject({ run_id, model: 'demo/echo', provider: 'demo', status: 'succeeded', simulated: 'true' });
      expect(row.output).toContain('[simulated demo/echo]');
      expect(Number(row.input_tokens)).toBeGreaterThan(0);
      expect(Number(row.cost_usd)).toBeGreaterThan(0);
    }
    expect(rows[2]!.output).toContain('"quoted, tricky"');

    const status = await runCli(['status', run_id, '--json'], env);
    const view = JSON.parse(status.stdout) as Record<string, unknown>;
    expect(view).toMatchObject({
      run_id,
      status: 'completed',
      jobs: { total: 3, pending: 0, running: 0, succeeded: 3, failed: 0, expired: 0, cancelled: 0 },
      cost_usd: { estimated: expect.any(Number), actual: expect.any(Number) },
    });
    expect(Object.keys(view.jobs as object).sort()).toEqual(['cancelled', 'expired', 'failed', 'pending', 'running', 'succeeded', 'total']);
    expect(Array.isArray(view.provider_batches)).toBe(true);
    expect((view.provider_batches as { status: string }[])[0]!.status).toBe('completed');
  });

  it('lists runs with cursor paging', async () => {
    for (const name of ['first', 'second']) {
      const r = await runCli(['run', '--model', 'demo/mini', '--prompt', 'x', 'a.txt', '--name', name], env, { cwd: dir.path });
      expect(r.code).toBe(0);
    }
    const page1 = JSON.parse((await runCli(['list', '--limit', '1', '--json'], env)).stdout);
    expect(page1.data).toHaveLength(1);
    expect(page1.has_more).toBe(true);
    expect(page1.data[0].name).toBe('second');
    const page2 = JSON.parse((await runCli(['list', '--limit', '1', '--after', page1.last_id, '--json'], env)).stdout);
    expect(page2.data[0].name).toBe('first');
    expect(page2.has_more).toBe(false);
  });

  it('shows the plan and estimate with --dry-run and stores nothing', async () => {
    const dry = await runCli(['run', '--model', 'demo/echo', '--model', 'demo/mini', '--prompt', 'Summarise', 'a.txt', 'b.txt', '--dry-run', '--json'], env, { cwd: dir.path });
    expect(dry.code).toBe(0);
    const plan = JSON.parse(dry.stdout);
    expect(plan.jobs).toBe(4);
    expect(plan.batches.map((b: { model: string }) => b.model).sort()).toEqual(['demo/echo', 'demo/mini']);
    expect(plan.batch_usd).toBeGreaterThan(0);
    expect(plan.sync_usd).toBeCloseTo(plan.batch_usd * 2, 10);
    expect(JSON.parse((await runCli(['list', '--json'], env)).stdout).data).toHaveLength(0);
  });
});
