// Request-shape conformance: the Anthropic adapter driven through create, poll, list, results, cancel and
// count-tokens against a Prism mock of Anthropic's published API description (run-conformance.sh sets
// ANTHROPIC_BASE_URL and ANTHROPIC_API_KEY). The mock keeps no state; the harness fails on any request the
// description rejects. The spec predates documents, output_config and newer models, so the jobs here use
// fields it knows (text, forced tool use); request.test.ts covers the newer shapes.
import { randomUUID } from 'node:crypto';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { JobSpec, ModelConfig } from '../../src/shared/domain.ts';
import type { ResultLine } from '../../src/main/core/provider.ts';
import { ANTHROPIC_MODELS, createAnthropicProvider } from '../../src/main/providers/anthropic/index.ts';

const baseURL = process.env.ANTHROPIC_BASE_URL;
const apiKey = process.env.ANTHROPIC_API_KEY ?? null;
const MODEL: ModelConfig = ANTHROPIC_MODELS.find((m) => m.id === 'anthropic/claude-haiku-4-5')!;
const provider = createAnthropicProvider({ apiKey, ...(baseURL ? { baseURL } : {}), maxRetries: 0 });

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'bd-anth-conf-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

const jobs: JobSpec[] = [
  { id: 'j1', label: 'text', model: MODEL.id, endpoint: 'chat', system: 'Be brief.', prompt: 'Name a prime number.', params: { max_tokens: 100, temperature: 0 } },
  {
    id: 'j2',
    label: 'schema',
    model: MODEL.id,
    endpoint: 'chat',
    messages: [{ role: 'user', content: 'Classify: great product' }],
    params: {},
    schema: { type: 'object', properties: { label: { type: 'string', enum: ['positive', 'negative'] } }, required: ['label'] },
  },
];

describe.skipIf(!baseURL)('Anthropic adapter against the published API description (Prism)', () => {
  it('creates, polls, lists, downloads and parses results, cancels, counts tokens', async () => {
    const tag = randomUUID();
    const lines = await Promise.all(jobs.map((job, i) => provider.requestLine({ customId: `${tag.slice(0, 8)}_${i}`, job, model: MODEL })));
    const inputPath = join(dir, 'input.jsonl');
    await writeFile(inputPath, lines.map((l) => `${JSON.stringify(l)}\n`).join(''));

    const created = await provider.create({ tag, inputPath, requestCount: jobs.length, model: MODEL, endpoint: 'chat', confirmCreate: () => {} });
    expect(typeof created.remoteId).toBe('string');
    expect(created.countsLive).toBe(false);

    const polled = await provider.poll(created.remoteId);
    expect(['in_progress', 'cancelling', 'completed', 'expired', 'cancelled']).toContain(polled.status);

    // The mock lists example batches; findBatch must at least list and filter without error.
    await provider.findBatch(tag, { createdAfter: 0, requestCount: jobs.length });

    const ended = { ...polled, handle: { results_url: `${baseURL}/v1/messages/batches/${created.remoteId}/results` } };
    const files = await provider.download(ended, dir);
    expect(files).toHaveLength(1);
    const parsed: ResultLine[] = [];
    for await (const line of provider.parseResults(files[0]!)) parsed.push(line);
    expect(parsed.length).toBeGreaterThan(0);

    const cancelled = await provider.cancel(created.remoteId);
    expect(typeof cancelled.status).toBe('string');

    expect(await provider.estimateInputTokens!(jobs[0]!, MODEL)).toBeGreaterThanOrEqual(0);
  });
});
