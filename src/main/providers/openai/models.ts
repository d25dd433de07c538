// The OpenAI model catalog as data. Prices are list (synchronous) USD per 1M tokens; the Batch API takes
// 50% off input and output. Limits and prices change: each entry carries the date and page it was read from,
// and settings can override a price.
import type { ModelConfig, Price } from '../../../shared/domain.ts';

const AS_OF = '2026-03-01';
const PRICING_URL = 'https://developers.openai.com/api/docs/pricing';

function price(input: number, cachedInput: number | undefined, output: number): Price {
  return {
    input_usd_per_mtok: input,
    ...(cachedInput !== undefined ? { cached_input_usd_per_mtok: cachedInput } : {}),
    output_usd_per_mtok: output,
    batch_discount: 0.5,
    as_of: AS_OF,
    source: PRICING_URL,
  };
}

function textModel(name: string, display: string, context: number, output: number, p: Price): ModelConfig {
  return {
    id: `openai/${name}`,
    provider: 'openai',
    name: display,
    context_tokens: context,
    max_output_tokens: output,
    inputs: ['text', 'pdf', 'image'],
    endpoints: ['chat', 'responses'],
    structured_output: true,
    citations: false,
    price: p,
    simulated: false,
    in_catalog: true,
  };
}

function embeddingModel(name: string, display: string, p: Price): ModelConfig {
  return {
    id: `openai/${name}`,
    provider: 'openai',
    name: display,
    context_tokens: 8_191,
    // Embeddings produce no text; the schema needs a positive number.
    max_output_tokens: 1,
    inputs: ['text'],
    endpoints: ['embeddings'],
    structured_output: false,
    citations: false,
    price: p,
    simulated: false,
    in_catalog: true,
  };
}

export const OPENAI_MODELS: ModelConfig[] = [
  textModel('gpt-5.4', 'GPT-5.4', 272_000, 128_000, price(2.5, 0.25, 15)),
  textModel('gpt-5.4-mini', 'GPT-5.4 mini', 272_000, 128_000, price(0.75, 0.075, 4.5)),
  textModel('gpt-5-mini', 'GPT-5 mini', 400_000, 128_000, price(0.25, 0.025, 2)),
  textModel('gpt-4.1', 'GPT-4.1', 1_047_576, 32_768, price(2, 0.5, 8)),
  textModel('gpt-4.1-mini', 'GPT-4.1 mini', 1_047_576, 32_768, price(0.4, 0.1, 1.6)),
  textModel('gpt-4o-mini', 'GPT-4o mini', 128_000, 16_384, price(0.15, 0.075, 0.6)),
  embeddingModel('text-embedding-3-small', 'text-embedding-3-small', price(0.02, undefined, 0)),
  embeddingModel('text-embedding-3-large', 'text-embedding-3-large', price(0.13, undefined, 0)),
];
