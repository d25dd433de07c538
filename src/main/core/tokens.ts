// Token approximation used where no tokenizer or count-tokens endpoint is available:
// about 4 characters per token for English prose (OpenAI's and Anthropic's published rule of thumb),
// plus a fixed overhead per message for role and framing tokens.
import type { JobSpec } from '../../shared/domain.ts';

export const CHARS_PER_TOKEN = 4;
export const MESSAGE_OVERHEAD_TOKENS = 4;

export function approximateTokens(text: string): number {
  return Math.ceil(text.length / CHARS_PER_TOKEN);
}

/** Rough token cost of a file that the provider tokenises itself (PDF pages, images). */
export function approximateFileTokens(mediaType: string, sizeBytes: number): number {
  if (mediaType === 'application/pdf') return Math.ceil(sizeBytes / 100); // ~ 1,500-3,000 tokens a page
  if (mediaType.startsWith('image/')) return 1_600; // a ~1 MP image on the major providers
  return Math.ceil(sizeBytes / CHARS_PER_TOKEN);
}

export function jobTextChars(job: JobSpec): number {
  let chars = (job.system?.length ?? 0) + (job.prompt?.length ?? 0);
  for (const m of job.messages ?? []) chars += m.content.length;
  if (typeof job.input === 'string') chars += job.input.length;
  else for (const text of job.input ?? []) chars += text.length;
  return chars;
}
