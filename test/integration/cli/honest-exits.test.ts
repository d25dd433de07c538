// Issue 13 acceptance, through the real CLI:
// - a provider that cannot be reached: `run` exits 1 with the reason; `status`, `list` and `watch` show
//   "blocked: cannot reach 127.0.0.1:PORT: connection refused; retrying in …";
// - a cost limit below what the run may cost: exit 2, naming both figures, nothing stored or sent;
//   `--allow-partial` submits the part that fits and says how many jobs were left out; `status` prints the limit
//   as given, not rounded to $0.00;
// - `batchdesk status RUN | true` (the reader goes away) exits quietly, without a stack trace.
import { spawn } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { BIN, cleanEnv, runCli, startCli, tempDir } from '../../helpers/cli.ts';
import { startFakes, type Fakes } from '../../helpers/fakes.ts';
import { formatUsd } from '../../../src/shared/money.ts';

let dir: ReturnType<typeof tempDir>;
beforeEach(() => {
  dir = tempDir('batchdesk-honest-');
  writeFileSync(join(dir.path, 'rows.csv'), ['id,text', ...Array.from({ length: 4 }, (_, i) => `r${i},note ${i} about a river`)].join('\n'));
});
afterEach(() => dir.cleanup());

const RUN = ['run', '--model', 'openai/gpt-4.1-mini', '--dataset', 'rows.csv', '--template', 'Summarise {{text}}', '--max-tokens', '200'];

/** A port on 127.0.0.1 where nothing listens. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

describe('a provider that cannot be reached', () => {
  it('run exits 1 with the reason; status, list and watch show it', { timeout: 60_000 }, async () => {
    const port = await closedPort();
    const env = cleanEnv({ BATCHDESK_HOME: join(dir.path, 'home'), OPENAI_BASE_URL: `http://127.0.0.1:${port}/v1`, OPENAI_API_KEY: 'sk-test-unreachable', BATCHDESK_POLL_INTERVAL_MS: '60000' });
    const reason = new RegExp(`blocked: cannot reach 127\\.0\\.0\\.1:${port}: connection refused; retrying in \\d+ (s|min)`);

    const run = await runCli(RUN, env, { cwd: dir.path });
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/^batchdesk: nothing was submitted yet: /);
    expect(run.stderr).toMatch(reason);
    const runId = /^run (run_\w+):/.exec(run.stdout)![1]!;

    const status = await runCli(['status', runId], env);
    expect(status.code).toBe(0);
    expect(status.stdout).toMatch(reason);
    const list = await runCli(['list'], env);
    expect(list.stdout).toMatch(new RegExp(`${runId} ${reason.source}`));

    const watch = startCli(['watch', runId], env);
    let stderr = '';
    watch.stderr!.on('data', (d: Buffer) => (stderr += d.toString()));
    const end = Date.now() + 30_000;
    while (!reason.test(stderr) && Date.now() < end) await new Promise((resolve) => setTimeout(resolve, 50));
    expect(stderr).toMatch(reason);
    watch.kill('SIGINT');
    expect(await new Promise((resolve) => watch.once('close', resolve))).toBe(1);
  });
});

describe('a cost limit below what the run may cost', () => {
  let fakes: Fakes;
  beforeEach(async () => (fakes = await startFakes()));
  afterEach(() => fakes.close());
  const sent = () => fakes.openai.http.log.filter((r) => r.method === 'POST' && /^\/v1\/(files|batches)$/.test(r.path));

  it('exits 2 naming both figures, storing and sending nothing; --allow-partial submits what fits and says so', { timeout: 60_000 }, async () => {
    const env = cleanEnv({ BATCHDESK_HOME: join(dir.path, 'home'), ...fakes.env });
    const estimate = JSON.parse((await runCli([...RUN, '--dry-run', '--json'], env, { cwd: dir.path })).stdout) as { batch_usd: number; batch_usd_max: number; jobs: number };
    const perJobCeiling = estimate.batch_usd_max / estimate.jobs;

    const refused = await runCli([...RUN, '--cost-limit', String(estimate.batch_usd / 2)], env, { cwd: dir.path });
    expect(refused.code).toBe(2);
    expect(refused.stderr).toMatch(/the cost limit of \$0\.\d+ is below what this run may cost: typically \$0\.\d+, at most \$0\.\d+/);
    expect(refused.stderr).toMatch(/--pilot.*--allow-partial/);
    expect(sent()).toEqual([]);
    expect(JSON.parse((await runCli(['list', '--json'], env)).stdout).data).toEqual([]);

    const limit = perJobCeiling * 2.5;
    const partial = await runCli([...RUN, '--cost-limit', String(limit), '--allow-partial'], env, { cwd: dir.path });
    expect(partial.stderr).toBe('');
    expect(partial.code).toBe(0);
    expect(partial.stdout).toMatch(/2 of 4 jobs left out: they do not fit under the cost limit of \$0\.\d+ \(2 submitted\)/);
    const upload = fakes.openai.receivedBodies().find((b) => b.includes('name="file"'))!;
    expect(upload.split('\n').filter((l) => l.startsWith('{"custom_id"'))).toHaveLength(2);

    const runId = /^run (run_\w+):/.exec(partial.stdout)![1]!;
    const status = await runCli(['status', runId], env);
    expect(formatUsd(limit)).not.toBe('$0.00');
    expect(status.stdout).toContain(`limit ${formatUsd(limit)}\n`);
  });
});

describe('a reader that goes away', () => {
  it('`batchdesk status RUN | true` exits quietly', { timeout: 60_000 }, async () => {
    const env = cleanEnv({ BATCHDESK_HOME: join(dir.path, 'home') });
    const run = await runCli(['run', '--model', 'demo/echo', '--prompt', 'Summarise', '--dataset', 'rows.csv', '--template', '{{text}}', '--json'], env, { cwd: dir.path });
    const { run_id } = JSON.parse(run.stdout.split('\n')[0]!) as { run_id: string };
    for (let i = 0; i < 3; i++) {
      const shell = spawn('sh', ['-c', `"${process.execPath}" "${BIN}" status ${run_id} | true; "${process.execPath}" "${BIN}" list --json | true`], { env, stdio: ['ignore', 'pipe', 'pipe'] });
      let stderr = '';
      shell.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
      await new Promise((resolve) => shell.once('close', resolve));
      expect(stderr).toBe('');
    }
  });
});
