// Estimate vs actual, end to end through the engine and the fake providers (real SDKs on 127.0.0.1). The fakes bill
// images, PDFs and schemas by each provider's documented rule (test/fakes/file-usage.ts, written apart from the
// app), so for every provider and fixture:
// - with a key, the engine's stored estimate (count-tokens endpoints, files included) is within 10% of the billed
//   input (exact but for Gemini, whose count endpoint sees contents only: the response schema is added by rule);
// - without a key, the rule the engine falls back to for files (core/token-rules on the input check's facts) is
//   within ±15%. Text without a key is held to the providers' "about 4 characters a token" in the unit suite
//   (test/unit/core/token-rules-accuracy.test.ts): the fakes' stand-in tokenizer is not the providers' own.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { jobResults } from '../../../src/main/api/job-results.ts';
import { runView } from '../../../src/main/api/run-view.ts';
import { jobTokensByRule } from '../../../src/main/core/token-rules/index.ts';
import { inspectFile } from '../../../src/main/inputs/inspect/index.ts';
import type { Attachment, JobSpec } from '../../../src/shared/domain.ts';
import { FakeClock } from '../../fakes/fake-http.ts';
import { tempDir } from '../../helpers/cli.ts';
import { testEngine, type TestEngine } from '../../helpers/engine.ts';
import { startFakes, type Fakes } from '../../helpers/fakes.ts';
import { pdfDocument, sizedJpeg, sizedPng } from '../../helpers/sample-files.ts';

const LINE = 'Respondents said the reading room was quieter after the change and asked for longer hours.';
const PAGE = Array.from({ length: 10 }, (_, i) => `${i + 1}. ${LINE}`).join('\n');
const SCHEMA = { type: 'object', properties: { sentiment: { type: 'string', enum: ['positive', 'neutral', 'negative'] }, reason: { type: 'string' } }, required: ['sentiment', 'reason'] };

const PROVIDERS = [
  { name: 'openai', model: 'openai/gpt-6.1-sol' },
  { name: 'anthropic', model: 'anthropic/claude-sonnet-5-5' },
  { name: 'gemini', model: 'gemini/gemini-3.8-flash' },
] as const;

describe.each(PROVIDERS)('$name: estimated vs billed input tokens', (p) => {
  let fakes: Fakes;
  let engine: TestEngine;
  let files: ReturnType<typeof tempDir>;
  let jobs: JobSpec[];
  let runId: string;

  /** The input check reads the facts from the file; they must be the ones the fixture was built with. */
  const withFacts = async (name: string, bytes: Buffer, facts: Partial<Attachment>) => {
    writeFileSync(join(files.path, name), bytes);
    const file = await inspectFile(join(files.path, name));
    expect(file).toMatchObject(facts);
    return file;
  };

  beforeAll(async () => {
    fakes = await startFakes();
    for (const fake of [fakes.openai, fakes.anthropic, fakes.gemini]) fake.clock.set(new FakeClock().now());
    engine = testEngine(fakes.env);
    files = tempDir();
    const pageText = PAGE.replace(/\n/g, '');
    const base = { model: p.model, endpoint: 'chat' as const, params: { max_tokens: 200 } };
    const fileJob = (id: string, file: Attachment): JobSpec => ({ ...base, id, label: id, file, prompt: 'Summarise what this shows.' });
    jobs = [
      { ...base, id: 'text', label: 'plain text', prompt: `Summarise: ${LINE.repeat(12)}` },
      fileJob('pdf3', await withFacts('report.pdf', pdfDocument([{ text: PAGE }, { text: PAGE }, { text: PAGE }]), { pages: 3, text_chars: pageText.length * 3, width: 612, height: 792 })),
      fileJob('scan', await withFacts('scan.pdf', pdfDocument([{ image: true }]), { pages: 1, text_chars: 0, width: 612, height: 792 })),
      fileJob('png', await withFacts('chart.png', sizedPng(1024, 1024), { width: 1024, height: 1024 })),
      fileJob('jpeg', await withFacts('photo.jpg', sizedJpeg(400, 300), { width: 400, height: 300 })),
      { ...base, id: 'row', label: 'dataset row', prompt: `Classify this answer: ${LINE}`, schema: SCHEMA },
    ];
    runId = await engine.create({ jobs });
    await engine.runFor(120_000, 1000, () => runView(engine.host.ctx, runId).status === 'completed');
  }, 120_000);

  afterAll(async () => {
    await engine?.close();
    await fakes?.close();
    files?.cleanup();
  });

  it('runs every fixture', () => {
    expect(runView(engine.host.ctx, runId).jobs.succeeded).toBe(jobs.length);
  });

  it.each(['text', 'pdf3', 'scan', 'png', 'jpeg', 'row'])('%s: the stored estimate (count endpoint) matches the billed input', (id) => {
    const billed = jobResults(engine.host.ctx, runId).find((r) => r.job_id === id)!.input_tokens;
    const stored = [...engine.host.store.jobs.iterate(runId)].find((j) => j.id === id)!.estimated_input_tokens!;
    expect(billed).toBeGreaterThan(0);
    expect(Math.abs(stored - billed) / billed).toBeLessThanOrEqual(0.1);
  });

  it.each(['pdf3', 'scan', 'png', 'jpeg'])('%s: the rule used without a key is within ±15%% of the billed input', (id) => {
    const billed = jobResults(engine.host.ctx, runId).find((r) => r.job_id === id)!.input_tokens;
    const job = jobs.find((j) => j.id === id)!;
    const byRule = jobTokensByRule(job, engine.host.ctx.registry.resolve(p.model));
    expect(Math.abs(byRule - billed) / billed).toBeLessThanOrEqual(0.15);
  });
});
