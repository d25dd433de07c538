// The Gemini model catalog as data. Prices are USD per 1M tokens at list (synchronous) rates for prompts up to
// 200k tokens; Batch Mode bills 50% of them. Cached input is the context-caching read price.
import type { ModelConfig, Price } from '../../../shared/domain.ts';

const SOURCE = 'https://ai.google.dev/gemini-api/docs/pricing';
const AS_OF = '2026-03-01';

function price(input: number, cached: number | null, output: number): Price {
  const p: Price = { input_usd_per_mtok: input, output_usd_per_mtok: output, batch_discount: 0.5, as_of: AS_OF, source: SOURCE };
  if (cached !== null) p.cached_input_usd_per_mtok = cached;
  return p;
}

function chatModel(model: string, name: string, p: Price, maxOutput = 65_536): ModelConfig {
  return {
    id: `gemini/${model}`,
    provider: 'gemini',
    name,
    context_tokens: 1_048_576,
    max_output_tokens: maxOutput,
    inputs: ['text', 'pdf', 'image'],
    endpoints: ['chat'],
    structured_output: true,
    // Gemini has no document citations (only search grounding), so the citations flag is refused.
    citations: false,
    price: p,
    simulated: false,
    in_catalog: true,
  };
}

export const GEMINI_MODELS: ModelConfig[] = [
  chatModel('gemini-2.5-pro', 'Gemini 2.5 Pro', price(1.25, 0.125, 10)),
  chatModel('gemini-2.5-flash', 'Gemini 2.5 Flash', price(0.3, 0.03, 2.5)),
  chatModel('gemini-2.5-flash-lite', 'Gemini 2.5 Flash-Lite', price(0.1, 0.01, 0.4)),
  chatModel('gemini-3-pro-preview', 'Gemini 3 Pro (preview)', price(2, 0.2, 12)),
  chatModel('gemini-3-flash-preview', 'Gemini 3 Flash (preview)', price(0.5, 0.05, 3)),
  {
    id: 'gemini/gemini-embedding-001',
    provider: 'gemini',
    name: 'Gemini Embedding 001',
    context_tokens: 2_048,
    // Embeddings produce no tokens; the schema wants a positive number.
    max_output_tokens: 1,
    inputs: ['text'],
    endpoints: ['embeddings'],
    structured_output: false,
    citations: false,
    price: price(0.15, null, 0),
    simulated: false,
    in_catalog: true,
  },
];

/** The provider's own model name ("gemini-2.5-flash") from our id ("gemini/gemini-2.5-flash"). */
export function geminiModelName(model: ModelConfig | string): string {
  const id = typeof model === 'string' ? model : model.id;
  return id.startsWith('gemini/') ? id.slice('gemini/'.length) : id;
}
