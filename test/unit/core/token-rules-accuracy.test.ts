// Estimate accuracy by rule: for each provider and fixture (plain text, a 3-page text PDF, a 1-page scanned PDF, a
// 1024×1024 PNG, a 400×300 JPEG, a dataset row with a JSON schema) the app's estimate from the input check's facts is
// within ±15% of the provider's documented rule, computed independently (test/fakes/file-usage.ts, which the fake
// servers bill with). Text: OpenAI's tokenizer (o200k_base, which the OpenAI estimate runs too) for OpenAI; Gemini
// documents about 4 characters a token, and Anthropic publishes no figure, so 4 characters a token is the rule the
// test holds them to (with a key, their count endpoints are exact: see the end-to-end suite).
// PRINT_ACCURACY=1 prints the table docs/cost-accuracy.md holds.
import { countTokens } from 'gpt-tokenizer';
import { afterAll, describe, expect, it } from 'vitest';
import { jobTokensByRule } from '../../../src/main/core/token-rules/index.ts';
import { estimateOpenAIInputTokens } from '../../../src/main/providers/openai/tokens.ts';
import type { Attachment, JobSpec, ProviderName } from '../../../src/shared/domain.ts';
import { anthropicImage, anthropicPdf, geminiImage, geminiPdf, openaiImage, openaiPdf, readPdf } from '../../fakes/file-usage.ts';
import { pdfDocument } from '../../helpers/sample-files.ts';

const o200k = (t: string) => countTokens(t, { disallowedSpecial: new Set() });
/** The documented text rule of each provider. */
const textRule = (provider: ProviderName, t: string) => (provider === 'openai' ? o200k(t) : Math.ceil(t.length / 4));
const text = o200k;
const PARAGRAPH = 'Participants described how the new opening hours changed their week, which services they used most, and what they would change. ';
const PAGE_TEXT = Array.from({ length: 12 }, (_, i) => `Line ${i + 1}: ${PARAGRAPH.slice(0, 70)}`).join('\n');
const textPdf = pdfDocument([{ text: PAGE_TEXT }, { text: PAGE_TEXT }, { text: PAGE_TEXT }]);
const scanPdf = pdfDocument([{ image: true }]);
const SCHEMA = { type: 'object', properties: { sentiment: { type: 'string', enum: ['positive', 'neutral', 'negative'] }, topics: { type: 'array', items: { type: 'string' } } }, required: ['sentiment', 'topics'] };
const ROW = 'Classify this answer: The library now closes at 6 pm, which is too early for people who work until 5:30.';

const attachment = (media_type: string, facts: Partial<Attachment>): Attachment => ({ path: '/x', name: 'x', media_type, size: 10_000, sha256: '0', ...facts });
const withFile = (file: Attachment): JobSpec => ({ id: 'j', label: 'j', model: 'm', endpoint: 'chat', params: {}, file, prompt: 'Summarise.' });

interface Fixture {
  name: string;
  job: JobSpec;
  /** The documented rule for this provider and model, computed independently. */
  expected: (provider: ProviderName, model: string) => number;
}

const pdf = readPdf(textPdf);
const scan = readPdf(scanPdf);
const FIXTURES: Fixture[] = [
  { name: 'plain text', job: { id: 'j', label: 'j', model: 'm', endpoint: 'chat', params: {}, prompt: PARAGRAPH.repeat(20) }, expected: (p) => textRule(p, PARAGRAPH.repeat(20)) },
  {
    name: '3-page text PDF',
    job: withFile(attachment('application/pdf', { pages: 3, text_chars: pdf.pageTexts.join('').length, width: 612, height: 792 })),
    expected: (p, m) => text('Summarise.') + (p === 'anthropic' ? anthropicPdf(pdf) : p === 'gemini' ? geminiPdf(m, pdf) : openaiPdf(m, pdf)),
  },
  {
    name: '1-page scanned PDF',
    job: withFile(attachment('application/pdf', { pages: 1, text_chars: 0, width: 612, height: 792 })),
    expected: (p, m) => text('Summarise.') + (p === 'anthropic' ? anthropicPdf(scan) : p === 'gemini' ? geminiPdf(m, scan) : openaiPdf(m, scan)),
  },
  {
    name: '1024×1024 PNG',
    job: withFile(attachment('image/png', { width: 1024, height: 1024 })),
    expected: (p, m) => text('Summarise.') + (p === 'anthropic' ? anthropicImage(1024, 1024) : p === 'gemini' ? geminiImage(m, 1024, 1024) : openaiImage(m, 1024, 1024)),
  },
  {
    name: '400×300 JPEG',
    job: withFile(attachment('image/jpeg', { width: 400, height: 300 })),
    expected: (p, m) => text('Summarise.') + (p === 'anthropic' ? anthropicImage(400, 300) : p === 'gemini' ? geminiImage(m, 400, 300) : openaiImage(m, 400, 300)),
  },
  {
    name: 'dataset row + JSON schema',
    job: { id: 'j', label: 'j', model: 'm', endpoint: 'chat', params: {}, prompt: ROW, schema: SCHEMA },
    expected: (p) => textRule(p, ROW) + textRule(p, JSON.stringify(SCHEMA)),
  },
];

const MODELS: { provider: ProviderName; id: string }[] = [
  { provider: 'anthropic', id: 'anthropic/claude-sonnet-5-5' },
  { provider: 'gemini', id: 'gemini/gemini-3.8-flash' },
  { provider: 'gemini', id: 'gemini/gemini-2.5-flash-lite' },
  { provider: 'openai', id: 'openai/gpt-6.1-sol' },
  { provider: 'openai', id: 'openai/gpt-4o-mini' },
  { provider: 'openai', id: 'openai/gpt-4.1-mini' },
];

const rows: string[] = [];

describe('estimated input tokens against each provider’s documented rule', () => {
  for (const model of MODELS) {
    for (const fixture of FIXTURES) {
      it(`${model.id}: ${fixture.name} within ±15%`, async () => {
        // OpenAI's estimate runs the tokenizer over the text and the rules over files; the others (without a key) the rules.
        const estimated = model.provider === 'openai' ? await estimateOpenAIInputTokens(fixture.job, model) : jobTokensByRule(fixture.job, model);
        const expected = fixture.expected(model.provider, model.id.slice(model.id.indexOf('/') + 1));
        const error = (estimated - expected) / expected;
        rows.push(`| ${model.id} | ${fixture.name} | ${estimated} | ${expected} | ${(error * 100).toFixed(1)}% |`);
        expect(Math.abs(error)).toBeLessThanOrEqual(0.15);
      });
    }
  }
  afterAll(() => {
    if (process.env.PRINT_ACCURACY) console.log(['| model | fixture | estimated | documented rule | error |', '|---|---|---|---|---|', ...rows].join('\n'));
  });
});
