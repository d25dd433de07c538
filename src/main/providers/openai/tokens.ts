// Input-token estimate for OpenAI jobs: gpt-tokenizer (o200k_base, the encoding of current OpenAI models)
// over exactly the text parts the request carries; PDFs and images, which OpenAI tokenises itself, use the
// documented approximation of core/tokens.ts. Chat framing (a few tokens per message) is not counted.
// The tokenizer's tables take ~75 MB, so they are loaded on the first estimate, not by every process that
// only writes input files or ingests results.
import type { JobSpec } from '../../../shared/domain.ts';
import { approximateFileTokens } from '../../core/tokens.ts';
import { buildConversation, conversationTexts, embeddingInput, fileKind } from './content.ts';

export async function estimateOpenAIInputTokens(job: JobSpec): Promise<number> {
  const { countTokens } = await import('gpt-tokenizer');
  // Special-token markers in user text are counted as plain text, never refused.
  const textTokens = (text: string) => countTokens(text, { disallowedSpecial: new Set() });
  if (job.endpoint === 'embeddings') {
    const input = embeddingInput(job);
    return (Array.isArray(input) ? input : [input]).reduce((sum, text) => sum + textTokens(text), 0);
  }
  const conversation = await buildConversation(job, true);
  let tokens = conversationTexts(conversation).reduce((sum, text) => sum + textTokens(text), 0);
  if (job.file && fileKind(job.file.media_type) !== 'text')
    tokens += approximateFileTokens(job.file.media_type, job.file.size);
  return tokens;
}
