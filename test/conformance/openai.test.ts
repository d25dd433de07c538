// Request-shape conformance of the OpenAI adapter: upload, create, poll, find, download + parse and cancel,
// through the real SDK against a Prism mock of OpenAI's published OpenAPI description
// (../shared/conformance/run-conformance.sh sets OPENAI_BASE_URL and OPENAI_API_KEY and fails on any
// request the spec rejects). Prism is stateless: it answers with the spec's examples.
import { randomUUID } from 'node:crypto';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BATCH_STATUSES, JobSpecSchema, type JobSpec } from '../../src/shared/domain.ts';
import type { ResultLine } from '../../src/main/core/provider.ts';
import { createOpenAIProvider, OPENAI_MODELS } from '../../src/main/providers/openai/index.ts';

const baseURL = process.env.OPENAI_BASE_URL;
const MODEL = OPENAI_MODELS.find((m) => m.id === 'openai/gpt-4.1-mini')!;

describe.skipIf(!baseURL)('OpenAI adapter conformance (Prism)', () => {
  const provider = createOpenAIProvider({
    apiKey: process.env.OPENAI_API_KEY ?? null,
    baseURL,
    maxRetries: 0,
  });
  let dir: string;
  let inputPath: string;
  const tag = randomUUID();
  const jobs: JobSpec[] = [
    JobSpecSchema.parse({
      id: 'a',
      label: 'a',
      model: MODEL.id,
      system: 'Be terse.',
      prompt: 'What is 2+2?',
      params: { max_tokens: 20 },
    }),
    JobSpecSchema.parse({
      id: 'b',
      label: 'b',
      model: MODEL.id,
      prompt: 'Extract.',
      schema: { type: 'object', properties: { x: { type: 'string' } } },
    }),
  ];

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'bd-openai-conf-'));
    inputPath = join(dir, 'input.jsonl');
    const lines = await Promise.all(
      jobs.map((job, i) => provider.requestLine({ customId: `req-${i}`, job, model: MODEL })),
    );
    await writeFile(inputPath, lines.map((l) => JSON.stringify(l)).join('\n') + '\n');
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('uploads, creates, polls, finds, downloads, parses and cancels with requests the spec accepts', async () => {
    const input = { tag, inputPath, requestCount: jobs.length, model: MODEL, endpoint: 'chat' as const };
    const { fileId } = await provider.upload!(input);
    expect(fileId).toEqual(expect.any(String));

    const created = await provider.create({ ...input, fileId, confirmCreate: () => {} });
    expect(BATCH_STATUSES).toContain(created.status);

    const polled = await provider.poll(created.remoteId);
    expect(polled.status).toBe('completed');
    expect(polled.resultsExpireAt).toEqual(expect.any(Number));

    // Prism's examples carry no tag of ours: the lists are walked (their example cursors never advance,
    // which the adapter must survive) and nothing matches.
    expect(await provider.findUpload!(tag)).toBeNull();
    expect(await provider.findBatch(tag, { createdAfter: 0, requestCount: jobs.length })).toBeNull();
    expect(await provider.findBatch(tag, { createdAfter: Date.now(), requestCount: jobs.length })).toBeNull();

    const files = await provider.download(polled, join(dir, 'results'));
    expect(files.length).toBeGreaterThan(0);
    const parsed: ResultLine[] = [];
    for await (const line of provider.parseResults(files[0]!)) parsed.push(line);
    expect(parsed.length).toBeGreaterThan(0);
    expect(parsed.filter((l) => l.kind === 'result').length).toBeGreaterThan(0);

    const cancelled = await provider.cancel(created.remoteId);
    expect(['cancelling', 'cancelled', 'completed']).toContain(cancelled.status);
  });
});
