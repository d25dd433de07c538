// The demo provider: the whole batch lifecycle simulated locally, with deterministic output, token counts and
// simulated prices, so every screen and every failure path can be tried without an API key.
import { join } from 'node:path';
import { z } from 'zod';
import type { Clock } from '../../core/clock.ts';
import type { PlannedRequest, Provider, RemoteBatch, ResultLine } from '../../core/provider.ts';
import { approximateFileTokens } from '../../core/tokens.ts';
import { categorizeError } from '../../core/error-category.ts';
import { fileExists, readLines, writeFileAtomic } from '../../store/files.ts';
import { isTextLike, readAttachmentText } from '../../inputs/attachment.ts';
import { demoAnswer, EXPIRE_MARK, FAIL_MARK, type DemoOutcome, type DemoRequest, type DemoResultLine } from './answer.ts';
import { DemoRemote, type DemoBatchRecord } from './remote.ts';
import { dimensionProblems, expectedDimensions } from '../../core/embedding-dimensions.ts';

export const DEFAULT_DEMO_SECONDS = 20;

export interface DemoProviderOptions {
  /** Folder that plays the remote service (normally <data>/demo-remote). */
  folder: string;
  clock: Clock;
  lifecycleMs?: number;
}

const ResultLineSchema = z.object({
  custom_id: z.string(),
  outcome: z.enum(['succeeded', 'failed', 'expired', 'cancelled']),
  text: z.string().nullable(),
  embedding: z.array(z.number()).optional(),
  usage: z.object({ input_tokens: z.number(), output_tokens: z.number(), cached_input_tokens: z.number() }),
  error: z.object({ code: z.string(), message: z.string() }).nullable(),
});

export function demoLifecycleMs(env = process.env): number {
  const seconds = Number(env.BATCHDESK_DEMO_SECONDS ?? DEFAULT_DEMO_SECONDS);
  return Number.isFinite(seconds) && seconds >= 0 ? seconds * 1000 : DEFAULT_DEMO_SECONDS * 1000;
}

async function requestText(request: PlannedRequest): Promise<{ text: string; fileTokens: number }> {
  const { job } = request;
  const parts: string[] = [];
  let fileTokens = 0;
  if (job.messages) parts.push(...job.messages.map((m) => m.content));
  if (job.prompt) parts.push(job.prompt);
  if (job.input) parts.push(...(Array.isArray(job.input) ? job.input : [job.input]));
  if (job.file) {
    if (isTextLike(job.file.media_type)) parts.push(await readAttachmentText(job.file));
    else fileTokens = approximateFileTokens(job.file.media_type, job.file.size);
  }
  return { text: parts.join('\n\n'), fileTokens };
}

export function createDemoProvider(options: DemoProviderOptions): Provider {
  const remote = new DemoRemote(options.folder, options.lifecycleMs ?? demoLifecycleMs());
  const toRemote = (record: DemoBatchRecord): RemoteBatch => {
    const phase = remote.phase(record, options.clock.now());
    const finished = ['completed', 'expired', 'cancelled'].includes(phase.status);
    return {
      remoteId: record.id,
      status: phase.status,
      counts: { total: record.request_count, succeeded: phase.done, failed: 0, processing: finished ? 0 : record.request_count - phase.done },
      countsLive: true,
      createdAt: record.created_at,
      ...(phase.endedAt !== undefined ? { endedAt: phase.endedAt } : {}),
      resultsExpireAt: record.created_at + 30 * 24 * 3600_000,
    };
  };

  return {
    name: 'demo',
    limits: { maxRequests: 50_000, maxBytes: 200 * 1024 * 1024 },
    simulated: true,

    validateJob(job, model) {
      if (job.endpoint === 'embeddings' && !model.endpoints.includes('embeddings')) return [`${model.id} does not make embeddings: choose demo/embed`];
      return dimensionProblems(job, model);
    },

    async requestLine(request) {
      const { text, fileTokens } = await requestText(request);
      const line: DemoRequest = {
        custom_id: request.customId,
        model: request.model.id,
        endpoint: request.job.endpoint,
        text,
        file_tokens: fileTokens,
        ...(request.job.system ? { system: request.job.system } : {}),
        ...(request.job.schema ? { schema: request.job.schema } : {}),
        ...(request.job.params.max_tokens ? { max_tokens: request.job.params.max_tokens } : {}),
        ...(request.job.endpoint === 'embeddings' ? { dimensions: expectedDimensions(request.job, request.model) ?? undefined } : {}),
      };
      return line;
    },

    async create(input) {
      let expires = false;
      for await (const { text } of readLines(input.inputPath)) if (text.includes(EXPIRE_MARK)) expires = true;
      input.confirmCreate();
      const record = await remote.create(
        { tag: input.tag, model: input.model.id, endpoint: input.endpoint, request_count: input.requestCount, created_at: options.clock.now(), expires },
        input.inputPath,
      );
      return toRemote(record);
    },

    async findBatch(tag, hint) {
      const record = (await remote.list()).find((r) => r.tag === tag && !hint.known?.has(r.id));
      return record ? toRemote(record) : null;
    },

    async poll(remoteId) {
      return toRemote(await remote.get(remoteId));
    },

    async cancel(remoteId) {
      return toRemote(await remote.cancel(remoteId, options.clock.now()));
    },

    async download(batch, dir) {
      const target = join(dir, 'output.jsonl');
      if (await fileExists(target)) return [target];
      const record = await remote.get(batch.remoteId);
      const phase = remote.phase(record, options.clock.now());
      async function* lines(): AsyncGenerator<string> {
        let index = 0;
        for await (const { text } of readLines(remote.inputPath(record.id))) {
          const request = JSON.parse(text) as DemoRequest;
          let outcome: DemoOutcome = 'succeeded';
          if (request.text.includes(FAIL_MARK)) outcome = 'failed';
          else if (request.text.includes(EXPIRE_MARK)) outcome = 'expired';
          else if (index >= phase.done) outcome = phase.status === 'cancelled' ? 'cancelled' : 'expired';
          index += 1;
          yield `${JSON.stringify(demoAnswer(request, outcome))}\n`;
        }
      }
      await writeFileAtomic(target, lines());
      return [target];
    },

    async *parseResults(file): AsyncGenerator<ResultLine> {
      for await (const { line, text } of readLines(file)) {
        let value: DemoResultLine;
        try {
          value = ResultLineSchema.parse(JSON.parse(text)) as DemoResultLine;
        } catch (error) {
          yield { kind: 'bad', line, problem: error instanceof SyntaxError ? `invalid JSON: ${error.message}` : 'not a demo result line' };
          continue;
        }
        yield {
          kind: 'result',
          line,
          customId: value.custom_id,
          outcome: value.outcome,
          text: value.text,
          ...(value.embedding ? { embedding: value.embedding } : {}),
          usage: value.usage,
          ...(value.error ? { error: value.error.message, errorCategory: categorizeError({ code: value.error.code }) } : {}),
          raw: text,
        };
      }
    },
  };
}
