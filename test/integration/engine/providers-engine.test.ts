// Issue 3 acceptance, through the whole engine: for each provider, text, PDF, image and structured-output jobs
// (plus embeddings for OpenAI and Gemini, citations for Anthropic) run against the fake servers with the real
// SDKs, and the stored JobResults carry the text, tokens and a cost computed at batch prices.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runView } from '../../../src/main/api/run-view.ts';
import { jobResults } from '../../../src/main/api/job-results.ts';
import { batchCost } from '../../../src/main/core/cost.ts';
import { inspectFile } from '../../../src/main/inputs/inspect/index.ts';
import type { JobSpec } from '../../../src/shared/domain.ts';
import { startFakes, type Fakes } from '../../helpers/fakes.ts';
import { testEngine, type TestEngine } from '../../helpers/engine.ts';
import { tinyPdf, tinyPng } from '../../helpers/sample-files.ts';
import { tempDir } from '../../helpers/cli.ts';
import { FakeClock } from '../../fakes/fake-http.ts';

const SCHEMA = { type: 'object', properties: { title: { type: 'string' }, pages: { type: 'integer' }, peer_reviewed: { type: 'boolean' } }, required: ['title', 'pages', 'peer_reviewed'] };

const PROVIDERS = [
  { name: 'openai', model: 'openai/gpt-4.1-mini', embeddings: 'openai/text-embedding-3-small', citations: false },
  { name: 'anthropic', model: 'anthropic/claude-haiku-4-5', embeddings: null, citations: true },
  { name: 'gemini', model: 'gemini/gemini-2.5-flash', embeddings: 'gemini/gemini-embedding-001', citations: false },
] as const;

describe.each(PROVIDERS)('$name through the engine', (p) => {
  let fakes: Fakes;
  let engine: TestEngine;
  let files: ReturnType<typeof tempDir>;
  beforeAll(async () => {
    fakes = await startFakes({}, undefined);
    for (const fake of [fakes.openai, fakes.anthropic, fakes.gemini]) fake.clock.set(new FakeClock().now());
    engine = testEngine(fakes.env);
    files = tempDir();
    writeFileSync(join(files.path, 'paper.pdf'), tinyPdf('Rivers carry sediment'));
    writeFileSync(join(files.path, 'figure.png'), tinyPng());
    writeFileSync(join(files.path, 'notes.txt'), 'Field notes: the glacier retreated 40 metres in 2025.');
  });
  afterAll(async () => {
    await engine.close();
    await fakes.close();
    files.cleanup();
  });

  it('stores results with tokens and cost for every input kind', async () => {
    const base = { model: p.model, endpoint: 'chat' as const, params: { max_tokens: 100 } };
    const jobs: JobSpec[] = [
      { ...base, id: 'text', label: 'text', messages: [{ role: 'user', content: 'Name three rivers in Europe.' }], system: 'Be brief.' },
      { ...base, id: 'pdf', label: 'paper.pdf', file: await inspectFile(join(files.path, 'paper.pdf')), prompt: 'Summarise this paper' },
      { ...base, id: 'image', label: 'figure.png', file: await inspectFile(join(files.path, 'figure.png')), prompt: 'Describe the figure' },
      { ...base, id: 'structured', label: 'structured', messages: [{ role: 'user', content: 'Extract the metadata.' }], schema: SCHEMA },
    ];
    if (p.embeddings) jobs.push({ id: 'embedding', label: 'embedding', model: p.embeddings, endpoint: 'embeddings', params: {}, input: 'glacier retreat' });
    if (p.citations) jobs.push({ ...base, id: 'cited', label: 'notes.txt', file: await inspectFile(join(files.path, 'notes.txt')), prompt: 'How far did the glacier retreat? Cite.', citations: true });

    const runId = await engine.create({ jobs });
    await engine.runFor(120_000, 1000, () => runView(engine.host.ctx, runId).status === 'completed');
    const view = runView(engine.host.ctx, runId);
    expect(view.status).toBe('completed');
    expect(view.jobs.succeeded).toBe(jobs.length);

    const results = Object.fromEntries(jobResults(engine.host.ctx, runId).map((r) => [r.job_id, r]));
    for (const job of jobs) {
      const result = results[job.id]!;
      const model = engine.host.ctx.registry.resolve(job.model);
      expect(result.status, job.id).toBe('succeeded');
      expect(result.input_tokens, job.id).toBeGreaterThan(0);
      expect(result.cost_usd, job.id).toBeCloseTo(batchCost(model.price!, result), 8);
      expect(result.simulated).toBe(false);
      if (job.endpoint !== 'embeddings') {
        expect(result.output_tokens, job.id).toBeGreaterThan(0);
        expect(result.cost_usd!, job.id).toBeGreaterThan(0);
      }
    }
    expect(results.text!.text).toMatch(/fake answer to:/);
    expect(results.structured!.parsed).toEqual({ title: expect.any(String), pages: expect.any(Number), peer_reviewed: expect.any(Boolean) });
    expect(results.structured!.schema_errors).toEqual([]);
    if (p.embeddings) {
      const row = [...engine.host.store.exportRows.iterate(runId)].find((r) => r.job_id === 'embedding')!;
      expect(row.embedding!.length).toBeGreaterThan(0);
    }
    if (p.citations) {
      expect(results.cited!.citations.length).toBeGreaterThan(0);
      expect(results.cited!.citations[0]!.cited_text.length).toBeGreaterThan(0);
    }
    expect(view.cost_usd.actual).toBeCloseTo(Object.values(results).reduce((a, r) => a + (r.cost_usd ?? 0), 0), 8);
  });

  it('estimates text jobs within 10% of the actual cost (the fakes report the tokenizer counts)', async () => {
    const jobs: JobSpec[] = Array.from({ length: 5 }, (_, i) => ({
      id: `est-${i}`,
      label: `est-${i}`,
      model: p.model,
      endpoint: 'chat',
      params: { max_tokens: 20 },
      messages: [{ role: 'user', content: `Document ${i}: ${'The committee reviewed the annual report on regional water quality and found steady improvement. '.repeat(40 + i)}` }],
    }));
    const runId = await engine.create({ jobs });
    await engine.runFor(120_000, 1000, () => runView(engine.host.ctx, runId).status === 'completed');
    const view = runView(engine.host.ctx, runId);
    expect(view.jobs.succeeded).toBe(5);
    expect(Math.abs(view.cost_usd.estimated! - view.cost_usd.actual) / view.cost_usd.actual).toBeLessThan(0.1);
  });
});
