// The Anthropic adapter end to end: the real @anthropic-ai/sdk against the stateful fake on 127.0.0.1.
import { randomUUID } from 'node:crypto';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Ajv } from 'ajv';
import { countTokens } from 'gpt-tokenizer';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Attachment, JobSpec, ModelConfig } from '../../../src/shared/domain.ts';
import type { ParsedResult, Provider, RemoteBatch, ResultLine } from '../../../src/main/core/provider.ts';
import { ANTHROPIC_MODELS, createAnthropicProvider } from '../../../src/main/providers/anthropic/index.ts';
import { startAnthropicFake } from '../../fakes/anthropic-server.ts';
import type { FakeProviderServer, FakeScenario } from '../../fakes/types.ts';
import { tinyPdf, tinyPng } from '../../helpers/sample-files.ts';

const model = (id: string): ModelConfig => ANTHROPIC_MODELS.find((m) => m.id === `anthropic/${id}`)!;
const SONNET = model('claude-sonnet-5-5');
const HAIKU_45 = model('claude-haiku-4-5');

let fake: FakeProviderServer;
let provider: Provider;
let dir: string;

async function start(scenario: Partial<FakeScenario> = {}): Promise<void> {
  fake = await startAnthropicFake({ scenario });
  provider = createAnthropicProvider({ apiKey: 'sk-ant-test', baseURL: fake.url, maxRetries: 2 });
}
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'bd-anthropic-'));
});
afterEach(async () => {
  await fake?.close();
  await rm(dir, { recursive: true, force: true });
});

const job = (over: Partial<JobSpec> = {}): JobSpec => ({ id: randomUUID(), label: 'j', model: SONNET.id, endpoint: 'chat', params: {}, ...over });

async function attachment(name: string, mediaType: string, bytes: Buffer): Promise<Attachment> {
  const path = join(dir, name);
  await writeFile(path, bytes);
  return { path, name, media_type: mediaType, size: bytes.length, sha256: 'x' };
}

async function submit(jobs: JobSpec[], m: ModelConfig = SONNET) {
  const tag = randomUUID();
  const createdAfter = fake.clock.now();
  const lines = await Promise.all(jobs.map((j, i) => provider.requestLine({ customId: `${tag.slice(0, 8)}_${i}`, job: j, model: m })));
  const inputPath = join(dir, `${tag}.jsonl`);
  await writeFile(inputPath, lines.map((l) => `${JSON.stringify(l)}\n`).join(''));
  const input = { tag, inputPath, requestCount: jobs.length, model: m, endpoint: 'chat' as const };
  return { tag, createdAfter, input, create: () => provider.create({ ...input, confirmCreate: () => {} }) };
}

async function results(remote: RemoteBatch): Promise<Map<string, ParsedResult>> {
  const out = new Map<string, ParsedResult>();
  for (const file of await provider.download(remote, dir)) {
    for await (const line of provider.parseResults(file) as AsyncIterable<ResultLine>) {
      if (line.kind !== 'result') throw new Error(`bad line ${line.line}: ${line.problem}`);
      out.set(line.customId, line);
    }
  }
  return out;
}

async function runToEnd(jobs: JobSpec[], m: ModelConfig = SONNET) {
  const { tag, create } = await submit(jobs, m);
  const created = await create();
  fake.clock.advance(60_000);
  const remote = await provider.poll(created.remoteId);
  const byIndex = (r: Map<string, ParsedResult>, i: number) => r.get(`${tag.slice(0, 8)}_${i}`)!;
  return { remote, results: await results(remote), byIndex };
}

describe('Anthropic adapter against the fake', () => {
  it('runs a text job: status, counts not live, results, tokens, estimate = actual', async () => {
    await start();
    const j = job({ system: 'Be brief.', prompt: 'What is the capital of France?' });
    const { create } = await submit([j]);
    const created = await create();
    expect(created.status).toBe('in_progress');
    expect(created.countsLive).toBe(false);
    expect(created.counts).toEqual({ total: 1, succeeded: 0, failed: 0, processing: 1 });
    fake.clock.advance(60_000);
    const remote = await provider.poll(created.remoteId);
    expect(remote.status).toBe('completed');
    expect(remote.counts).toEqual({ total: 1, succeeded: 1, failed: 0, processing: 0 });
    expect(remote.resultsExpireAt).toBe(remote.createdAt! + 29 * 24 * 3600 * 1000);
    const [result] = [...(await results(remote)).values()];
    expect(result!.outcome).toBe('succeeded');
    expect(result!.text).toBe('fake answer to: What is the capital of France?');
    const expectedInput = countTokens('Be brief.') + countTokens('What is the capital of France?');
    expect(result!.usage).toEqual({ input_tokens: expectedInput, output_tokens: countTokens(result!.text!), cached_input_tokens: 0 });
    expect(await provider.estimateInputTokens!(j, SONNET)).toBe(expectedInput);
    // The create was sent once, with the key in the Authorization header (what the SDK sends).
    const posts = fake.http.log.filter((r) => r.method === 'POST' && r.path === '/v1/messages/batches');
    expect(posts).toHaveLength(1);
    expect(posts[0]!.headers.authorization).toBe('Bearer sk-ant-test');
  });

  it('sends a PDF as a base64 document and an image as an image block', async () => {
    await start();
    const pdf = await attachment('paper.pdf', 'application/pdf', tinyPdf());
    const png = await attachment('dot.png', 'image/png', tinyPng());
    const { results: r, byIndex } = await runToEnd([job({ file: pdf, prompt: 'Summarise the paper.' }), job({ file: png, prompt: 'Describe the image.' })]);
    expect(r.size).toBe(2);
    expect(byIndex(r, 0).text).toBe('fake answer to: Summarise the paper.');
    expect(byIndex(r, 1).outcome).toBe('succeeded');
    const sent = JSON.parse(fake.receivedBodies().find((b) => b.includes('"requests"'))!) as { requests: { params: { messages: { content: unknown[] }[] } }[] };
    expect(sent.requests[0]!.params.messages[0]!.content[0]).toEqual({
      type: 'document',
      source: { type: 'base64', media_type: 'application/pdf', data: tinyPdf().toString('base64') },
      title: 'paper.pdf',
    });
    expect(sent.requests[1]!.params.messages[0]!.content[0]).toEqual({ type: 'image', source: { type: 'base64', media_type: 'image/png', data: tinyPng().toString('base64') } });
  });

  it('returns structured output as JSON valid for the schema (output_config and forced tool)', async () => {
    await start();
    const schema = {
      type: 'object',
      properties: { label: { type: 'string', enum: ['positive', 'negative'] }, score: { type: 'number' }, tags: { type: 'array', items: { type: 'string' } } },
      required: ['label', 'score', 'tags'],
    };
    const validate = new Ajv().compile(schema);
    for (const m of [SONNET, HAIKU_45]) {
      const { results: r, byIndex } = await runToEnd([job({ model: m.id, prompt: 'Classify: great product', schema })], m);
      expect(r.size).toBe(1);
      const parsed: unknown = JSON.parse(byIndex(r, 0).text!);
      expect(validate(parsed)).toBe(true);
    }
    const bodies = fake.receivedBodies().filter((b) => b.includes('"requests"'));
    expect(bodies[0]).toContain('"output_config"');
    expect(bodies[1]).toContain('"tool_choice":{"type":"tool","name":"record_answer"}');
  });

  it('stores citations with the quoted text and location', async () => {
    await start();
    const notes = await attachment('notes.txt', 'text/plain', Buffer.from('The sky is blue because of Rayleigh scattering.'));
    const pdf = await attachment('paper.pdf', 'application/pdf', tinyPdf());
    const { results: r, byIndex } = await runToEnd([
      job({ file: notes, prompt: 'Why is the sky blue?', citations: true }),
      job({ file: pdf, prompt: 'Quote it.', citations: true }),
    ]);
    expect(r.size).toBe(2);
    expect(byIndex(r, 0).citations).toEqual([
      {
        cited_text: 'The sky is blue because of Rayleigh scat',
        source: 'notes.txt',
        location: { type: 'char_location', document_index: 0, document_title: 'notes.txt', start_char_index: 0, end_char_index: 40 },
      },
    ]);
    expect(byIndex(r, 1).citations![0]!.location).toMatchObject({ type: 'page_location', start_page_number: 1, end_page_number: 2 });
  });

  it('expires with partial output: finished requests answered, the rest expired', async () => {
    await start({ outcome: 'expire_partial', partialFraction: 0.5 });
    const { remote, results: r, byIndex } = await runToEnd([0, 1, 2, 3].map((i) => job({ prompt: `q${i}` })));
    expect(remote.status).toBe('expired');
    expect(remote.counts).toEqual({ total: 4, succeeded: 2, failed: 2, processing: 0 });
    expect([0, 1, 2, 3].map((i) => byIndex(r, i).outcome)).toEqual(['succeeded', 'succeeded', 'expired', 'expired']);
    expect(byIndex(r, 3).errorCategory).toBe('expired');
  });

  it('reports every request failed with an error and category', async () => {
    await start({ outcome: 'fail_all' });
    const { remote, results: r } = await runToEnd([job({ prompt: 'a' }), job({ prompt: 'b' })]);
    expect(remote.counts).toEqual({ total: 2, succeeded: 0, failed: 2, processing: 0 });
    for (const result of r.values()) {
      expect(result.outcome).toBe('failed');
      expect(result.errorCategory).toBe('invalid_request');
      expect(result.error).toMatch(/^invalid_request_error: /);
    }
  });

  it('fails only the request marked [[fail]]', async () => {
    await start();
    const { results: r, byIndex } = await runToEnd([job({ prompt: 'fine' }), job({ prompt: 'please [[fail]]' })]);
    expect(r.size).toBe(2);
    expect(byIndex(r, 0).outcome).toBe('succeeded');
    expect(byIndex(r, 1).outcome).toBe('failed');
  });

  it('cancels midway and keeps the partial results', async () => {
    await start({ partialFraction: 0.5 });
    const { create, tag } = await submit([0, 1, 2, 3].map((i) => job({ prompt: `q${i}` })));
    const created = await create();
    fake.clock.advance(2_000);
    const cancelling = await provider.cancel(created.remoteId);
    expect(cancelling.status).toBe('cancelling');
    fake.clock.advance(5_000);
    const remote = await provider.poll(created.remoteId);
    expect(remote.status).toBe('cancelled');
    const r = await results(remote);
    expect([0, 1, 2, 3].map((i) => r.get(`${tag.slice(0, 8)}_${i}`)!.outcome)).toEqual(['succeeded', 'succeeded', 'cancelled', 'cancelled']);
  });

  it('matches out-of-order results by custom_id', async () => {
    await start({ outOfOrder: true });
    const { results: r, byIndex } = await runToEnd([0, 1, 2].map((i) => job({ prompt: `question ${i}` })));
    expect([...r.values()].map((x) => x.line)).toEqual([1, 2, 3]);
    expect([0, 1, 2].map((i) => byIndex(r, i).text)).toEqual([0, 1, 2].map((i) => `fake answer to: question ${i}`));
    expect(byIndex(r, 0).line).toBe(3);
  });

  it('retries a poll that got 429 with retry-after (the SDK retries reads)', async () => {
    await start();
    const created = await (await submit([job({ prompt: 'x' })])).create();
    fake.http.inject({ method: 'GET', path: new RegExp(`^/v1/messages/batches/${created.remoteId}$`), fault: { kind: 'status', status: 429, retryAfterSeconds: 1 } });
    const started = Date.now();
    const polled = await provider.poll(created.remoteId);
    expect(polled.remoteId).toBe(created.remoteId);
    expect(Date.now() - started).toBeGreaterThanOrEqual(900);
    expect(fake.http.log.filter((r) => r.method === 'GET').map((r) => r.status)).toEqual([429, 200]);
  });

  it('surfaces a 500 after the create took effect, never retries it, and findBatch finds the batch', async () => {
    await start();
    const { create, tag, createdAfter } = await submit([job({ prompt: 'a' }), job({ prompt: 'b' })]);
    fake.http.inject({ method: 'POST', path: /^\/v1\/messages\/batches$/, fault: { kind: 'status-after-effect', status: 500 } });
    await expect(create()).rejects.toThrow();
    expect(fake.batchesCreated()).toBe(1);
    expect(fake.http.log.filter((r) => r.method === 'POST')).toHaveLength(1);
    const found = await provider.findBatch(tag, { createdAfter, requestCount: 2 });
    expect(found?.remoteId).toBe('msgbatch_fake000001');
    expect(await provider.findBatch(tag, { createdAfter, requestCount: 3 })).toBeNull();
    expect(fake.batchesCreated()).toBe(1);
  });

  it('findBatch tells ended batches of the same size apart by custom_id prefix', async () => {
    await start();
    const first = await submit([job({ prompt: 'a' })]);
    const second = await submit([job({ prompt: 'b' })]);
    const a = await first.create();
    const b = await second.create();
    fake.clock.advance(60_000);
    expect((await provider.findBatch(second.tag, { createdAfter: second.createdAfter, requestCount: 1 }))?.remoteId).toBe(b.remoteId);
    expect((await provider.findBatch(first.tag, { createdAfter: first.createdAfter, requestCount: 1 }))?.remoteId).toBe(a.remoteId);
  });

  it('stays in progress through a long finalizing phase, and status reads can drive the clock', async () => {
    await start({ finalizingMs: 3_600_000, autoAdvanceMs: 0 });
    const created = await (await submit([job({ prompt: 'slow' })])).create();
    fake.clock.advance(600_000);
    expect((await provider.poll(created.remoteId)).status).toBe('in_progress');
    fake.scenario = { ...fake.scenario, autoAdvanceMs: 1_800_000 };
    expect((await provider.poll(created.remoteId)).status).toBe('in_progress');
    expect((await provider.poll(created.remoteId)).status).toBe('completed');
  });

  it('has no upload step: create takes the requests, so there is no upload to find', () => {
    const p = createAnthropicProvider({ apiKey: 'k' });
    expect(p.upload).toBeUndefined();
    expect(p.findUpload).toBeUndefined();
  });

  it('rejects a batch that fails validation without creating it', async () => {
    await start({ outcome: 'fail_validation' });
    await expect((await submit([job({ prompt: 'a' })])).create()).rejects.toThrow(/validation/);
    expect(fake.batchesCreated()).toBe(0);
  });

  it('downloads each results file once, atomically, and needs a key for network calls', async () => {
    await start();
    const { remote } = await runToEnd([job({ prompt: 'a' })]);
    const before = fake.http.log.filter((r) => r.path.endsWith('/results')).length;
    expect(await provider.download(remote, dir)).toEqual([join(dir, `${remote.remoteId}.results.jsonl`)]);
    expect(fake.http.log.filter((r) => r.path.endsWith('/results')).length).toBe(before);
    const keyless = createAnthropicProvider({ apiKey: null, baseURL: fake.url });
    await expect(keyless.poll(remote.remoteId)).rejects.toThrow(/ANTHROPIC_API_KEY/);
    const res = await fetch(`${fake.url}/v1/messages/batches`);
    expect(res.status).toBe(401);
  });
});
