// Issue 8 acceptance: the official openai SDK runs the documented batch flow against the gateway with models of
// all three providers and the demo provider in one file, parses every output line, and gets every custom_id back
// exactly once.
import { createReadStream } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chatLine, startGateway, waitForBatch, type Gateway } from './harness.ts';

const MODELS = ['gpt-4.1-mini', 'claude-haiku-4-5', 'gemini-3.8-flash', 'demo/echo'];

describe('the OpenAI batch flow through the gateway', () => {
  let gw: Gateway;
  beforeAll(async () => (gw = await startGateway()));
  afterAll(() => gw.close());

  it('files.create → batches.create → retrieve until done → files.content, across every provider', async () => {
    const lines = MODELS.flatMap((model, m) => [0, 1].map((i) => chatLine(`req-${m}-${i}`, model)));
    const input = await gw.client.files.create({ file: createReadStream(await gw.file('mixed.jsonl', lines)), purpose: 'batch' });
    expect(input).toMatchObject({ object: 'file', purpose: 'batch', filename: 'mixed.jsonl' });
    expect(input.bytes).toBeGreaterThan(0);

    const created = await gw.client.batches.create({ input_file_id: input.id, endpoint: '/v1/chat/completions', completion_window: '24h', metadata: { project: 'survey-2026' } });
    expect(created).toMatchObject({ object: 'batch', endpoint: '/v1/chat/completions', completion_window: '24h', metadata: { project: 'survey-2026' } });
    expect(['validating', 'in_progress']).toContain(created.status);

    const done = await waitForBatch(gw.client, created.id, ['completed', 'failed', 'expired', 'cancelled']);
    expect(done.status).toBe('completed');
    expect(done.request_counts).toEqual({ total: 8, completed: 8, failed: 0 });
    expect(done.completed_at).toBeGreaterThanOrEqual(done.created_at);
    expect(done.output_file_id).toBeTruthy();
    expect(done.error_file_id).toBeNull();

    const content = await (await gw.client.files.content(done.output_file_id!)).text();
    const outputs = content.trim().split('\n').map((l) => JSON.parse(l) as { custom_id: string; response: { status_code: number; body: { object: string; model: string; choices: { message: { content: string } }[]; usage: { total_tokens: number } } }; error: null });
    expect(outputs.map((o) => o.custom_id).sort()).toEqual(lines.map((l) => l.custom_id).sort());
    for (const out of outputs) {
      expect(out.response.status_code).toBe(200);
      expect(out.response.body.object).toBe('chat.completion');
      expect(typeof out.response.body.choices[0]!.message.content).toBe('string');
      expect(out.response.body.usage.total_tokens).toBeGreaterThan(0);
      expect(out.error).toBeNull();
    }
    const byModel = Object.fromEntries(outputs.map((o) => [o.custom_id.slice(0, 5), o.response.body.model]));
    expect(byModel).toEqual({ 'req-0': 'gpt-4.1-mini', 'req-1': 'claude-haiku-4-5', 'req-2': 'gemini-3.8-flash', 'req-3': 'echo' });
    expect(gw.fakes.openai.batchesCreated()).toBe(1);
    expect(gw.fakes.anthropic.batchesCreated()).toBe(1);
    expect(gw.fakes.gemini.batchesCreated()).toBe(1);

    // The gateway's batch is an ordinary run too: it shows up in the UI and CLI.
    const runs = gw.host.store.runs.list(10);
    expect(runs.find((r) => r.options.source === 'gateway')?.name).toContain(created.id);
  });

  it('returns failed requests in an error file with code and message', async () => {
    const lines = [chatLine('ok-1', 'demo/echo'), chatLine('bad-1', 'demo/echo', 'this one [[fail]]s')];
    const input = await gw.client.files.create({ file: createReadStream(await gw.file('partial.jsonl', lines)), purpose: 'batch' });
    const batch = await gw.client.batches.create({ input_file_id: input.id, endpoint: '/v1/chat/completions', completion_window: '24h' });
    const done = await waitForBatch(gw.client, batch.id, ['completed']);
    expect(done.request_counts).toEqual({ total: 2, completed: 1, failed: 1 });
    const errors = (await (await gw.client.files.content(done.error_file_id!)).text()).trim().split('\n').map((l) => JSON.parse(l));
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatchObject({ custom_id: 'bad-1', response: { status_code: 400, body: { error: { message: expect.stringContaining('[[fail]]') } } } });
  });
});
