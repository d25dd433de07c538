// Issue 8 acceptance: list paging, cancel with partial output, and each validation error in OpenAI's shapes.
import { createReadStream } from 'node:fs';
import OpenAI from 'openai';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chatLine, startGateway, waitForBatch, type Gateway } from './harness.ts';

describe('gateway validation, paging and cancel', () => {
  let gw: Gateway;
  let fileId: string;
  beforeAll(async () => {
    gw = await startGateway({ BATCHDESK_DEMO_SECONDS: '4' });
    fileId = (await gw.client.files.create({ file: createReadStream(await gw.file('ok.jsonl', [chatLine('a', 'demo/echo'), chatLine('b', 'demo/echo')])), purpose: 'batch' })).id;
  });
  afterAll(() => gw.close());

  const create = (body: Record<string, unknown>) => gw.client.batches.create({ input_file_id: fileId, endpoint: '/v1/chat/completions', completion_window: '24h', ...body } as OpenAI.Batches.BatchCreateParams);

  async function rejected(promise: Promise<unknown>): Promise<InstanceType<typeof OpenAI.APIError>> {
    const error = await promise.then(() => null, (e: unknown) => e);
    expect(error).toBeInstanceOf(OpenAI.BadRequestError);
    return error as InstanceType<typeof OpenAI.APIError>;
  }

  it('refuses an unknown endpoint', async () => {
    const error = await rejected(create({ endpoint: '/v1/completions' }));
    expect(error.param).toBe('endpoint');
    expect((error.error as { type: string }).type).toBe('invalid_request_error');
  });

  it("refuses a completion_window other than '24h'", async () => {
    expect((await rejected(create({ completion_window: '48h' }))).param).toBe('completion_window');
  });

  it('refuses metadata over 16 pairs, a key over 64 characters and a value over 512', async () => {
    const many = Object.fromEntries(Array.from({ length: 17 }, (_, i) => [`k${i}`, 'v']));
    expect((await rejected(create({ metadata: many }))).param).toBe('metadata');
    expect((await rejected(create({ metadata: { ['k'.repeat(65)]: 'v' } }))).param).toBe('metadata');
    expect((await rejected(create({ metadata: { note: 'v'.repeat(513) } }))).param).toBe('metadata.note');
  });

  it('answers 404 for an unknown input file and 401 for a wrong key', async () => {
    expect(await create({ input_file_id: 'file-nope' }).catch((e: unknown) => e)).toBeInstanceOf(OpenAI.NotFoundError);
    const stranger = new OpenAI({ baseURL: gw.client.baseURL, apiKey: 'wrong', maxRetries: 0 });
    expect(await stranger.batches.list().catch((e: unknown) => e)).toBeInstanceOf(OpenAI.AuthenticationError);
  });

  it('fails a batch whose file has malformed lines or duplicate custom_ids, with line numbers', async () => {
    const path = await gw.file('bad.jsonl', [chatLine('x', 'demo/echo'), '{"custom_id": "y", "method": "POST", truncated', chatLine('x', 'demo/echo'), { ...chatLine('z', 'demo/echo'), url: '/v1/embeddings' }]);
    const file = await gw.client.files.create({ file: createReadStream(path), purpose: 'batch' });
    const batch = await gw.client.batches.create({ input_file_id: file.id, endpoint: '/v1/chat/completions', completion_window: '24h' });
    expect(batch.status).toBe('failed');
    expect(batch.failed_at).toBeGreaterThan(0);
    expect(batch.errors?.data?.map((e) => [e.code, e.line])).toEqual([
      ['invalid_json_line', 2],
      ['duplicate_custom_id', 3],
      ['mismatched_endpoint', 4],
    ]);
    expect(await gw.client.batches.retrieve(batch.id)).toMatchObject({ status: 'failed' });
  });

  it('pages batches with limit/after → has_more/first_id/last_id, and files likewise', async () => {
    for (let i = 0; i < 3; i++) await create({ metadata: { n: String(i) } });
    const first = await gw.client.batches.list({ limit: 2 });
    expect(first.data).toHaveLength(2);
    expect(first.has_more).toBe(true);
    const raw = (await fetch(`${gw.client.baseURL}/batches?limit=2`, { headers: { authorization: `Bearer ${gw.server.gatewayToken}` } }).then((r) => r.json())) as { first_id: string; last_id: string; has_more: boolean; object: string };
    expect(raw).toMatchObject({ object: 'list', has_more: true, first_id: first.data[0]!.id, last_id: first.data[1]!.id });
    const all: string[] = [];
    for await (const batch of gw.client.batches.list({ limit: 2 })) all.push(batch.id);
    expect(new Set(all).size).toBe(all.length);
    expect(all.length).toBeGreaterThanOrEqual(3);
    const files = await gw.client.files.list({ limit: 1 });
    expect(files.data).toHaveLength(1);
  });

  it('cancels a running batch and keeps the finished part in the output file', async () => {
    const lines = Array.from({ length: 40 }, (_, i) => chatLine(`c${i}`, 'demo/echo'));
    const file = await gw.client.files.create({ file: createReadStream(await gw.file('cancel.jsonl', lines)), purpose: 'batch' });
    const batch = await gw.client.batches.create({ input_file_id: file.id, endpoint: '/v1/chat/completions', completion_window: '24h' });
    await waitForBatch(gw.client, batch.id, ['in_progress']);
    await new Promise((resolve) => setTimeout(resolve, 1800));
    const cancelling = await gw.client.batches.cancel(batch.id);
    expect(['cancelling', 'cancelled']).toContain(cancelling.status);
    const done = await waitForBatch(gw.client, batch.id, ['cancelled']);
    expect(done.status).toBe('cancelled');
    expect(done.cancelled_at).toBeGreaterThan(0);
    const { completed, failed, total } = done.request_counts!;
    expect(total).toBe(40);
    expect(completed).toBeGreaterThan(0);
    expect(failed).toBeGreaterThan(0);
    expect(completed + failed).toBe(40);
    const output = (await (await gw.client.files.content(done.output_file_id!)).text()).trim().split('\n');
    expect(output).toHaveLength(completed);
    const errors = (await (await gw.client.files.content(done.error_file_id!)).text()).trim().split('\n').map((l) => JSON.parse(l));
    expect(errors).toHaveLength(failed);
    expect(errors[0]).toMatchObject({ response: null, error: { code: 'batch_cancelled' } });
  });
});
