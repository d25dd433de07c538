// Issue 19 acceptance: through the one door (submitRun), against the OpenAI and Gemini fakes (real SDKs, results
// returned in reverse order) and the demo provider, files (chunked), a dataset column and a requests file each give
// one vector per chunk / row / line, of the dimensions asked for, and each vector is the one for its own text.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { submitRun } from '../../../src/main/api/commands/submit-run.ts';
import { runView } from '../../../src/main/api/run-view.ts';
import { demoVector } from '../../../src/main/providers/demo/vector.ts';
import type { NewRunInput } from '../../../src/shared/contract.ts';
import { tempDir } from '../../helpers/cli.ts';
import { testEngine, type TestEngine } from '../../helpers/engine.ts';
import { startFakes, type Fakes } from '../../helpers/fakes.ts';
import { tinyPdf } from '../../helpers/sample-files.ts';
import { FakeClock } from '../../fakes/fake-http.ts';
import { fakeVector } from '../../fakes/fake-vectors.ts';

const PROVIDERS = [
  { name: 'openai', model: 'openai/text-embedding-3-small', dimensions: 256 as number | undefined, expected: 256, vector: fakeVector },
  { name: 'gemini', model: 'gemini/gemini-embedding-001', dimensions: 768 as number | undefined, expected: 768, vector: fakeVector },
  { name: 'demo', model: 'demo/embed', dimensions: undefined, expected: 1536, vector: demoVector },
] as const;

const SENTENCE = (i: number) => `Sentence ${i} says the glacier retreated ${i * 3} metres while the river carried sediment to the delta. `;
const LONG_TEXT = Array.from({ length: 120 }, (_, i) => SENTENCE(i) + (i % 10 === 9 ? '\n\n' : '')).join('');

describe.each(PROVIDERS)('embeddings on $name', (p) => {
  let fakes: Fakes;
  let engine: TestEngine;
  let files: ReturnType<typeof tempDir>;
  beforeAll(async () => {
    fakes = await startFakes({ outOfOrder: true });
    for (const fake of [fakes.openai, fakes.gemini]) fake.clock.set(new FakeClock().now());
    engine = testEngine(fakes.env);
    files = tempDir();
    writeFileSync(join(files.path, 'long.txt'), LONG_TEXT);
    writeFileSync(join(files.path, 'short.txt'), 'Field notes: the glacier retreated 40 metres in 2025.');
    writeFileSync(join(files.path, 'paper.pdf'), tinyPdf('Rivers carry sediment'));
    writeFileSync(join(files.path, 'answers.csv'), 'id,answer,year\nr1,The bus was late every day,2024\nr2,Trains are clean and on time,2024\nr3,I cycle to work,2025\n');
    const line = (id: string, input: string) => JSON.stringify({ custom_id: id, method: 'POST', url: '/v1/embeddings', body: { model: p.model, input } });
    writeFileSync(join(files.path, 'requests.jsonl'), `${line('q1', 'first request text')}\n${line('q2', 'second request text')}\n`);
  });
  afterAll(async () => {
    await engine.close();
    await fakes.close();
    files.cleanup();
  });

  async function run(input: NewRunInput): Promise<string> {
    const dims = p.dimensions !== undefined ? { dimensions: p.dimensions } : {};
    const { run_id } = await submitRun(engine.host, { models: [p.model], endpoint: 'embeddings', ...dims, ...input }, { source: 'library' });
    await engine.runFor(180_000, 1000, () => runView(engine.host.ctx, run_id).status === 'completed');
    expect(runView(engine.host.ctx, run_id).status).toBe('completed');
    return run_id;
  }

  /** Every job has its own vector: the one the provider computes from the job's own text, of the expected length. */
  function expectOwnVectors(runId: string): Map<string, string> {
    const texts = new Map<string, string>();
    for (const row of engine.host.store.exportRows.iterate(runId)) {
      expect(row.status, row.job_id).toBe('succeeded');
      const text = engine.host.store.jobs.byId(runId, row.job_id)!.spec.input as string;
      texts.set(row.job_id, text);
      expect(row.embedding, row.job_id).toHaveLength(p.expected);
      const want = p.vector(text, p.expected);
      for (const i of [0, 1, p.expected - 1]) expect(row.embedding![i], `${row.job_id}[${i}]`).toBeCloseTo(want[i]!, 6);
      expect(row.output_tokens).toBe(0);
      expect(row.cost_usd).toBeGreaterThan(0);
    }
    return texts;
  }

  it('embeds files: a long text in overlapping chunks that keep their offsets, a short text and a PDF', async () => {
    const runId = await run({ files: [join(files.path, 'long.txt'), join(files.path, 'short.txt'), join(files.path, 'paper.pdf')], chunk_tokens: 200, chunk_overlap: 20 });
    const texts = expectOwnVectors(runId);
    const rows = [...engine.host.store.exportRows.iterate(runId, { chunks: true })];
    const long = rows.filter((r) => r.chunk?.source.endsWith('long.txt'));
    expect(long.length).toBeGreaterThan(4);
    long.forEach((row, i) => {
      expect(row.job_id).toBe(`long.txt#${i}`);
      expect(LONG_TEXT.slice(row.chunk!.start, row.chunk!.end)).toBe(texts.get(row.job_id));
      if (i > 0) expect(row.chunk!.start).toBeLessThan(long[i - 1]!.chunk!.end);
    });
    expect(long[0]!.chunk!.start).toBe(0);
    expect(long.at(-1)!.chunk!.end).toBe(LONG_TEXT.length);
    expect(rows.find((r) => r.job_id === 'short.txt')!.chunk).toMatchObject({ index: 0, start: 0 });
    expect(texts.get('paper.pdf')).toContain('Rivers carry sediment');
  });

  it('embeds a dataset column: one vector per row, named by the id column', async () => {
    const runId = await run({ dataset: join(files.path, 'answers.csv'), embed_column: 'answer' });
    const texts = expectOwnVectors(runId);
    expect(Object.fromEntries(texts)).toEqual({ r1: 'The bus was late every day', r2: 'Trains are clean and on time', r3: 'I cycle to work' });
  });

  it('embeds a requests file: one vector per /v1/embeddings line, matched by custom_id', async () => {
    const runId = await run({ requests: join(files.path, 'requests.jsonl') });
    const texts = expectOwnVectors(runId);
    expect(Object.fromEntries(texts)).toEqual({ q1: 'first request text', q2: 'second request text' });
  });
});
