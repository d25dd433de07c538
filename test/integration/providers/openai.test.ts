// The OpenAI adapter end to end, real `openai` SDK against the stateful fake on 127.0.0.1: each input kind
// and each way a batch can end, checking the parsed results (outcome, text, tokens, cost).
import { Ajv } from 'ajv';
import { countTokens } from 'gpt-tokenizer';
import { afterEach, describe, expect, it } from 'vitest';
import { batchCost } from '../../../src/main/core/cost.ts';
import type { FakeScenario } from '../../fakes/types.ts';
import {
  CHAT_MODEL,
  EMBED_MODEL,
  job,
  openAIHarness,
  tinyPdf,
  tinyPng,
  type Harness,
} from './openai-harness.ts';

let h: Harness;
const start = async (scenario: Partial<FakeScenario> = {}): Promise<Harness> =>
  (h = await openAIHarness(scenario));
afterEach(async () => h?.close());

describe('OpenAI adapter: input kinds', () => {
  it('runs a text job through chat completions: answer, tokens equal to the estimate, cost', async () => {
    await start();
    const spec = job({
      id: 'j1',
      system: 'Be terse.',
      prompt: 'Summarise the plot of Hamlet in one line.',
      params: { temperature: 0.2, max_tokens: 100 },
    });
    const { remote } = await h.submit([spec]);
    expect(remote.status).toBe('validating');
    const done = await h.pollToEnd(remote.remoteId);
    expect(done.status).toBe('completed');
    expect(done.counts).toEqual({ total: 1, succeeded: 1, failed: 0, processing: 0 });
    const { byId, bad } = await h.results(done);
    expect(bad).toEqual([]);
    const r = byId.get('j1')!;
    expect(r.outcome).toBe('succeeded');
    expect(r.text).toBe('fake answer to: Summarise the plot of Hamlet in one line.');
    expect(r.usage.input_tokens).toBe(await h.provider.estimateInputTokens!(spec, CHAT_MODEL));
    expect(r.usage.output_tokens).toBe(countTokens(r.text!));
    const expected = (r.usage.input_tokens * 0.4 + r.usage.output_tokens * 1.6) / 1e6 / 2;
    expect(batchCost(CHAT_MODEL.price!, r.usage)).toBeCloseTo(expected, 12);
    const sent = h.fake.receivedBodies().find((b) => b.includes('Hamlet'))!;
    expect(sent).toContain('"max_completion_tokens":100');
    expect(sent).toContain('"role":"system"');
  });

  it('runs a text job through the Responses API', async () => {
    await start();
    const spec = job({ id: 'r1', endpoint: 'responses', system: 'Be terse.', prompt: 'Name three primes.' });
    const { remote } = await h.submit([spec]);
    const { byId } = await h.results(await h.pollToEnd(remote.remoteId));
    expect(byId.get('r1')).toMatchObject({
      outcome: 'succeeded',
      text: 'fake answer to: Name three primes.',
    });
    expect(byId.get('r1')!.usage.input_tokens).toBe(await h.provider.estimateInputTokens!(spec, CHAT_MODEL));
  });

  it('sends a PDF as a file part and gets its answer', async () => {
    await start();
    const file = await h.attachment('paper.pdf', 'application/pdf', tinyPdf());
    const { remote } = await h.submit([job({ id: 'p1', file, prompt: 'What is this paper about?' })]);
    expect(
      h.fake
        .receivedBodies()
        .some((b) => b.includes('"type":"file"') && b.includes('data:application/pdf;base64,')),
    ).toBe(true);
    const { byId } = await h.results(await h.pollToEnd(remote.remoteId));
    expect(byId.get('p1')).toMatchObject({
      outcome: 'succeeded',
      text: 'fake answer to: What is this paper about?',
    });
  });

  it('sends an image as an input_image part (Responses) and gets its answer', async () => {
    await start();
    const file = await h.attachment('dot.png', 'image/png', tinyPng());
    const { remote } = await h.submit([
      job({ id: 'i1', endpoint: 'responses', file, prompt: 'Describe the image.' }),
    ]);
    const sent = h.fake.receivedBodies();
    expect(
      sent.some((b) => b.includes('"type":"input_image"') && b.includes('data:image/png;base64,iVBORw0KGgo')),
    ).toBe(true);
    const { byId } = await h.results(await h.pollToEnd(remote.remoteId));
    expect(byId.get('i1')).toMatchObject({
      outcome: 'succeeded',
      text: 'fake answer to: Describe the image.',
    });
  });

  it('returns structured output as JSON valid for the schema (chat and responses)', async () => {
    await start();
    const schema = {
      title: 'Paper fields',
      type: 'object',
      properties: {
        title: { type: 'string' },
        year: { type: 'integer' },
        field: { enum: ['bio', 'cs'] },
        authors: { type: 'array', items: { type: 'string' } },
      },
      required: ['title'],
    };
    const chat = await h.submit([job({ id: 's1', prompt: 'Extract.', schema })]);
    const responses = await h.submit([job({ id: 's2', endpoint: 'responses', prompt: 'Extract.', schema })]);
    const validate = new Ajv().compile(schema);
    for (const [{ remote }, id] of [
      [chat, 's1'],
      [responses, 's2'],
    ] as const) {
      const { byId } = await h.results(await h.pollToEnd(remote.remoteId));
      expect(validate(JSON.parse(byId.get(id)!.text!))).toBe(true);
    }
    const bodies = h.fake.receivedBodies().join('\n');
    expect(bodies).toContain('"response_format":{"type":"json_schema"');
    expect(bodies).toContain('"text":{"format":{"type":"json_schema"');
    expect(bodies).toContain('"strict":true');
  });

  it('returns an embedding vector with its token count', async () => {
    await start();
    const spec = job({
      id: 'e1',
      model: EMBED_MODEL.id,
      endpoint: 'embeddings',
      input: 'the cat sat on the mat',
    });
    const { remote } = await h.submit([spec], { model: EMBED_MODEL });
    const { byId } = await h.results(await h.pollToEnd(remote.remoteId));
    const r = byId.get('e1')!;
    expect(r.outcome).toBe('succeeded');
    expect(r.embedding).toHaveLength(EMBED_MODEL.embedding!.dimensions);
    const tokens = await h.provider.estimateInputTokens!(spec, EMBED_MODEL);
    expect(r.usage).toEqual({ input_tokens: tokens, output_tokens: 0, cached_input_tokens: 0 });
  });

  it('sends dimensions for shorter vectors and gets vectors of that length', async () => {
    await start();
    const spec = job({ id: 'e1', model: EMBED_MODEL.id, endpoint: 'embeddings', input: 'the cat sat on the mat', dimensions: 256 });
    const { remote } = await h.submit([spec], { model: EMBED_MODEL });
    const { byId } = await h.results(await h.pollToEnd(remote.remoteId));
    expect(byId.get('e1')!.embedding).toHaveLength(256);
  });
});

describe('OpenAI adapter: how batches end', () => {
  it('recovers the finished part of an expired batch and marks the rest expired', async () => {
    await start({ outcome: 'expire_partial', partialFraction: 0.5 });
    const { remote } = await h.submit(
      ['a', 'b', 'c', 'd'].map((id) => job({ id, prompt: `question ${id}` })),
    );
    const done = await h.pollToEnd(remote.remoteId);
    expect(done.status).toBe('expired');
    const { byId, files } = await h.results(done);
    expect(files).toHaveLength(2);
    expect([...'abcd'].map((id) => byId.get(id)!.outcome)).toEqual([
      'succeeded',
      'succeeded',
      'expired',
      'expired',
    ]);
    expect(byId.get('c')!.errorCategory).toBe('expired');
    expect(byId.get('a')!.usage.output_tokens).toBeGreaterThan(0);
  });

  it('reports every line failed when the batch has only an error file', async () => {
    await start({ outcome: 'fail_all' });
    const { remote } = await h.submit(['a', 'b'].map((id) => job({ id, prompt: id })));
    const done = await h.pollToEnd(remote.remoteId);
    expect(done.handle).toMatchObject({ outputFileId: null });
    expect(done.counts).toMatchObject({ succeeded: 0, failed: 2 });
    const { byId, files } = await h.results(done);
    expect(files).toHaveLength(1);
    expect([...byId.values()].map((r) => [r.outcome, r.errorCategory, r.usage.input_tokens])).toEqual([
      ['failed', 'server', 0],
      ['failed', 'server', 0],
    ]);
  });

  it('fails one line asked to fail, with the HTTP error nested in the response', async () => {
    await start();
    const { remote } = await h.submit([
      job({ id: 'ok', prompt: 'fine' }),
      job({ id: 'bad', prompt: 'please [[fail]]' }),
    ]);
    const { byId } = await h.results(await h.pollToEnd(remote.remoteId));
    expect(byId.get('ok')!.outcome).toBe('succeeded');
    expect(byId.get('bad')).toMatchObject({
      outcome: 'failed',
      errorCategory: 'invalid_request',
      text: null,
    });
  });

  it('keeps partial results of a batch cancelled midway', async () => {
    await start({ partialFraction: 0.5 });
    const { remote } = await h.submit(['a', 'b', 'c', 'd'].map((id) => job({ id, prompt: id })));
    h.fake.clock.advance(3_000);
    expect((await h.provider.poll(remote.remoteId)).status).toBe('in_progress');
    expect((await h.provider.cancel(remote.remoteId)).status).toBe('cancelling');
    const done = await h.pollToEnd(remote.remoteId);
    expect(done.status).toBe('cancelled');
    const { byId } = await h.results(done);
    expect([...'abcd'].map((id) => byId.get(id)!.outcome)).toEqual([
      'succeeded',
      'succeeded',
      'cancelled',
      'cancelled',
    ]);
    // Cancelling a batch that has already ended returns it as it is.
    expect((await h.provider.cancel(remote.remoteId)).status).toBe('cancelled');
  });

  it('matches out-of-order results by custom_id', async () => {
    await start({ outOfOrder: true });
    const { remote } = await h.submit(['x1', 'x2', 'x3'].map((id) => job({ id, prompt: `about ${id}` })));
    const { byId } = await h.results(await h.pollToEnd(remote.remoteId));
    const order: string[] = [];
    for (const r of byId.values()) order[r.line - 1] = r.customId;
    expect(order).toEqual(['x3', 'x2', 'x1']);
    for (const id of ['x1', 'x2', 'x3']) expect(byId.get(id)!.text).toBe(`fake answer to: about ${id}`);
  });

  it('reports a batch that failed validation with its line numbers', async () => {
    await start({ outcome: 'fail_validation' });
    const { remote } = await h.submit([job({ id: 'v', prompt: 'x' })]);
    const done = await h.pollToEnd(remote.remoteId);
    expect(done.status).toBe('failed');
    expect(done.errors?.[0]).toMatchObject({ line: 1, code: 'invalid_request' });
    expect(await h.provider.download(done, h.dir)).toEqual([]);
  });

  it('stays in finalizing as long as the provider does, with every request counted', async () => {
    await start({ finalizingMs: 6 * 3600 * 1000 });
    const { remote } = await h.submit([job({ id: 'a', prompt: 'a' }), job({ id: 'b', prompt: 'b' })]);
    h.fake.clock.advance(20_000);
    const stuck = await h.provider.poll(remote.remoteId);
    expect(stuck).toMatchObject({
      status: 'finalizing',
      counts: { total: 2, succeeded: 2, failed: 0, processing: 0 },
    });
    h.fake.clock.advance(6 * 3600 * 1000);
    expect((await h.provider.poll(remote.remoteId)).status).toBe('completed');
  });
});
