// Acceptance (issue 18): `batchdesk bundle RUN -o DIR` holds every item the issue lists, the UI's zip holds the same
// files, and `batchdesk run --from-bundle DIR` sends request lines identical to the original's, on the wire (the
// Anthropic fake through the real SDK) and in every provider input file; only the custom id's prefix differs, as
// it names the new provider batch (docs/methods.md).
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { unzipSync } from 'fflate';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EngineHost } from '../../../src/main/api/engine-host.ts';
import { writeExport } from '../../../src/main/api/service/index.ts';
import { BundleJobSchema, BundleManifestSchema, type BundleManifest } from '../../../src/shared/methods-bundle.ts';
import { cleanEnv, runCli, tempDir } from '../../helpers/cli.ts';
import { startFakes, type Fakes } from '../../helpers/fakes.ts';
import { demoLabelRunArgs, LABEL_SCHEMA, runToEnd, writeLabelDataset } from '../../helpers/research.ts';

const ANTHROPIC = 'anthropic/claude-haiku-4-5';
const ROOT = join(import.meta.dirname, '../../..');
const dir = tempDir('batchdesk-bundle-');
const home = join(dir.path, 'home');
const bundleDir = join(dir.path, 'bundle');
let fakes: Fakes;
let env: NodeJS.ProcessEnv;
let files: { dataset: string; schema: string };
let original: string;
let manifest: BundleManifest;

const sha256 = (bytes: Buffer | string) => createHash('sha256').update(bytes).digest('hex');
const version = (path: string) => (JSON.parse(readFileSync(join(ROOT, path), 'utf8')) as { version: string }).version;
const prefixless = (line: string) => line.replace(/"(custom_id|key)":"[0-9a-f]{8}_(\d+)"/, '"$1":"_$2"');

/** The request lines the Anthropic fake received in batch creates, in order, as JSON text. */
function anthropicLinesSent(from = 0): string[] {
  return fakes.anthropic
    .receivedBodies()
    .slice(from)
    .flatMap((body) => {
      try {
        const parsed = JSON.parse(body) as { requests?: unknown[] };
        return Array.isArray(parsed.requests) ? parsed.requests.map((r) => JSON.stringify(r)) : [];
      } catch {
        return [];
      }
    });
}

function inputFiles(runId: string): Map<string, string[]> {
  const folder = join(home, 'runs', runId);
  return new Map(readdirSync(folder).map((batch) => [batch, readFileSync(join(folder, batch, 'input.jsonl'), 'utf8').trimEnd().split('\n')]));
}

beforeAll(async () => {
  fakes = await startFakes({ validatingMs: 200, inProgressMs: 400, finalizingMs: 200, autoAdvanceMs: 500 });
  env = cleanEnv({ ...fakes.env, BATCHDESK_DEMO_SECONDS: '0', BATCHDESK_KEYCHAIN: 'off' });
  files = writeLabelDataset(dir.path);
  original = await runToEnd([...demoLabelRunArgs(home, files, [ANTHROPIC, 'demo/mini']), '--temperature', '0', '--items-per-batch', '40'], env);
  const written = await runCli(['--home', home, 'bundle', original, '-o', bundleDir], env);
  expect(written.stderr).toBe('');
  manifest = BundleManifestSchema.parse(JSON.parse(readFileSync(join(bundleDir, 'manifest.json'), 'utf8')));
}, 120_000);

afterAll(async () => {
  await fakes?.close();
  dir.cleanup();
});

describe('batchdesk bundle', () => {
  it('holds the request lines of every provider batch as sent', () => {
    const sent = inputFiles(original);
    expect(manifest.provider_batches).toHaveLength(4); // 60 Anthropic jobs in batches of 40 + 20, and the same for demo/mini
    for (const batch of manifest.provider_batches) {
      const bytes = readFileSync(join(bundleDir, batch.requests_file!));
      expect(bytes.toString('utf8').trimEnd().split('\n')).toEqual(sent.get(batch.id));
      expect(batch.requests_sha256).toBe(sha256(bytes));
    }
    const anthropicLines = manifest.provider_batches.filter((b) => b.provider === 'anthropic').flatMap((b) => readFileSync(join(bundleDir, b.requests_file!), 'utf8').trimEnd().split('\n'));
    expect(anthropicLinesSent()).toEqual(anthropicLines);
  });

  it('holds the model ids the provider returned, every parameter with its origin, prompt, template and schema', () => {
    const anthropic = manifest.models.find((m) => m.id === ANTHROPIC)!;
    const requested = new Set(anthropicLinesSent().map((l) => (JSON.parse(l) as { params: { model: string } }).params.model));
    expect(anthropic.returned).toEqual([...requested]);
    expect(manifest.models.find((m) => m.id === 'demo/mini')!.returned).toEqual(['demo/mini']);
    const parameter = (model: string, name: string) => manifest.parameters.find((p) => p.model === model && p.name === name)!;
    expect(parameter(ANTHROPIC, 'temperature')).toMatchObject({ value: 0, origin: 'given' });
    expect(parameter(ANTHROPIC, 'max_tokens')).toMatchObject({ value: 4096, origin: 'batchdesk default' });
    expect(parameter(ANTHROPIC, 'top_p')).toMatchObject({ origin: 'not sent' });
    expect(parameter('demo/mini', 'max_tokens')).toMatchObject({ origin: 'not sent' });
    expect(manifest.provider_batches[0]!.parameters).toMatchObject({ model: expect.any(String), max_tokens: 4096, temperature: 0 });
    expect(readFileSync(join(bundleDir, 'template.txt'), 'utf8')).toBe('Classify this answer: {{answer}}');
    expect(JSON.parse(readFileSync(join(bundleDir, 'schema.json'), 'utf8'))).toEqual(LABEL_SCHEMA);
    expect(manifest.run.recipe).toMatchObject({ source: 'dataset', models: [ANTHROPIC, 'demo/mini'], params: { temperature: 0 }, template: 'Classify this answer: {{answer}}' });
    expect(manifest.run.items_per_batch).toBe(40);
  });

  it('holds the price table version and source, app and SDK versions, and the SHA-256 of every input', () => {
    const price = manifest.models.find((m) => m.id === ANTHROPIC)!.price!;
    expect(price.source).toMatch(/^https:\/\//);
    expect(price.as_of).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    expect(manifest.price_table.checked_on).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    expect(manifest.software.batchdesk).toBe(version('package.json'));
    for (const sdk of ['openai', '@anthropic-ai/sdk', '@google/genai']) expect(manifest.software.sdks[sdk]).toBe(version(`node_modules/${sdk}/package.json`));
    expect(manifest.run.recipe!.dataset!.sha256).toBe(sha256(readFileSync(files.dataset)));
    expect(manifest.run.recipe!.schema_file!.sha256).toBe(sha256(readFileSync(files.schema)));
    expect(new Set(manifest.inputs.map((i) => i.label)).size).toBe(60);
    const jobs = readFileSync(join(bundleDir, 'jobs.jsonl'), 'utf8').trimEnd().split('\n').map((l) => BundleJobSchema.parse(JSON.parse(l)));
    expect(jobs).toHaveLength(120);
    for (const job of jobs) {
      const line = readFileSync(join(bundleDir, 'requests', `${job.provider_batch_id}.jsonl`), 'utf8').split('\n').find((l) => l.includes(`"${job.custom_id}"`))!;
      expect(job.request_sha256).toBe(sha256(line));
      expect(manifest.inputs.some((i) => i.label === job.label && i.sha256 === job.input_sha256)).toBe(true);
    }
    for (const [name, digest] of Object.entries(manifest.files)) expect(sha256(readFileSync(join(bundleDir, name))), name).toBe(digest);
  });

  it('holds provider batch ids and timestamps, the estimate and the actual cost, and a methods paragraph', async () => {
    const status = JSON.parse((await runCli(['--home', home, 'status', original, '--json'], env)).stdout) as { cost_usd: { estimated: number; actual: number } };
    for (const batch of manifest.provider_batches) {
      expect(batch.remote_id).toMatch(/\S/);
      expect(Date.parse(batch.submitted_at!)).toBeGreaterThan(0);
      expect(batch.actual_usd).toBeGreaterThan(0);
    }
    expect(manifest.cost.estimated_usd).toBeCloseTo(status.cost_usd.estimated, 12);
    expect(manifest.cost.actual_usd).toBeCloseTo(status.cost_usd.actual, 12);
    const methods = readFileSync(join(bundleDir, 'methods.md'), 'utf8');
    expect(methods).toContain('# Methods (draft)');
    expect(methods).toContain(`using Batchdesk ${version('package.json')}`);
    expect(methods).toContain('temperature = 0');
    for (const batch of manifest.provider_batches) expect(methods).toContain(batch.remote_id!);
  });

  it('gives the UI the same files as one zip (runs.export methods_zip)', async () => {
    const host = new EngineHost({ home, env: {}, vault: null });
    const chunks: Buffer[] = [];
    try {
      const sink = new Writable({ write: (chunk: Buffer, _e, done) => (chunks.push(chunk), done()) });
      await writeExport(host, { run_id: original, format: 'methods_zip' }, sink);
    } finally {
      await host.close();
    }
    const zipped = unzipSync(new Uint8Array(Buffer.concat(chunks)));
    expect(Object.keys(zipped).sort()).toEqual([...Object.keys(manifest.files), 'manifest.json'].sort());
    for (const name of Object.keys(manifest.files).filter((n) => n !== 'methods.md')) expect(sha256(Buffer.from(zipped[name]!)), name).toBe(manifest.files[name]);
  });
});

describe('batchdesk run --from-bundle', () => {
  it('sends request lines identical to the original, but for the prefix of each custom id', async () => {
    const before = fakes.anthropic.receivedBodies().length;
    const rerun = await runToEnd(['--home', home, 'run', '--from-bundle', bundleDir], env);
    const sentAgain = anthropicLinesSent(before);
    const sentFirst = anthropicLinesSent().slice(0, 60);
    expect(sentAgain).toHaveLength(60);
    expect(sentAgain.map(prefixless)).toEqual(sentFirst.map(prefixless));
    expect(sentAgain[0]).not.toBe(sentFirst[0]);
    const lines = (runId: string) => [...inputFiles(runId).values()].flat().map(prefixless).sort();
    expect(lines(rerun)).toEqual(lines(original));
    expect(inputFiles(rerun).size).toBe(4);
    const agreement = (runId: string) => runCli(['--home', home, 'agreement', runId, '--field', 'sentiment', '--gold', 'truth', '--resamples', '0', '--json'], env);
    expect(JSON.parse((await agreement(rerun)).stdout).raters).toEqual(JSON.parse((await agreement(original)).stdout).raters);
  }, 60_000);

  it('refuses a bundle whose files changed, and flags that would change its requests', async () => {
    const changed = readFileSync(join(bundleDir, 'jobs.jsonl'), 'utf8').replace('"r1"', '"r0"');
    writeFileSync(join(bundleDir, 'jobs.jsonl'), changed);
    const tampered = await runCli(['--home', home, 'run', '--from-bundle', bundleDir], env);
    expect(tampered.code).toBe(2);
    expect(tampered.stderr).toContain('jobs.jsonl has changed since the bundle was made');
    const flags = await runCli(['--home', home, 'run', '--from-bundle', bundleDir, '--model', 'demo/echo', '--temperature', '1'], env);
    expect(flags.code).toBe(2);
    expect(flags.stderr).toContain('a methods bundle sends its recorded requests as they were: leave out --model, --max-tokens / --temperature');
    const missing = await runCli(['--home', home, 'run', '--from-bundle', dir.path], env);
    expect(missing.stderr).toContain('is not a methods bundle: it has no manifest.json');
  });
});
