// Drives the OpenAI adapter as the engine does, against the fake: request lines → JSONL input file → upload →
// create → poll to a terminal state on the fake clock → download → parse. Shared by the OpenAI integration tests.
import { randomUUID } from 'node:crypto';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  JobSpecSchema,
  TERMINAL_BATCH_STATUSES,
  type Attachment,
  type Endpoint,
  type JobSpec,
  type ModelConfig,
} from '../../../src/shared/domain.ts';
import type { ParsedResult, Provider, RemoteBatch, ResultLine } from '../../../src/main/core/provider.ts';
import type { ProviderConfig } from '../../../src/main/providers/config.ts';
import { createOpenAIProvider, OPENAI_MODELS } from '../../../src/main/providers/openai/index.ts';
import { startOpenAIFake } from '../../fakes/openai-server.ts';
import type { FakeProviderServer, FakeScenario } from '../../fakes/types.ts';
export { tinyPdf, tinyPng } from '../../helpers/sample-files.ts';

export const CHAT_MODEL = OPENAI_MODELS.find((m) => m.id === 'openai/gpt-4.1-mini')!;
export const EMBED_MODEL = OPENAI_MODELS.find((m) => m.id === 'openai/text-embedding-3-small')!;

export function job(fields: Partial<JobSpec> & { id: string }): JobSpec {
  return JobSpecSchema.parse({ label: fields.id, model: CHAT_MODEL.id, ...fields });
}

export interface Harness {
  fake: FakeProviderServer;
  provider: Provider;
  dir: string;
  /** Write the jobs' request lines, upload them under a fresh tag (or `tag`) and create the batch. */
  submit(
    jobs: JobSpec[],
    options?: { model?: ModelConfig; endpoint?: Endpoint; tag?: string },
  ): Promise<{ remote: RemoteBatch; tag: string }>;
  pollToEnd(remoteId: string): Promise<RemoteBatch>;
  results(
    remote: RemoteBatch,
  ): Promise<{ byId: Map<string, ParsedResult>; bad: ResultLine[]; files: string[] }>;
  attachment(name: string, mediaType: string, bytes: Buffer): Promise<Attachment>;
  close(): Promise<void>;
}

export async function openAIHarness(
  scenario: Partial<FakeScenario> = {},
  config: Partial<ProviderConfig> = {},
): Promise<Harness> {
  const fake = await startOpenAIFake({ scenario });
  const provider = createOpenAIProvider({
    apiKey: 'sk-test-canary',
    baseURL: fake.url,
    maxRetries: 2,
    timeoutMs: 5_000,
    ...config,
  });
  const dir = await mkdtemp(join(tmpdir(), 'bd-openai-'));
  return {
    fake,
    provider,
    dir,
    async submit(jobs, options = {}) {
      const model = options.model ?? CHAT_MODEL;
      const inputPath = join(dir, `input-${randomUUID()}.jsonl`);
      const lines = await Promise.all(
        jobs.map((j) => provider.requestLine({ customId: j.id, job: j, model })),
      );
      await writeFile(inputPath, lines.map((l) => JSON.stringify(l)).join('\n') + '\n');
      const tag = options.tag ?? randomUUID();
      const input = {
        tag,
        inputPath,
        requestCount: jobs.length,
        model,
        endpoint: options.endpoint ?? jobs[0]!.endpoint,
      };
      const { fileId } = await provider.upload!(input);
      return { remote: await provider.create({ ...input, fileId, confirmCreate: () => {} }), tag };
    },
    async pollToEnd(remoteId) {
      for (let i = 0; i < 50; i++) {
        const remote = await provider.poll(remoteId);
        if (TERMINAL_BATCH_STATUSES.includes(remote.status)) return remote;
        fake.clock.advance(1_000);
      }
      throw new Error('batch never finished');
    },
    async results(remote) {
      const files = await provider.download(remote, join(dir, 'results'));
      const byId = new Map<string, ParsedResult>();
      const bad: ResultLine[] = [];
      for (const file of files) {
        for await (const line of provider.parseResults(file)) {
          if (line.kind === 'result') byId.set(line.customId, line);
          else bad.push(line);
        }
      }
      return { byId, bad, files };
    },
    async attachment(name, mediaType, bytes) {
      const path = join(dir, name);
      await writeFile(path, bytes);
      return { path, name, media_type: mediaType, size: bytes.length, sha256: 'test' };
    },
    async close() {
      await fake.close();
      await rm(dir, { recursive: true, force: true });
    },
  };
}

