// The user-path cases (issue 16): `batchdesk` run as a child process end to end, as a user runs it, against a
// roofline measured in the same run (roofline.ts), each with its peak RSS.
//   run-requests: `batchdesk run --requests F --wait` through the fake OpenAI server, then `batchdesk results` to CSV.
//   dry-requests / dry-dataset: `batchdesk run --dry-run` over a requests file / a CSV dataset (time per job).
//   dry-files: `batchdesk run DIR --dry-run` over a folder of PDFs and text files.
import { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Store } from '../../src/main/store/store.ts';
import { FakeClock } from '../../test/fakes/fake-http.ts';
import { startOpenAIFake } from '../../test/fakes/openai-server.ts';
import type { Measurement } from '../harness.ts';
import { batchdesk, runNode, ROOT } from './command.ts';
import { DATASET_TEMPLATE, REQUEST_MODEL, writeDataset, writeFiles, writeRequests } from './inputs.ts';

const ROOFLINE = join(ROOT, 'bench/user-path/roofline.ts');
const MODEL = `openai/${REQUEST_MODEL}`;
export const measurement = (run: { ms: number; rss_mb: number }, extra?: Record<string, number>): Measurement => ({ ms: run.ms, rss_mb: run.rss_mb, ...(extra ? { extra } : {}) });

/** How long the run waited on the provider: from its last batch's submission to that batch being seen finished. */
function providerWaitMs(home: string, runId: string): { waitMs: number; batches: number } {
  const store = Store.open(home);
  try {
    const events = store.events.forRun(runId, 10_000);
    const submitted = events.filter((e) => e.kind === 'status' && /^submitted /.test(e.message));
    const last = submitted.reduce((a, b) => (b.at > a.at ? b : a));
    const seen = events.find((e) => e.provider_batch_id === last.provider_batch_id && e.kind === 'status' && /: completed$/.test(e.message));
    return { waitMs: (seen?.at ?? last.at) - last.at, batches: submitted.length };
  } finally {
    store.close();
  }
}

/** One project run and one roofline run of `batchdesk run --requests` with `size` requests, then the CSV export. */
export async function runRequests(root: string, size: number, attempt: number): Promise<{ project: Measurement; roofline: Measurement }> {
  const dir = join(root, `run-requests-${attempt}`);
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  const requests = await writeRequests(root, size);
  // Batches end as soon as they exist: what is left of the provider's lifecycle is Batchdesk's own wait to look.
  const fake = await startOpenAIFake({ clock: new FakeClock(Date.now()), scenario: { validatingMs: 0, inProgressMs: 0, finalizingMs: 0 } });
  const home = join(dir, 'home');
  const env = { OPENAI_BASE_URL: fake.url, OPENAI_API_KEY: 'sk-bench-openai', BATCHDESK_POLL_INTERVAL_MS: '1000' };
  try {
    // The fake answers in this process, which does nothing else meanwhile: its CPU time is the fake's own share.
    const cpu = process.cpuUsage();
    const run = await batchdesk(home, ['run', '--requests', requests, '--model', MODEL, '--wait', '--json'], env);
    const { user, system } = process.cpuUsage(cpu);
    const { run_id } = JSON.parse(run.stdout.split('\n')[0]!) as { run_id: string };
    const exported = await batchdesk(home, ['results', run_id, '--format', 'csv', '-o', join(dir, 'results.csv')], env);
    const { waitMs, batches } = providerWaitMs(home, run_id);
    // The roofline parses the very result lines the fake answered.
    const outputs = readdirSync(join(home, 'runs', run_id), { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('-output.jsonl'));
    const results = join(dir, 'results.jsonl');
    writeFileSync(results, outputs.map((f) => readFileSync(join(home, 'runs', run_id, f), 'utf8')).join(''));
    const roofline = await runNode([ROOFLINE, 'run-requests', requests, results, dir]);
    const project = { ms: run.ms + exported.ms, rss_mb: Math.max(run.rss_mb, exported.rss_mb) };
    return { project: measurement(project, { provider_wait_ms: waitMs, fake_ms: (user + system) / 1000, batches, run_ms: run.ms, export_ms: exported.ms }), roofline: measurement(roofline) };
  } finally {
    await fake.close();
  }
}

export type DryKind = 'requests' | 'dataset';

/**
 * A dry run with a key counts a sample of each model's jobs exactly (OpenAI: its tokenizer for text, the
 * count-tokens endpoint for files): the fake answers those, as OpenAI would, on this machine.
 */
async function withCountEndpoint<T>(work: (env: Record<string, string>) => Promise<T>): Promise<T> {
  const fake = await startOpenAIFake({ clock: new FakeClock(Date.now()) });
  try {
    return await work({ OPENAI_BASE_URL: fake.url, OPENAI_API_KEY: 'sk-bench-openai' });
  } finally {
    await fake.close();
  }
}

/** `batchdesk run --dry-run` over `size` requests or dataset rows, and its roofline. */
export async function dryRun(root: string, kind: DryKind, size: number): Promise<{ project: Measurement; roofline: Measurement }> {
  const input = kind === 'requests' ? await writeRequests(root, size) : await writeDataset(root, size);
  const args = kind === 'requests' ? ['--requests', input, '--model', MODEL] : ['--dataset', input, '--template', DATASET_TEMPLATE, '--model', MODEL];
  rmSync(join(root, `dry-${kind}-${size}`), { recursive: true, force: true });
  const project = await withCountEndpoint((env) => batchdesk(join(root, `dry-${kind}-${size}`), ['run', ...args, '--dry-run', '--json'], env));
  const jobs = (JSON.parse(project.stdout) as { jobs: number }).jobs;
  if (jobs !== size) throw new Error(`dry run of ${size} ${kind} planned ${jobs} jobs`);
  const roofline = await runNode([ROOFLINE, `dry-${kind}`, input]);
  return { project: measurement(project, { us_per_job: (project.ms * 1000) / size }), roofline: measurement(roofline, { us_per_job: (roofline.ms * 1000) / size }) };
}

/** `batchdesk run DIR --dry-run` over `count` files (half PDFs, half text), and its roofline. */
export async function dryFiles(root: string, count: number): Promise<{ project: Measurement; roofline: Measurement }> {
  const folder = join(root, `files-${count}`);
  try {
    readdirSync(folder);
  } catch {
    writeFiles(root, count);
  }
  const project = await withCountEndpoint((env) => batchdesk(join(root, 'dry-files-home'), ['run', folder, '--model', MODEL, '--prompt', 'Summarise this document in three sentences.', '--dry-run', '--json'], env));
  const jobs = (JSON.parse(project.stdout) as { jobs: number }).jobs;
  if (jobs !== count) throw new Error(`dry run of ${count} files planned ${jobs} jobs`);
  const roofline = await runNode([ROOFLINE, 'dry-files', folder]);
  return { project: measurement(project), roofline: measurement(roofline) };
}
