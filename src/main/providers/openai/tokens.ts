// Input-token estimate for OpenAI jobs. With a PDF or an image, the count-tokens endpoint
// (`responses.inputTokens.count`, files included) answers exactly; on any failure, and for text-only jobs,
// gpt-tokenizer (o200k_base, the encoding of current OpenAI models) counts exactly the text parts the request
// carries (and the JSON schema), in chunks so a pathological text stays linear and never blocks, and files follow OpenAI's documented
// rules (core/token-rules). Chat framing (a few tokens per message) is not counted.
// The tokenizer's tables take ~75 MB, so they are loaded on the first estimate (or by the app and `serve` right
// after they start: loadTokenizer), not by every process that only writes input files or ingests results.
import type { JobSpec, ModelConfig } from '../../../shared/domain.ts';
import { countInChunks } from '../../core/chunked-count.ts';
import type { ProviderCallOptions } from '../../core/provider.ts';
import { fileTokens } from '../../core/token-rules/index.ts';
import type { OpenAIClients } from './client.ts';
import { buildConversation, conversationOf, conversationTexts, embeddingInput, filePart, fileKind } from './content.ts';
import { responsesBody } from './request.ts';
import { countCl100k } from '../../inputs/text/token-pieces.ts';

/** Load (and build) the o200k_base tables once; later counts reuse them. */
export async function loadTokenizer(): Promise<void> {
  const { countTokens } = await import('gpt-tokenizer');
  countTokens('warm up the tables');
}

/** Count one text with o200k_base, linear in its length. */
export async function countTextTokens(text: string, signal?: AbortSignal): Promise<number> {
  const { countTokens } = await import('gpt-tokenizer');
  // Special-token markers in user text are counted as plain text, never refused.
  return countInChunks(text, (chunk) => countTokens(chunk, { disallowedSpecial: new Set() }), signal);
}

async function sumTexts(texts: string[], signal?: AbortSignal): Promise<number> {
  let sum = 0;
  for (const text of texts) sum += await countTextTokens(text, signal);
  return sum;
}

/** The tokenizer for the text, the documented rule for PDFs and images. */
export async function estimateOpenAIInputTokens(job: JobSpec, model: Pick<ModelConfig, 'id' | 'provider'>, opts?: ProviderCallOptions): Promise<number> {
  if (job.endpoint === 'embeddings') {
    // The text-embedding-3 models tokenize with cl100k_base, not the o200k_base of current chat models.
    const input = embeddingInput(job);
    let tokens = 0;
    for (const text of Array.isArray(input) ? input : [input]) tokens += await countCl100k(text);
    return tokens;
  }
  const conversation = await buildConversation(job, true);
  let tokens = await sumTexts(conversationTexts(conversation), opts?.signal);
  // Structured output: the schema is part of the prompt the model reads.
  if (job.schema) tokens += await countTextTokens(JSON.stringify(job.schema), opts?.signal);
  if (job.file && fileKind(job.file.media_type) !== 'text') tokens += fileTokens(job.file, model);
  return tokens;
}

/** Exact count of a job with a PDF or an image from the count-tokens endpoint; the estimate above otherwise. */
export async function countOpenAIInputTokens(clients: OpenAIClients, job: JobSpec, model: ModelConfig, opts?: ProviderCallOptions): Promise<number> {
  const binary = job.file && fileKind(job.file.media_type) !== 'text';
  if (!binary || job.endpoint === 'embeddings') return estimateOpenAIInputTokens(job, model, opts);
  try {
    const conversation = conversationOf(job, await filePart(job.file!));
    const { input, instructions, text } = responsesBody(job, model, conversation);
    const counted = await clients.client().responses.inputTokens.count(
      { model: model.id.replace(/^openai\//, ''), input, ...(instructions !== undefined ? { instructions } : {}), ...(text ? { text } : {}) },
      clients.readOptions(opts),
    );
    if (counted.input_tokens > 0) return counted.input_tokens;
  } catch (error) {
    if (opts?.signal?.aborted) throw error;
    // An estimate must not block a run: the documented rule stands in.
  }
  return estimateOpenAIInputTokens(job, model, opts);
}
