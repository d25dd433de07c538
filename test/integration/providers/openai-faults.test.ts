// The OpenAI adapter under faults and crash reconciliation, real SDK against the fake: reads are retried
// (429 + retry-after, reset, timeout), creates never are, and a create that failed after taking effect is
// found again by its tag. Also: downloads happen once, results expiry is reported, a key is required.
import { randomUUID } from 'node:crypto';
import { readdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { MissingKeyError } from '../../../src/main/providers/config.ts';
import { createOpenAIProvider } from '../../../src/main/providers/openai/index.ts';
import type { FakeScenario } from '../../fakes/types.ts';
import { CHAT_MODEL, job, openAIHarness, type Harness } from './openai-harness.ts';
import type { ProviderConfig } from '../../../src/main/providers/config.ts';

let h: Harness;
const start = async (
  scenario: Partial<FakeScenario> = {},
  config: Partial<ProviderConfig> = {},
): Promise<Harness> => (h = await openAIHarness(scenario, config));
afterEach(async () => h?.close());
const BATCH_PATH = /^\/v1\/batches\/batch_/;

describe('OpenAI adapter: faults and reconciliation', () => {
  it('retries a poll answered 429 with retry-after, after waiting', async () => {
    await start();
    const { remote } = await h.submit([job({ id: 'a', prompt: 'a' })]);
    h.fake.http.inject({
      method: 'GET',
      path: BATCH_PATH,
      fault: { kind: 'status', status: 429, retryAfterSeconds: 1 },
    });
    const started = Date.now();
    expect((await h.provider.poll(remote.remoteId)).remoteId).toBe(remote.remoteId);
    expect(Date.now() - started).toBeGreaterThanOrEqual(900);
    const statuses = h.fake.http.log
      .filter((e) => e.path === `/v1/batches/${remote.remoteId}`)
      .map((e) => e.status);
    expect(statuses).toEqual([429, 200]);
  });

  it('retries polls through a connection reset and a timeout', async () => {
    await start({}, { timeoutMs: 300 });
    const { remote } = await h.submit([job({ id: 'a', prompt: 'a' })]);
    h.fake.http.inject({ method: 'GET', path: BATCH_PATH, fault: { kind: 'reset' } });
    h.fake.http.inject({ method: 'GET', path: BATCH_PATH, fault: { kind: 'timeout' } });
    expect((await h.provider.poll(remote.remoteId)).remoteId).toBe(remote.remoteId);
    expect(h.fake.http.log.filter((e) => e.path === `/v1/batches/${remote.remoteId}`)).toHaveLength(3);
  });

  it('does not retry a create answered 500 after it took effect, and findBatch finds that batch', async () => {
    await start();
    const createdAfter = h.fake.clock.now();
    h.fake.http.inject({
      method: 'POST',
      path: /^\/v1\/batches$/,
      fault: { kind: 'status-after-effect', status: 500 },
    });
    const tag = randomUUID();
    await expect(h.submit([job({ id: 'a', prompt: 'a' })], { tag })).rejects.toMatchObject({ status: 500 });
    expect(h.fake.batchesCreated()).toBe(1);
    const found = await h.provider.findBatch(tag, { createdAfter, requestCount: 1 });
    expect(found).toMatchObject({ status: 'validating', counts: { total: 1 } });
    expect(await h.provider.findBatch(randomUUID(), { createdAfter, requestCount: 1 })).toBeNull();
    expect(h.fake.batchesCreated()).toBe(1);
  });

  it('finds a tagged batch among many by its tag', async () => {
    await start();
    const createdAfter = h.fake.clock.now();
    const first = await h.submit([job({ id: 'a', prompt: 'a' })]);
    h.fake.clock.advance(3600_000);
    for (let i = 0; i < 3; i++) await h.submit([job({ id: 'b', prompt: 'b' })]);
    const found = await h.provider.findBatch(first.tag, { createdAfter, requestCount: 1 });
    expect(found?.remoteId).toBe(first.remote.remoteId);
    expect(await h.provider.findBatch(randomUUID(), { createdAfter, requestCount: 1 })).toBeNull();
  });

  it('does not retry a failed upload, and findUpload finds uploads by tag', async () => {
    await start();
    h.fake.http.inject({ method: 'POST', path: /^\/v1\/files$/, fault: { kind: 'status', status: 503 } });
    const inputPath = join(h.dir, 'in.jsonl');
    const line = await h.provider.requestLine({
      customId: 'a',
      job: job({ id: 'a', prompt: 'a' }),
      model: CHAT_MODEL,
    });
    await writeFile(inputPath, JSON.stringify(line) + '\n');
    const input = {
      tag: randomUUID(),
      inputPath,
      requestCount: 1,
      model: CHAT_MODEL,
      endpoint: 'chat' as const,
    };
    await expect(h.provider.upload!(input)).rejects.toMatchObject({ status: 503 });
    expect(h.fake.http.log.filter((e) => e.method === 'POST' && e.path === '/v1/files')).toHaveLength(1);
    const { fileId } = await h.provider.upload!(input);
    expect(await h.provider.findUpload!(input.tag)).toEqual({ fileId });
    expect(await h.provider.findUpload!(randomUUID())).toBeNull();
  });

  it('downloads each result file once and reports when the results expire', async () => {
    await start();
    const { remote } = await h.submit([job({ id: 'a', prompt: 'a' })]);
    const done = await h.pollToEnd(remote.remoteId);
    expect(done.resultsExpireAt).toBe(Math.floor(h.fake.clock.now() / 1000) * 1000 + 30 * 24 * 3600 * 1000);
    const out = join(h.dir, 'results');
    expect(await h.provider.download(done, out)).toEqual([join(out, `${done.remoteId}-output.jsonl`)]);
    await h.provider.download(done, out);
    expect(h.fake.http.log.filter((e) => e.path.endsWith('/content'))).toHaveLength(1);
    expect(await readdir(out)).toEqual([`${done.remoteId}-output.jsonl`]);
  });

  it('advances the fake clock on status reads when told to (for child processes)', async () => {
    await start({ autoAdvanceMs: 5_000 });
    const { remote } = await h.submit([job({ id: 'a', prompt: 'a' })]);
    const statuses: string[] = [];
    for (let i = 0; i < 5; i++) statuses.push((await h.provider.poll(remote.remoteId)).status);
    expect(statuses).toEqual(['in_progress', 'in_progress', 'completed', 'completed', 'completed']);
  });

  it('needs a key for network calls, and the fake refuses requests without one', async () => {
    await start();
    const keyless = createOpenAIProvider({ apiKey: null, baseURL: h.fake.url });
    await expect(keyless.poll('batch_x')).rejects.toBeInstanceOf(MissingKeyError);
    expect((await fetch(`${h.fake.url}/batches`)).status).toBe(401);
    expect(h.fake.receivedBodies().every((b) => !b.includes('sk-test-canary'))).toBe(true);
  });
});
