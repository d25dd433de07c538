// OpenAI models as dated data. Prices are list (synchronous) USD per 1M tokens; the Batch API bills 50% of them.
// Every fact carries its page and the day it was read; docs/catalog.md says how each was verified.
import type { CatalogEntryInput } from './schema.ts';

const PRICING = 'https://developers.openai.com/api/docs/pricing';
const DEPRECATIONS = 'https://developers.openai.com/api/docs/deprecations';
const CHECKED = '2026-12-01';
const EMBEDDINGS_GUIDE = 'https://developers.openai.com/api/docs/guides/embeddings';
const BATCH = { batch_discount: 0.5, as_of: CHECKED, source: PRICING };
const current = { status: 'current', source: DEPRECATIONS, checked_on: CHECKED } as const;
const retiring = (shutdown_on: string, replacement: string) => ({ status: 'deprecated', shutdown_on, replacement, source: DEPRECATIONS, checked_on: CHECKED }) as const;

/** Reasoning models: a typical answer plus the reasoning they bill as output at default effort (a Batchdesk assumption, see docs/catalog.md). */
const reasoning = (answer: number, thinking: number) => ({ typical_tokens: answer + thinking, reasoning_tokens: thinking, source: 'Batchdesk assumption (docs/catalog.md#expected-output)' });
const plain = { typical_tokens: 256, reasoning_tokens: 0, source: 'Batchdesk assumption (docs/catalog.md#expected-output)' };

function chat(model: string, name: string, context: number, maxOutput: number, rest: Partial<CatalogEntryInput>): CatalogEntryInput {
  return {
    id: `openai/${model}`,
    provider: 'openai',
    name,
    context_tokens: context,
    max_output_tokens: maxOutput,
    inputs: ['text', 'pdf', 'image'],
    endpoints: ['chat', 'responses'],
    structured_output: true,
    citations: false,
    batch: true,
    source: `https://developers.openai.com/api/docs/models/${model}`,
    checked_on: CHECKED,
    lifecycle: current,
    expected_output: reasoning(256, 1_024),
    price: null,
    ...rest,
  };
}

/** Long-context tier of the GPT-5.4 and GPT-6 families: above 272K prompt tokens, 2× input and cache, 1.5× output. */
const above272k = (input: number, cached: number, output: number) => [{ above_prompt_tokens: 272_000, input_usd_per_mtok: input * 2, cached_input_usd_per_mtok: cached * 2, output_usd_per_mtok: output * 1.5 }];

export const OPENAI_CATALOG: CatalogEntryInput[] = [
  chat('gpt-6.1-sol', 'GPT-6.1 Sol', 1_050_000, 128_000, {
    price: { input_usd_per_mtok: 2, cached_input_usd_per_mtok: 0.1, output_usd_per_mtok: 10, tiers: above272k(2, 0.1, 10), ...BATCH },
  }),
  chat('gpt-6.1-terra', 'GPT-6.1 Terra', 1_050_000, 128_000, {
    price: { input_usd_per_mtok: 1, cached_input_usd_per_mtok: 0.05, cache_write_usd_per_mtok: 1.25, output_usd_per_mtok: 5, tiers: above272k(1, 0.05, 5), ...BATCH },
  }),
  chat('gpt-6-sol', 'GPT-6 Sol', 1_050_000, 128_000, {
    price: { input_usd_per_mtok: 2, cached_input_usd_per_mtok: 0.2, cache_write_usd_per_mtok: 2.5, output_usd_per_mtok: 10, tiers: above272k(2, 0.2, 10), ...BATCH },
  }),
  chat('gpt-6-luna', 'GPT-6 Luna', 1_050_000, 128_000, {
    price: { input_usd_per_mtok: 0.1, cached_input_usd_per_mtok: 0.01, cache_write_usd_per_mtok: 0.125, output_usd_per_mtok: 0.5, tiers: above272k(0.1, 0.01, 0.5), ...BATCH },
    expected_output: reasoning(256, 512),
  }),
  // 1.05M context; 272K is the price threshold, not the context (issue 15).
  chat('gpt-5.4', 'GPT-5.4', 1_050_000, 128_000, {
    price: { input_usd_per_mtok: 2.5, cached_input_usd_per_mtok: 0.25, output_usd_per_mtok: 15, tiers: above272k(2.5, 0.25, 15), ...BATCH },
  }),
  chat('gpt-5.4-mini', 'GPT-5.4 mini', 400_000, 128_000, {
    price: { input_usd_per_mtok: 0.75, cached_input_usd_per_mtok: 0.075, output_usd_per_mtok: 4.5, ...BATCH },
    expected_output: reasoning(256, 512),
  }),
  chat('gpt-5-mini', 'GPT-5 mini', 400_000, 128_000, {
    price: { input_usd_per_mtok: 0.25, cached_input_usd_per_mtok: 0.025, output_usd_per_mtok: 2, ...BATCH },
    lifecycle: retiring('2026-12-11', 'openai/gpt-6.1-terra'),
    expected_output: reasoning(256, 512),
  }),
  chat('gpt-4.1', 'GPT-4.1', 1_047_576, 32_768, {
    price: { input_usd_per_mtok: 2, cached_input_usd_per_mtok: 0.5, output_usd_per_mtok: 8, ...BATCH },
    lifecycle: retiring('2027-01-14', 'openai/gpt-6-luna'),
    expected_output: plain,
  }),
  chat('gpt-4.1-mini', 'GPT-4.1 mini', 1_047_576, 32_768, {
    price: { input_usd_per_mtok: 0.4, cached_input_usd_per_mtok: 0.1, output_usd_per_mtok: 1.6, ...BATCH },
    lifecycle: retiring('2027-01-14', 'openai/gpt-6-luna'),
    expected_output: plain,
  }),
  chat('gpt-4o-mini', 'GPT-4o mini', 128_000, 16_384, {
    price: { input_usd_per_mtok: 0.15, cached_input_usd_per_mtok: 0.075, output_usd_per_mtok: 0.6, ...BATCH },
    lifecycle: retiring('2027-01-14', 'openai/gpt-6-luna'),
    expected_output: plain,
    // "Batch queue limit", Tier 1, on https://platform.openai.com/docs/models/gpt-4o-mini (checked 2026-12-01).
    // The other models' pages were not readable here: their limit is unknown until set in Settings.
    batch_queue_tokens: 2_000_000,
  }),
  ...(['text-embedding-3-small', 'text-embedding-3-large'] as const).map(
    (model): CatalogEntryInput => ({
      ...chat(model, model, 8_191, 1, {}),
      // Vectors of 1,536 (small) / 3,072 (large) floats; the `dimensions` parameter (an integer ≥ 1, "only supported in
      // text-embedding-3 and later models") shortens them: OpenAI's OpenAPI description (CreateEmbeddingRequest) and
      // the openai SDK 7 types, read 2026-12-01. Input limit: 8,191 tokens (the SDK types say 8,192; the lower is kept).
      embedding: { dimensions: model.endsWith('small') ? 1_536 : 3_072, min_dimensions: 1, source: EMBEDDINGS_GUIDE, checked_on: CHECKED },
      inputs: ['text'],
      endpoints: ['embeddings'],
      structured_output: false,
      // Embeddings produce no tokens; the schema wants a positive max output.
      expected_output: { typical_tokens: 0, reasoning_tokens: 0, source: 'embeddings produce no output tokens' },
      // Not re-read on 2026-12-01: the price is the one read on 2026-03-01.
      checked_on: '2026-03-01',
      price: { input_usd_per_mtok: model.endsWith('small') ? 0.02 : 0.13, output_usd_per_mtok: 0, batch_discount: 0.5, as_of: '2026-03-01', source: PRICING },
    }),
  ),
];
