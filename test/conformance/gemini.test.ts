// Request-shape conformance of the Gemini adapter against the Prism mock of the Gemini API description
// (../shared/conformance/run-conformance.sh sets GEMINI_BASE_URL and GEMINI_API_KEY). Prism keeps no state
// and answers with schema-shaped examples, so this proves what we SEND; behaviour is tested on our own fake.
// Not covered here, each for a reason outside our code:
// - files.upload: a resumable upload Prism cannot mock, so file-based creates use a file name.
// - a system prompt in an inline request: the community spec's BatchGenerateRequest.request lists only
//   contents/generationConfig/model, while the real InlinedRequest.request is a full GenerateContentRequest
//   (systemInstruction included; the SDK itself puts it there). Covered against our fake instead.
// - batches.createEmbeddings: SDK 3.1 sends inputConfig.file_name (snake_case, which proto-JSON accepts);
//   the spec lists only fileName. Covered against our fake instead.
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Provider, ResultLine, UploadInput } from '../../src/main/core/provider.ts';
import { createGeminiProvider, GEMINI_MODELS, INLINE_SOURCE } from '../../src/main/providers/gemini/index.ts';
import { JobSpecSchema } from '../../src/shared/domain.ts';

const FLASH = GEMINI_MODELS.find((m) => m.id === 'gemini/gemini-3.8-flash')!;
const EMBED = GEMINI_MODELS.find((m) => m.id === 'gemini/gemini-embedding-001')!;
const baseURL = process.env['GEMINI_BASE_URL'] ?? process.env['GOOGLE_GEMINI_BASE_URL'];
const TAG = '3f0c9a52-5d1e-4a8e-9c7b-0d2f1e6a7b10';

let dir: string;
let provider: Provider;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'gemini-conf-'));
  provider = createGeminiProvider({ apiKey: process.env['GEMINI_API_KEY'] ?? null, baseURL, maxRetries: 0 });
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function inputFile(): Promise<UploadInput> {
  const schema = { type: 'object', properties: { answer: { type: 'string' } }, required: ['answer'] };
  const jobs = [
    JobSpecSchema.parse({ id: 'a', label: 'a', model: FLASH.id, prompt: 'Why is the sky blue?', params: { temperature: 0.1, max_tokens: 50, top_p: 0.9 } }),
    JobSpecSchema.parse({ id: 'b', label: 'b', model: FLASH.id, prompt: 'Give JSON.', schema }),
  ];
  const lines = await Promise.all(jobs.map((job, i) => provider.requestLine({ customId: `3f0c9a52_${i}`, job, model: FLASH })));
  const inputPath = join(dir, 'input.jsonl');
  await writeFile(inputPath, lines.map((l) => JSON.stringify(l)).join('\n') + '\n');
  return { tag: TAG, inputPath, requestCount: jobs.length, model: FLASH, endpoint: 'chat' };
}

describe.skipIf(!baseURL)('Gemini adapter against the Prism mock', () => {
  it('creates an inline batch, polls it, downloads and parses the response file, cancels', async () => {
    const input = await inputFile();
    const { fileId } = await provider.upload!(input);
    expect(fileId).toBe(INLINE_SOURCE);
    const created = await provider.create({ ...input, fileId, confirmCreate: () => {} });
    expect(created.status).toBeDefined();

    const remote = await provider.poll('batches/conformance1');
    expect(remote.status).toBe('completed');
    expect(remote.handle?.['responsesFile']).toBeTruthy();

    const files = await provider.download(remote, join(dir, 'out'));
    expect(files).toHaveLength(1);
    const lines: ResultLine[] = [];
    for await (const line of provider.parseResults(files[0]!)) lines.push(line);
    expect(lines.filter((l) => l.kind === 'result').length).toBeGreaterThan(0);

    const cancelled = await provider.cancel('batches/conformance1');
    expect(cancelled.remoteId).toBeTruthy();
  });

  it('creates a batch from a file name and writes an embeddings line', async () => {
    const input = await inputFile();
    await expect(provider.create({ ...input, fileId: 'files/conformance-input', confirmCreate: () => {} })).resolves.toBeDefined();
    const embed = JobSpecSchema.parse({ id: 'e', label: 'e', model: EMBED.id, endpoint: 'embeddings', input: 'hello' });
    const line = await provider.requestLine({ customId: '3f0c9a52_9', job: embed, model: EMBED });
    expect(line).toMatchObject({ request: { content: { parts: [{ text: 'hello' }] } } });
  });

  it('lists batches and files for reconciliation and counts tokens', async () => {
    await expect(provider.findBatch(TAG, { createdAfter: 0, requestCount: 2 })).resolves.toBeDefined();
    await expect(provider.findUpload!(TAG)).resolves.toBeDefined();
    const job = JobSpecSchema.parse({ id: 't', label: 't', model: FLASH.id, system: 'S', prompt: 'Count me' });
    expect(await provider.estimateInputTokens!(job, FLASH)).toBeGreaterThan(0);
  });
});
