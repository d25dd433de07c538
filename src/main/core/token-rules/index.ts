// Input tokens of a job by its provider's documented rules, from the facts the input check records (text
// characters, PDF pages and text, image dimensions). No I/O: where a fact is missing, the size-based approximation
// of core/tokens.ts stands in. Sources of every constant are in the rule files and docs/cost-accuracy.md.
import type { Attachment, JobSpec, ProviderName } from '../../../shared/domain.ts';
import { approximateFileTokens, approximateTokens, CHARS_PER_TOKEN, jobTextChars, MESSAGE_OVERHEAD_TOKENS } from '../tokens.ts';
import { anthropicImageTokens, anthropicPdfTokens } from './anthropic.ts';
import { geminiGeneration, geminiImageTokens, geminiPdfTokens } from './gemini.ts';
import { openaiImageTokens, openaiPdfTokens } from './openai.ts';

export interface RuleModel {
  id: string;
  provider: ProviderName;
}

/** US Letter in points: the page size assumed when the input check did not record one. */
const LETTER = { width: 612, height: 792 };

function isPdf(file: Attachment): boolean {
  return file.media_type === 'application/pdf';
}

function isImage(file: Attachment): boolean {
  return file.media_type.startsWith('image/');
}

/** Tokens of an attached PDF or image by the provider's rule; null when the facts the rule needs are missing. */
export function fileTokensByRule(file: Attachment, model: RuleModel): number | null {
  if (isImage(file)) {
    if (!file.width || !file.height) return null;
    if (model.provider === 'anthropic') return anthropicImageTokens(file.width, file.height);
    if (model.provider === 'gemini') return geminiImageTokens(file.width, file.height, geminiGeneration(model.id));
    if (model.provider === 'openai') return openaiImageTokens(file.width, file.height, model.id);
    return null;
  }
  if (isPdf(file)) {
    if (!file.pages) return null;
    const text = file.text_chars ?? 0;
    const width = file.width ?? LETTER.width;
    const height = file.height ?? LETTER.height;
    if (model.provider === 'anthropic') return anthropicPdfTokens(file.pages, text, width, height);
    if (model.provider === 'gemini') return geminiPdfTokens(file.pages, geminiGeneration(model.id));
    if (model.provider === 'openai') return openaiPdfTokens(file.pages, text, width, height, model.id);
    return null;
  }
  // Text files: their decoded characters when the input check recorded them.
  return file.text_chars !== undefined ? Math.ceil(file.text_chars / CHARS_PER_TOKEN) : null;
}

/** Tokens of the attached file: the provider's rule, else the size-based approximation. */
export function fileTokens(file: Attachment, model: RuleModel): number {
  return fileTokensByRule(file, model) ?? approximateFileTokens(file.media_type, file.size);
}

/**
 * A job's input tokens by rule: its text (the tokenizer's count when the caller has one, else about 4 characters
 * a token), a framing overhead per turn, the JSON schema's text when structured output is asked for, and the file.
 */
export function jobTokensByRule(job: JobSpec, model: RuleModel, textTokens?: number): number {
  const turns = (job.messages?.length ?? 0) + (job.prompt !== undefined || job.file ? 1 : 0) + (job.system ? 1 : 0);
  let tokens = (textTokens ?? Math.ceil(jobTextChars(job) / CHARS_PER_TOKEN)) + MESSAGE_OVERHEAD_TOKENS * Math.max(1, turns);
  if (job.schema) tokens += approximateTokens(JSON.stringify(job.schema));
  if (job.file) tokens += fileTokens(job.file, model);
  return tokens;
}
