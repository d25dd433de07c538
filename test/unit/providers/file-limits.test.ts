// Per-provider file limits, each message naming the limit: Anthropic 32 MB per request (base64 included) and 600
// PDF pages (100 on 200k-context models), Gemini 20 MB inline and 1,000 pages, OpenAI 50 MB per file.
import { describe, expect, it } from 'vitest';
import type { Attachment, JobSpec } from '../../../src/shared/domain.ts';
import { ANTHROPIC_MODELS } from '../../../src/main/providers/anthropic/models.ts';
import { validateJob as validateAnthropic } from '../../../src/main/providers/anthropic/validate.ts';
import { GEMINI_MODELS } from '../../../src/main/providers/gemini/models.ts';
import { validateGeminiJob } from '../../../src/main/providers/gemini/request.ts';
import { OPENAI_MODELS } from '../../../src/main/providers/openai/models.ts';
import { validateOpenAIJob } from '../../../src/main/providers/openai/validate.ts';

const MB = 1024 * 1024;
const pdf = (size: number, pages: number): Attachment => ({ path: '/x/paper.pdf', name: 'paper.pdf', media_type: 'application/pdf', size, sha256: 'x', pages, text_chars: 100, width: 612, height: 792 });
const job = (file: Attachment, model: string): JobSpec => ({ id: 'j', label: 'paper.pdf', model, endpoint: 'chat', params: {}, file, prompt: 'Summarise' });
const model = (list: typeof ANTHROPIC_MODELS, test: (context: number) => boolean) => list.find((m) => m.endpoints.includes('chat') && test(m.context_tokens))!;

describe('per-provider file limits', () => {
  it('Anthropic counts the base64 size against 32 MB and pages by context window', () => {
    const big = model(ANTHROPIC_MODELS, (c) => c > 200_000);
    const small = model(ANTHROPIC_MODELS, (c) => c <= 200_000);
    expect(validateAnthropic(job(pdf(25 * MB, 10), big.id), big).join()).toMatch(/paper\.pdf is 33\.3 MB once base64-encoded: over Anthropic's 32 MB limit/);
    expect(validateAnthropic(job(pdf(1 * MB, 150), small.id), small).join()).toMatch(/paper\.pdf has 150 pages: over the 100 pages Anthropic takes per request/);
    expect(validateAnthropic(job(pdf(1 * MB, 150), big.id), big)).toEqual([]);
    expect(validateAnthropic(job(pdf(1 * MB, 601), big.id), big).join()).toMatch(/over the 600 pages/);
  });

  it('Gemini: 20 MB in the request once encoded, 1,000 pages', () => {
    const flash = model(GEMINI_MODELS, () => true);
    expect(validateGeminiJob(job(pdf(16 * MB, 10), flash.id), flash).join()).toMatch(/21\.3 MB once base64-encoded: over the 20 MB Gemini takes/);
    expect(validateGeminiJob(job(pdf(1 * MB, 1001), flash.id), flash).join()).toMatch(/1001 pages: over the 1000 pages/);
    expect(validateGeminiJob(job(pdf(14 * MB, 1000), flash.id), flash)).toEqual([]);
  });

  it('OpenAI: 50 MB per file', () => {
    const gpt = model(OPENAI_MODELS, () => true);
    expect(validateOpenAIJob(job(pdf(51 * MB, 10), gpt.id), gpt).join()).toMatch(/paper\.pdf is 51\.0 MB: over OpenAI's 50 MB limit/);
    expect(validateOpenAIJob(job(pdf(49 * MB, 10), gpt.id), gpt)).toEqual([]);
  });
});
