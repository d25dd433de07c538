// The Gemini adapter end to end: the real @google/genai SDK against the stateful fake on 127.0.0.1.
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes, randomUUID } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { Ajv } from 'ajv';
import { countTokens } from 'gpt-tokenizer';
import { createGeminiProvider, GEMINI_MODELS } from '../../../src/main/providers/gemini/index.ts';
import type { ParsedResult, Provider, RemoteBatch, ResultLine } from '../../../src/main/core/provider.ts';
import { JobSpecSchema, TERMINAL_BATCH_STATUSES, type JobSpec, type ModelConfig } from '../../../src/shared/domain.ts';
import { startGeminiFake } from '../../fakes/gemini-server.ts';
import type { FakeProviderServer, FakeScenario } from '../../fakes/types.ts';
import { tinyPdf, tinyPng } from '../../helpers/sample-files.ts';

const FLASH = GEMINI_MODELS.find((m) => m.id === 'gemini/gemini-2.5-flash')!;
const EMBED = GEMINI_MODELS.find((m) => m.id === 'gemini/gemini-embedding-001')!;

let dir: string;
let fake: FakeProviderServer;
let provider: Provider;

async function start(scenario: Partial<FakeScenario> = {}): Promise<void> {
  fake = await startGeminiFake({ scenario });
  provider = createGeminiProvider({ apiKey: 'test-key', baseURL: fake.url, maxRetries: 2 });
}

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'gemini-it-'));
});
afterEach(async () => {
  await fake?.close();
  await rm(dir, { recursive: true, force: true });
});

function job(fields: Partial<JobSpec> & { id: string }): JobSpec {
  return JobSpecSchema.parse({ label: fields.id, model: FLASH.id, ...fields });
}

async function attachment(name: string, mediaType: string, bytes: Buffer) {
  const path = join(dir, name);
  await writeFile(path, bytes);
  return { path, name, media_type: mediaType, size: bytes.length, sha256: 'x' };
}

interface Submitted { tag: string; input: string; remote: RemoteBatch; model: ModelConfig; endpoint: JobSpec['endpoint'] }

async function submit(jobs: JobSpec[], model = FLASH): Promise<Submitted> {
  const tag = randomUUID();
  const lines = await Promise.all(jobs.map((j, i) => provider.requestLine({ customId: `${tag.slice(0, 8)}_${i}`, job: j, model })));
  const input = join(dir, `${tag}.jsonl`);
  await writeFile(input, lines.map((l) => JSON.stringify(l)).join('\n') + '\n');
  const endpoint = jobs[0]!.endpoint;
  const upload = { tag, inputPath: input, requestCount: jobs.length, model, endpoint };
  const { fileId } = await provider.upload!(upload);
  const remote = await provider.create({ ...upload, fileId, confirmCreate: () => {} });
  return { tag, input, remote, model, endpoint };
}

async function pollToEnd(remoteId: string): Promise<RemoteBatch> {
  for (let i = 0; i < 100; i += 1) {
    fake.clock.advance(2_000);
    const remote = await provider.poll(remoteId);
    if (TERMINAL_BATCH_STATUSES.includes(remote.status)) return remote;
  }
  throw new Error('batch never ended');
}

async function results(remote: RemoteBatch): Promise<Map<string, ParsedResult>> {
  const out = new Map<string, ParsedResult>();
  const all: ResultLine[] = [];
  for (const file of await provider.download(remote, join(dir, 'out'))) for await (const line of provider.parseResults(file)) all.push(line);
  for (const line of all) {
    expect(line.kind).toBe('result');
    if (line.kind === 'result') out.set(line.customId, line);
  }
  return out;
}

const byIndex = (s: Submitted, map: Map<string, ParsedResult>, i: number) => map.get(`${s.tag.slice(0, 8)}_${i}`);

describe('Gemini adapter against the fake', () => {
  it('runs a text job inline and reports text and the tokenizer counts', async () => {
    await start();
    const jobs = [
      job({ id: 'a', system: 'Be brief.', prompt: 'Summarise the causes of the French Revolution in one line.' }),
      job({ id: 'b', messages: [{ role: 'user', content: 'Say hi [[fail]]' }] }),
    ];
    const s = await submit(jobs);
    expect(s.remote.status).toBe('validating');
    expect(fake.http.log.some((r) => r.path.startsWith('/upload/'))).toBe(false);
    const body = JSON.parse(fake.receivedBodies().find((b) => b.includes('"displayName"'))!) as {
      batch: { displayName: string; inputConfig: { requests: { requests: { metadata: { key: string } }[] } } };
    };
    expect(body.batch.displayName).toBe(`batchdesk-${s.tag}`);
    expect(body.batch.inputConfig.requests.requests.map((r) => r.metadata.key)).toEqual([`${s.tag.slice(0, 8)}_0`, `${s.tag.slice(0, 8)}_1`]);
    const final = await pollToEnd(s.remote.remoteId);
    expect(final.status).toBe('completed');
    expect(final.counts).toEqual({ total: 2, succeeded: 1, failed: 1, processing: 0 });
    const map = await results(final);
    const a = byIndex(s, map, 0)!;
    expect(a.outcome).toBe('succeeded');
    expect(a.text).toBe('fake answer to: Summarise the causes of the French Revolution in one line.');
    expect(a.usage.input_tokens).toBe(countTokens('Be brief.') + countTokens('Summarise the causes of the French Revolution in one line.'));
    expect(a.usage.output_tokens).toBe(countTokens(a.text!));
    expect(await provider.estimateInputTokens!(jobs[0]!, FLASH)).toBe(a.usage.input_tokens);
    const b = byIndex(s, map, 1)!;
    expect(b.outcome).toBe('failed');
    expect(b.errorCategory).toBe('invalid_request');
  });

  it('sends a PDF and an image as inlineData parts', async () => {
    await start();
    const pdf = await attachment('paper.pdf', 'application/pdf', tinyPdf());
    const png = await attachment('figure.png', 'image/png', tinyPng());
    const s = await submit([job({ id: 'p', file: pdf, prompt: 'What is this PDF about?' }), job({ id: 'i', file: png, prompt: 'Describe the image.' })]);
    const sent = fake.receivedBodies().join('\n');
    expect(sent).toContain(tinyPdf().toString('base64'));
    expect(sent).toContain('"mimeType":"application/pdf"');
    expect(sent).toContain(tinyPng().toString('base64'));
    const map = await results(await pollToEnd(s.remote.remoteId));
    expect(byIndex(s, map, 0)!.text).toBe('fake answer to: What is this PDF about?');
    expect(byIndex(s, map, 1)!.text).toBe('fake answer to: Describe the image.');
    // The fake bills the 1×1 image by Gemini 2.x's rule: 258 tokens for an image with both sides ≤ 384 px.
    expect(byIndex(s, map, 1)!.usage.input_tokens).toBe(countTokens('Describe the image.') + 258);
  });

  it('returns structured output that parses and satisfies the schema', async () => {
    await start();
    const schema = {
      type: 'object',
      properties: { title: { type: 'string' }, year: { type: 'integer' }, kind: { type: 'string', enum: ['article', 'book'] }, tags: { type: 'array', items: { type: 'string' } } },
      required: ['title', 'year', 'kind', 'tags'],
      additionalProperties: false,
    };
    const s = await submit([job({ id: 's', prompt: 'Extract the fields.', schema })]);
    expect(fake.receivedBodies().join('\n')).toContain('"responseMimeType":"application/json"');
    const map = await results(await pollToEnd(s.remote.remoteId));
    const parsed: unknown = JSON.parse(byIndex(s, map, 0)!.text!);
    expect(new Ajv().validate(schema, parsed)).toBe(true);
  });

  it('runs an embeddings batch from an uploaded file and finds the upload by tag', async () => {
    await start();
    const jobs = [job({ id: 'e1', model: EMBED.id, endpoint: 'embeddings', input: 'the cat sat' }), job({ id: 'e2', model: EMBED.id, endpoint: 'embeddings', input: 'on the mat' })];
    const s = await submit(jobs, EMBED);
    expect(await provider.findUpload!(s.tag)).not.toBeNull();
    expect(await provider.findUpload!(randomUUID())).toBeNull();
    expect(fake.http.log.some((r) => r.path.endsWith(':asyncBatchEmbedContent'))).toBe(true);
    const final = await pollToEnd(s.remote.remoteId);
    const map = await results(final);
    expect(byIndex(s, map, 0)!.embedding).toHaveLength(EMBED.embedding!.dimensions);
    expect(byIndex(s, map, 1)!.usage.input_tokens).toBe(countTokens('on the mat'));
  });

  it('asks for shorter vectors with outputDimensionality and gets vectors of that length', async () => {
    await start();
    const s = await submit([job({ id: 'e1', model: EMBED.id, endpoint: 'embeddings', input: 'the cat sat', dimensions: 768 })], EMBED);
    expect(fake.receivedBodies().some((b) => b.includes('"outputDimensionality":768'))).toBe(true);
    const map = await results(await pollToEnd(s.remote.remoteId));
    expect(byIndex(s, map, 0)!.embedding).toHaveLength(768);
  });

  it('uploads a batch above 20 MB as a JSONL file and downloads the response file once', async () => {
    await start();
    const big = [0, 1].map(async (i) => attachment(`big${i}.pdf`, 'application/pdf', randomBytes(8 * 1024 * 1024)));
    const files = await Promise.all(big);
    const s = await submit(files.map((file, i) => job({ id: `big${i}`, file, prompt: `Read part ${i}` })));
    expect(fake.http.log.some((r) => r.path.startsWith('/upload/'))).toBe(true);
    const final = await pollToEnd(s.remote.remoteId);
    expect(final.handle?.['responsesFile']).toBeTruthy();
    const map = await results(final);
    expect(byIndex(s, map, 1)!.text).toBe('fake answer to: Read part 1');
    const downloads = () => fake.http.log.filter((r) => r.path.endsWith(':download')).length;
    expect(downloads()).toBe(1);
    await provider.download(final, join(dir, 'out'));
    expect(downloads()).toBe(1);
  });

  it('expires with the finished part', async () => {
    await start({ outcome: 'expire_partial', partialFraction: 0.5 });
    const s = await submit([0, 1, 2, 3].map((i) => job({ id: `x${i}`, prompt: `question ${i}` })));
    const final = await pollToEnd(s.remote.remoteId);
    expect(final.status).toBe('expired');
    const map = await results(final);
    expect(map.size).toBe(2);
    expect([...map.values()].every((r) => r.outcome === 'succeeded')).toBe(true);
  });

  it('fails every request, and a batch that fails validation reports why', async () => {
    await start({ outcome: 'fail_all' });
    const s = await submit([job({ id: 'f1', prompt: 'one' }), job({ id: 'f2', prompt: 'two' })]);
    const final = await pollToEnd(s.remote.remoteId);
    const map = await results(final);
    expect([...map.values()].map((r) => r.outcome)).toEqual(['failed', 'failed']);
    expect(final.counts?.failed).toBe(2);
    fake.scenario.outcome = 'fail_validation';
    const v = await submit([job({ id: 'v', prompt: 'three' })]);
    const failed = await pollToEnd(v.remote.remoteId);
    expect(failed.status).toBe('failed');
    expect(failed.errors?.[0]?.message).toMatch(/Invalid batch input/);
  });

  it('cancels midway and keeps the partial results', async () => {
    await start({ partialFraction: 0.5 });
    const s = await submit([0, 1, 2, 3].map((i) => job({ id: `c${i}`, prompt: `q${i}` })));
    fake.clock.advance(3_000);
    expect((await provider.poll(s.remote.remoteId)).status).toBe('in_progress');
    const cancelled = await provider.cancel(s.remote.remoteId);
    expect(cancelled.status).toBe('cancelled');
    const map = await results(cancelled);
    expect(map.size).toBe(2);
  });

  it('matches out-of-order results by key and reports long finalizing as in progress', async () => {
    await start({ outOfOrder: true, finalizingMs: 60_000 });
    const s = await submit([0, 1, 2].map((i) => job({ id: `o${i}`, prompt: `item ${i}` })));
    fake.clock.advance(12_000);
    const finalizing = await provider.poll(s.remote.remoteId);
    expect(finalizing.status).toBe('in_progress');
    expect(finalizing.counts?.processing).toBe(0);
    const map = await results(await pollToEnd(s.remote.remoteId));
    for (const i of [0, 1, 2]) expect(byIndex(s, map, i)!.text).toBe(`fake answer to: item ${i}`);
    const lines: number[] = [];
    for (const [, r] of map) lines.push(Number(r.customId.split('_')[1]));
    expect(lines).toEqual([2, 1, 0]);
  });

  it('retries a poll answered 429 with retry-after', async () => {
    await start();
    const s = await submit([job({ id: 'r', prompt: 'hello' })]);
    fake.http.inject({ method: 'GET', path: /\/batches\/[^/]+$/, fault: { kind: 'status', status: 429, retryAfterSeconds: 1 } });
    const remote = await provider.poll(s.remote.remoteId);
    expect(remote.remoteId).toBe(s.remote.remoteId);
    expect(fake.http.log.filter((r) => r.method === 'GET' && /\/batches\//.test(r.path)).map((r) => r.status)).toEqual([429, 200]);
  });

  it('retries a poll that times out; a reset download surfaces and the next try succeeds', async () => {
    fake = await startGeminiFake();
    provider = createGeminiProvider({ apiKey: 'test-key', baseURL: fake.url, maxRetries: 2, timeoutMs: 500 });
    const s = await submit([job({ id: 't', prompt: 'slow' })]);
    fake.http.inject({ method: 'GET', path: /\/batches\/[^/]+$/, fault: { kind: 'timeout' } });
    expect((await provider.poll(s.remote.remoteId)).status).toBe('validating');
    const final = await pollToEnd(s.remote.remoteId);
    // @google/genai 3.1 retries through p-retry 4, which does not count undici's "fetch failed" as a network
    // error: a reset is not retried by the SDK. It surfaces, and the caller's next try (the monitor's backoff) works.
    fake.http.inject({ method: 'GET', path: /\/batches\/[^/]+$/, fault: { kind: 'reset' } });
    await expect(provider.download(final, join(dir, 'out'))).rejects.toThrow(/fetch failed/);
    const map = await results(final);
    expect(byIndex(s, map, 0)!.text).toBe('fake answer to: slow');
  });

  it('never retries a create answered 500, and findBatch finds the batch that was created', async () => {
    await start();
    fake.http.inject({ method: 'POST', path: /:batchGenerateContent$/, fault: { kind: 'status-after-effect', status: 500 } });
    const tag = randomUUID();
    const line = await provider.requestLine({ customId: `${tag.slice(0, 8)}_0`, job: job({ id: 'd', prompt: 'once' }), model: FLASH });
    const input = join(dir, 'dup.jsonl');
    await writeFile(input, JSON.stringify(line) + '\n');
    const upload = { tag, inputPath: input, requestCount: 1, model: FLASH, endpoint: 'chat' as const };
    const { fileId } = await provider.upload!(upload);
    await expect(provider.create({ ...upload, fileId, confirmCreate: () => {} })).rejects.toThrow();
    expect(fake.batchesCreated()).toBe(1);
    const found = await provider.findBatch(tag, { createdAfter: fake.clock.now() - 60_000, requestCount: 1 });
    expect(found?.remoteId).toMatch(/^batches\//);
    expect(await provider.findBatch(randomUUID(), { createdAfter: 0, requestCount: 1 })).toBeNull();
    expect(fake.batchesCreated()).toBe(1);
  });

  it('refuses requests without an API key', async () => {
    await start();
    const response = await fetch(`${fake.url}/v1/batches`);
    expect(response.status).toBe(401);
  });
});
