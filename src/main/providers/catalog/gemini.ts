// Gemini models as dated data. Prices are list USD per 1M tokens; Batch Mode bills 50% of them. Pro models bill
// prompts over 200K tokens at the higher band. Shutdowns are from the deprecations page.
import type { CatalogEntryInput } from './schema.ts';

const PRICING = 'https://ai.google.dev/gemini-api/docs/pricing';
const DEPRECATIONS = 'https://ai.google.dev/gemini-api/docs/deprecations';
const MODELS = 'https://ai.google.dev/gemini-api/docs/models';
const CHECKED = '2026-12-01';
const BATCH = { batch_discount: 0.5, as_of: CHECKED, source: PRICING };
const ASSUMPTION = 'Batchdesk assumption (docs/catalog.md#expected-output)';
const thinking = (reasoning: number) => ({ typical_tokens: 256 + reasoning, reasoning_tokens: reasoning, source: ASSUMPTION });
const current = { status: 'current', source: DEPRECATIONS, checked_on: CHECKED } as const;
const shutdown = (shutdown_on: string, replacement: string) => ({ status: 'deprecated', shutdown_on, replacement, source: DEPRECATIONS, checked_on: CHECKED }) as const;

function gemini(model: string, name: string, rest: Partial<CatalogEntryInput>): CatalogEntryInput {
  return {
    id: `gemini/${model}`,
    provider: 'gemini',
    name,
    context_tokens: 1_048_576,
    max_output_tokens: 65_536,
    inputs: ['text', 'pdf', 'image'],
    endpoints: ['chat'],
    structured_output: true,
    // Gemini has no document citations (only search grounding), so the citations flag is refused.
    citations: false,
    batch: true,
    source: MODELS,
    checked_on: CHECKED,
    lifecycle: current,
    expected_output: thinking(1_024),
    price: null,
    ...rest,
  };
}

const rates = (input: number, cached: number | null, output: number) => ({
  input_usd_per_mtok: input,
  ...(cached !== null ? { cached_input_usd_per_mtok: cached } : {}),
  output_usd_per_mtok: output,
});

export const GEMINI_CATALOG: CatalogEntryInput[] = [
  // Launch price through 2026-11-30, doubled from 2026-12-01; no long-context band.
  gemini('gemini-4-argon', 'Gemini 4 Argon', {
    price: { ...rates(2, 0.1, 10), changes: [{ effective_from: '2026-12-01', ...rates(4, 0.2, 20) }], ...BATCH },
  }),
  // Half price through 2026-12-31, then $1.50 / $7.50 (no cache-read rate published for the later price).
  gemini('gemini-3.8-flash', 'Gemini 3.8 Flash', {
    price: { ...rates(0.75, 0.075, 3.75), changes: [{ effective_from: '2027-01-01', ...rates(1.5, null, 7.5) }], ...BATCH },
    expected_output: thinking(512),
  }),
  // Listed as gemini-2.5-flash's replacement; its price was not found on a page we could read, so it is unknown.
  gemini('gemini-3.5-flash-lite', 'Gemini 3.5 Flash-Lite', { expected_output: thinking(0) }),
  gemini('gemini-3-flash-preview', 'Gemini 3 Flash (preview)', { price: { ...rates(0.5, 0.05, 3), ...BATCH }, expected_output: thinking(512) }),
  gemini('gemini-2.5-flash-lite', 'Gemini 2.5 Flash-Lite', { price: { ...rates(0.1, 0.01, 0.4), ...BATCH }, expected_output: thinking(0) }),
  // Retired models stay in the table so results of batches sent before the shutdown are still priced.
  gemini('gemini-2.5-pro', 'Gemini 2.5 Pro', {
    price: { ...rates(1.25, 0.125, 10), tiers: [{ above_prompt_tokens: 200_000, ...rates(2.5, 0.25, 15) }], ...BATCH },
    lifecycle: shutdown('2026-12-01', 'gemini/gemini-3.8-flash'),
  }),
  gemini('gemini-2.5-flash', 'Gemini 2.5 Flash', {
    price: { ...rates(0.3, 0.03, 2.5), ...BATCH },
    lifecycle: shutdown('2026-12-01', 'gemini/gemini-3.5-flash-lite'),
    expected_output: thinking(512),
  }),
  gemini('gemini-3-pro-preview', 'Gemini 3 Pro (preview)', {
    price: { ...rates(2, 0.2, 12), tiers: [{ above_prompt_tokens: 200_000, ...rates(4, 0.4, 18) }], ...BATCH },
    lifecycle: shutdown('2026-03-09', 'gemini-3.1-pro-preview'),
  }),
  {
    ...gemini('gemini-embedding-001', 'Gemini Embedding 001', {}),
    // 2,048 input tokens; vectors of 3,072 floats, cut to `outputDimensionality` (128–3,072) when asked: Google's
    // embeddings page and API reference (https://ai.google.dev/api/embeddings), read 2026-12-01.
    context_tokens: 2_048,
    embedding: { dimensions: 3_072, min_dimensions: 128, source: 'https://ai.google.dev/gemini-api/docs/embeddings', checked_on: CHECKED },
    // Embeddings produce no tokens; the schema wants a positive max output.
    max_output_tokens: 1,
    inputs: ['text'],
    endpoints: ['embeddings'],
    structured_output: false,
    expected_output: { typical_tokens: 0, reasoning_tokens: 0, source: 'embeddings produce no output tokens' },
    checked_on: '2026-03-01',
    price: { ...rates(0.15, null, 0), batch_discount: 0.5, as_of: '2026-03-01', source: PRICING },
  },
];
