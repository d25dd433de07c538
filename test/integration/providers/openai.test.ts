// The OpenAI adapter end to end: the real `openai` SDK against the stateful fake on 127.0.0.1.
// Each test writes an input file of request lines, uploads it, creates a batch, moves the fake clock,
// polls to a terminal state, downloads the result files and parses them, as the engine does.
import { randomUUID } from 'node:crypto';
import { mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { deflateSync, crc32 } from 'node:zlib';
import Ajv from 'ajv';
import { countTokens } from 'gpt-tokenizer';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { JobSpecSchema, TERMINAL_BATCH_STATUSES, type Endpoint, type JobSpec, type ModelConfig } from '../../../src/shared/domain.ts';
import { batchCost } from '../../../src/main/core/cost.ts';
import type { ParsedResult, Provider, RemoteBatch, ResultLine } from '../../../src/main/core/provider.ts';
import { createOpenAIProvider, OPENAI_MODELS } from '../../../src/main/providers/openai/index.ts';
import { MissingKeyError } from '../../../src/main/providers/config.ts';
import { startOpenAIFake } from '../../fakes/openai-server.ts';
import type { FakeProviderServer, FakeScenario } from '../../fakes/types.ts';

const CHAT_MODEL = OPENAI_MODELS.find((m) => m.id === 'openai/gpt-4.1-mini')!;
const EMBED_MODEL = OPENAI_MODELS.find((m) => m.id === 'openai/text-embedding-3-small')!;

let fake: FakeProviderServer;
let provider: Provider;
let dir: string;

async function setup(scenario: Partial<FakeScenario> = {}): Promise<void> {
  fake = await startOpenAIFake({ scenario });
  provider = createOpenAIProvider({ apiKey: 'sk-test-canary', baseURL: fake.url, maxRetries: 2, timeoutMs: 5_000 });
}

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'bd-openai-'));
});
afterEach(async () => {
  await fake?.close();
  await rm(dir, { recursive: true, force: true });
});

function job(fields: Partial<JobSpec> & { id: string }): JobSpec {
  return JobSpecSchema.parse({ label: fields.id, model: CHAT_MODEL.id, ...fields });
}

async function submit(jobs: JobSpec[], model: ModelConfig = CHAT_MODEL, endpoint: Endpoint = jobs[0]!.endpoint) {
  const inputPath = join(dir, `input-${randomUUID()}.jsonl`);
  const lines = await Promise.all(jobs.map((j) => provider.requestLine({ customId: j.id, job: j, model })));
  await writeFile(inputPath, lines.map((l) => JSON.stringify(l)).join('\n') + '\n');
  const tag = randomUUID();
  const input = { tag, inputPath, requestCount: jobs.length, model, endpoint };
  const { fileId } = await provider.upload!(input);
  const remote = await provider.create({ ...input, fileId });
  return { remote, tag, fileId, lines };
}

async function pollToEnd(remoteId: string): Promise<RemoteBatch> {
  for (let i = 0; i < 50; i++) {
    const remote = await provider.poll(remoteId);
    if (TERMINAL_BATCH_STATUSES.includes(remote.status)) return remote;
    fake.clock.advance(1_000);
  }
  throw new Error('batch never finished');
}

async function results(remote: RemoteBatch): Promise<{ byId: Map<string, ParsedResult>; bad: ResultLine[]; files: string[] }> {
  const files = await provider.download(remote, join(dir, 'results'));
  const byId = new Map<string, ParsedResult>();
  const bad: ResultLine[] = [];
  for (const file of files) for await (const line of provider.parseResults(file)) line.kind === 'result' ? byId.set(line.customId, line) : bad.push(line);
  return { byId, bad, files };
}

/** A 1×1 PNG, built byte by byte. */
function tinyPng(): Buffer {
  const chunk = (type: string, data: Buffer): Buffer => {
    const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
    const out = Buffer.alloc(8 + data.length + 4);
    out.writeUInt32BE(data.length, 0);
    body.copy(out, 4);
    out.writeUInt32BE(crc32(body), 8 + data.length);
    return out;
  };
  const ihdr = Buffer.from([0, 0, 0, 1, 0, 0, 0, 1, 8, 2, 0, 0, 0]);
  return Buffer.concat([Buffer.from('89504e470d0a1a0a', 'hex'), chunk('IHDR', ihdr), chunk('IDAT', deflateSync(Buffer.from([0, 255, 0, 0]))), chunk('IEND', Buffer.alloc(0))]);
}

function tinyPdf(): Buffer {
  return Buffer.from('%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj 2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj 3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 200 200]>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n');
}

async function attachment(name: string, mediaType: string, bytes: Buffer) {
  const path = join(dir, name);
  await writeFile(path, bytes);
  return { path, name, media_type: mediaType, size: bytes.length, sha256: 'x' };
}

describe('OpenAI adapter against the fake', () => {
  it('runs a text job through chat completions: answer, tokens equal to the estimate, cost', async () => {
    await setup();
    const spec = job({ id: 'j1', system: 'Be terse.', prompt: 'Summarise the plot of Hamlet in one line.', params: { temperature: 0.2, max_tokens: 100 } });
    const { remote } = await submit([spec]);
    expect(remote.status).toBe('validating');
    const done = await pollToEnd(remote.remoteId);
    expect(done.status).toBe('completed');
    expect(done.counts).toEqual({ total: 1, succeeded: 1, failed: 0, processing: 0 });
    const { byId, bad } = await results(done);
    expect(bad).toEqual([]);
    const r = byId.get('j1')!;
    expect(r.outcome).toBe('succeeded');
    expect(r.text).toBe('fake answer to: Summarise the plot of Hamlet in one line.');
    const estimate = await provider.estimateInputTokens!(spec, CHAT_MODEL);
    expect(r.usage.input_tokens).toBe(estimate);
    expect(r.usage.output_tokens).toBe(countTokens(r.text!));
    expect(batchCost(CHAT_MODEL.price!, r.usage)).toBeGreaterThan(0);
    const sent = fake.receivedBodies().find((b) => b.includes('Hamlet'))!;
    expect(sent).toContain('"max_completion_tokens":100');
    expect(sent).toContain('"role":"system"');
  });

  it('runs a text job through the Responses API', async () => {
    await setup();
    const spec = job({ id: 'r1', endpoint: 'responses', system: 'Be terse.', prompt: 'Name three primes.' });
    const { remote } = await submit([spec]);
    const { byId } = await results(await pollToEnd(remote.remoteId));
    expect(byId.get('r1')).toMatchObject({ outcome: 'succeeded', text: 'fake answer to: Name three primes.' });
    expect(byId.get('r1')!.usage.input_tokens).toBe(await provider.estimateInputTokens!(spec, CHAT_MODEL));
  });

  it('sends a PDF as a file part and gets its answer', async () => {
    await setup();
    const file = await attachment('paper.pdf', 'application/pdf', tinyPdf());
    const { remote } = await submit([job({ id: 'p1', file, prompt: 'What is this paper about?' })]);
    expect(fake.receivedBodies().some((b) => b.includes('"type":"file"') && b.includes('data:application/pdf;base64,'))).toBe(true);
    const { byId } = await results(await pollToEnd(remote.remoteId));
    expect(byId.get('p1')).toMatchObject({ outcome: 'succeeded', text: 'fake answer to: What is this paper about?' });
  });

  it('sends an image as an input_image part (Responses) and gets its answer', async () => {
    await setup();
    const file = await attachment('dot.png', 'image/png', tinyPng());
    const { remote } = await submit([job({ id: 'i1', endpoint: 'responses', file, prompt: 'Describe the image.' })]);
    expect(fake.receivedBodies().some((b) => b.includes('"type":"input_image"') && b.includes('data:image/png;base64,iVBORw0KGgo'))).toBe(true);
    const { byId } = await results(await pollToEnd(remote.remoteId));
    expect(byId.get('i1')).toMatchObject({ outcome: 'succeeded', text: 'fake answer to: Describe the image.' });
  });

  it('returns structured output as JSON valid for the schema (chat and responses)', async () => {
    await setup();
    const schema = {
      title: 'Paper fields',
      type: 'object',
      properties: { title: { type: 'string' }, year: { type: 'integer' }, field: { enum: ['bio', 'cs'] }, authors: { type: 'array', items: { type: 'string' } } },
      required: ['title'],
    };
    const { remote } = await submit([job({ id: 's1', prompt: 'Extract.', schema })]);
    const { remote: remote2 } = await submit([job({ id: 's2', endpoint: 'responses', prompt: 'Extract.', schema })]);
    const validate = new Ajv().compile(schema);
    for (const [r, id] of [[remote, 's1'], [remote2, 's2']] as const) {
      const { byId } = await results(await pollToEnd(r.remoteId));
      const parsed: unknown = JSON.parse(byId.get(id)!.text!);
      expect(validate(parsed)).toBe(true);
    }
    const bodies = fake.receivedBodies().join('\n');
    expect(bodies).toContain('"response_format":{"type":"json_schema"');
    expect(bodies).toContain('"text":{"format":{"type":"json_schema"');
    expect(bodies).toContain('"strict":true');
  });

  it('returns an embedding vector with its token count', async () => {
    await setup();
    const spec = job({ id: 'e1', model: EMBED_MODEL.id, endpoint: 'embeddings', input: 'the cat sat on the mat' });
    const { remote } = await submit([spec], EMBED_MODEL);
    const { byId } = await results(await pollToEnd(remote.remoteId));
    const r = byId.get('e1')!;
    expect(r.outcome).toBe('succeeded');
    expect(r.embedding).toHaveLength(8);
    expect(r.usage).toEqual({ input_tokens: await provider.estimateInputTokens!(spec, EMBED_MODEL), output_tokens: 0, cached_input_tokens: 0 });
  });

  it('recovers the finished part of an expired batch and marks the rest expired', async () => {
    await setup({ outcome: 'expire_partial', partialFraction: 0.5 });
    const jobs = ['a', 'b', 'c', 'd'].map((id) => job({ id, prompt: `question ${id}` }));
    const { remote } = await submit(jobs);
    const done = await pollToEnd(remote.remoteId);
    expect(done.status).toBe('expired');
    const { byId, files } = await results(done);
    expect(files).toHaveLength(2);
    expect(['a', 'b'].map((id) => byId.get(id)!.outcome)).toEqual(['succeeded', 'succeeded']);
    expect(['c', 'd'].map((id) => byId.get(id)!.outcome)).toEqual(['expired', 'expired']);
    expect(byId.get('c')!.errorCategory).toBe('expired');
  });

  it('reports every line failed when the batch has only an error file', async () => {
    await setup({ outcome: 'fail_all' });
    const { remote } = await submit(['a', 'b'].map((id) => job({ id, prompt: id })));
    const done = await pollToEnd(remote.remoteId);
    expect(done.handle).toMatchObject({ outputFileId: null });
    expect(done.counts).toMatchObject({ succeeded: 0, failed: 2 });
    const { byId, files } = await results(done);
    expect(files).toHaveLength(1);
    expect([...byId.values()].map((r) => [r.outcome, r.errorCategory])).toEqual([['failed', 'server'], ['failed', 'server']]);
  });

  it('fails one line asked to fail, with the HTTP error nested in the response', async () => {
    await setup();
    const { remote } = await submit([job({ id: 'ok', prompt: 'fine' }), job({ id: 'bad', prompt: 'please [[fail]]' })]);
    const { byId } = await results(await pollToEnd(remote.remoteId));
    expect(byId.get('ok')!.outcome).toBe('succeeded');
    expect(byId.get('bad')).toMatchObject({ outcome: 'failed', errorCategory: 'invalid_request', text: null });
  });

  it('keeps partial results of a batch cancelled midway', async () => {
    await setup({ partialFraction: 0.5 });
    const { remote } = await submit(['a', 'b', 'c', 'd'].map((id) => job({ id, prompt: id })));
    fake.clock.advance(3_000);
    expect((await provider.poll(remote.remoteId)).status).toBe('in_progress');
    expect((await provider.cancel(remote.remoteId)).status).toBe('cancelling');
    const done = await pollToEnd(remote.remoteId);
    expect(done.status).toBe('cancelled');
    const { byId } = await results(done);
    expect([...'abcd'].map((id) => byId.get(id)!.outcome)).toEqual(['succeeded', 'succeeded', 'cancelled', 'cancelled']);
    // Cancelling a finished batch returns it as it is.
    expect((await provider.cancel(remote.remoteId)).status).toBe('cancelled');
  });

  it('matches out-of-order results by custom_id', async () => {
    await setup({ outOfOrder: true });
    const { remote } = await submit(['x1', 'x2', 'x3'].map((id) => job({ id, prompt: `about ${id}` })));
    const { byId } = await results(await pollToEnd(remote.remoteId));
    const lines: string[] = [];
    for (const r of byId.values()) lines[r.line - 1] = r.customId;
    expect(lines).toEqual(['x3', 'x2', 'x1']);
    for (const id of ['x1', 'x2', 'x3']) expect(byId.get(id)!.text).toBe(`fake answer to: about ${id}`);
  });

  it('reports a batch that failed validation with its line numbers', async () => {
    await setup({ outcome: 'fail_validation' });
    const { remote } = await submit([job({ id: 'v', prompt: 'x' })]);
    const done = await pollToEnd(remote.remoteId);
    expect(done.status).toBe('failed');
    expect(done.errors?.[0]).toMatchObject({ line: 1, code: 'invalid_request' });
    expect(await provider.download(done, join(dir, 'results'))).toEqual([]);
  });

  it('retries a poll answered 429 with retry-after', async () => {
    await setup();
    const { remote } = await submit([job({ id: 'a', prompt: 'a' })]);
    fake.http.inject({ method: 'GET', path: /^\/v1\/batches\/batch_/, fault: { kind: 'status', status: 429, retryAfterSeconds: 1 } });
    const started = Date.now();
    const polled = await provider.poll(remote.remoteId);
    expect(polled.remoteId).toBe(remote.remoteId);
    expect(Date.now() - started).toBeGreaterThanOrEqual(900);
    expect(fake.http.log.filter((e) => e.path === `/v1/batches/${remote.remoteId}`).map((e) => e.status)).toEqual([429, 200]);
  });

  it('retries polls through a connection reset and a timeout', async () => {
    await setup();
    provider = createOpenAIProvider({ apiKey: 'sk-test', baseURL: fake.url, maxRetries: 2, timeoutMs: 300 });
    const { remote } = await submit([job({ id: 'a', prompt: 'a' })]);
    fake.http.inject({ method: 'GET', path: /^\/v1\/batches\/batch_/, fault: { kind: 'reset' } });
    fake.http.inject({ method: 'GET', path: /^\/v1\/batches\/batch_/, fault: { kind: 'timeout' } });
    expect((await provider.poll(remote.remoteId)).remoteId).toBe(remote.remoteId);
    expect(fake.http.log.filter((e) => e.path === `/v1/batches/${remote.remoteId}`)).toHaveLength(3);
  });

  it('stays in finalizing as long as the provider does, with every request counted', async () => {
    await setup({ finalizingMs: 6 * 3600 * 1000 });
    const { remote } = await submit([job({ id: 'a', prompt: 'a' }), job({ id: 'b', prompt: 'b' })]);
    fake.clock.advance(20_000);
    const stuck = await provider.poll(remote.remoteId);
    expect(stuck).toMatchObject({ status: 'finalizing', counts: { total: 2, succeeded: 2, failed: 0, processing: 0 } });
    fake.clock.advance(6 * 3600 * 1000);
    expect((await provider.poll(remote.remoteId)).status).toBe('completed');
  });

  it('does not retry a create answered 500 after it took effect, and findBatch finds the batch', async () => {
    await setup();
    const createdAfter = fake.clock.now();
    fake.http.inject({ method: 'POST', path: /^\/v1\/batches$/, fault: { kind: 'status-after-effect', status: 500 } });
    const tag = randomUUID();
    await expect(submitWithTag(tag)).rejects.toMatchObject({ status: 500 });
    expect(fake.batchesCreated()).toBe(1);
    const found = await provider.findBatch(tag, { createdAfter, requestCount: 1 });
    expect(found?.status).toBe('validating');
    expect(await provider.findBatch(randomUUID(), { createdAfter, requestCount: 1 })).toBeNull();
    expect(fake.batchesCreated()).toBe(1);
  });

  it('does not retry an upload that failed, and findUpload finds uploads by tag', async () => {
    await setup();
    fake.http.inject({ method: 'POST', path: /^\/v1\/files$/, fault: { kind: 'status', status: 503 } });
    const inputPath = join(dir, 'in.jsonl');
    await writeFile(inputPath, JSON.stringify(await provider.requestLine({ customId: 'a', job: job({ id: 'a', prompt: 'a' }), model: CHAT_MODEL })) + '\n');
    const input = { tag: randomUUID(), inputPath, requestCount: 1, model: CHAT_MODEL, endpoint: 'chat' as const };
    await expect(provider.upload!(input)).rejects.toMatchObject({ status: 503 });
    expect(fake.http.log.filter((e) => e.method === 'POST' && e.path === '/v1/files')).toHaveLength(1);
    const { fileId } = await provider.upload!(input);
    expect(await provider.findUpload!(input.tag)).toEqual({ fileId });
    expect(await provider.findUpload!(randomUUID())).toBeNull();
  });

  it('downloads each result file once and reports when the results expire', async () => {
    await setup();
    const { remote } = await submit([job({ id: 'a', prompt: 'a' })]);
    const done = await pollToEnd(remote.remoteId);
    expect(done.resultsExpireAt).toBe(Math.floor(fake.clock.now() / 1000) * 1000 + 30 * 24 * 3600 * 1000);
    await provider.download(done, join(dir, 'results'));
    await provider.download(done, join(dir, 'results'));
    expect(fake.http.log.filter((e) => e.path.endsWith('/content'))).toHaveLength(1);
    expect(await readdir(join(dir, 'results'))).toEqual([`${done.remoteId}-output.jsonl`]);
  });

  it('needs a key for network calls, and the fake refuses requests without one', async () => {
    await setup();
    const keyless = createOpenAIProvider({ apiKey: null, baseURL: fake.url });
    await expect(keyless.poll('batch_x')).rejects.toBeInstanceOf(MissingKeyError);
    expect((await fetch(`${fake.url}/batches`)).status).toBe(401);
  });

  async function submitWithTag(tag: string): Promise<RemoteBatch> {
    const inputPath = join(dir, 'tagged.jsonl');
    await writeFile(inputPath, JSON.stringify(await provider.requestLine({ customId: 'a', job: job({ id: 'a', prompt: 'a' }), model: CHAT_MODEL })) + '\n');
    const input = { tag, inputPath, requestCount: 1, model: CHAT_MODEL, endpoint: 'chat' as const };
    const { fileId } = await provider.upload!(input);
    return provider.create({ ...input, fileId });
  }
});
