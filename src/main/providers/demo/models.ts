import type { ModelConfig } from '../../../shared/domain.ts';

const SIMULATED_PRICE = { as_of: '2026-11-23', source: 'simulated (demo provider)', batch_discount: 0.5 };

/** The demo provider's models: simulated output and simulated prices, so the whole app can be tried without keys. */
export const DEMO_MODELS: ModelConfig[] = [
  {
    id: 'demo/echo',
    provider: 'demo',
    name: 'echo',
    context_tokens: 200_000,
    max_output_tokens: 8_192,
    inputs: ['text', 'pdf', 'image'],
    endpoints: ['chat', 'responses'],
    structured_output: true,
    citations: true,
    price: { input_usd_per_mtok: 1, cached_input_usd_per_mtok: 0.1, output_usd_per_mtok: 4, ...SIMULATED_PRICE },
    simulated: true,
    in_catalog: true,
  },
  {
    id: 'demo/mini',
    provider: 'demo',
    name: 'mini',
    context_tokens: 128_000,
    max_output_tokens: 4_096,
    inputs: ['text', 'pdf', 'image'],
    endpoints: ['chat', 'responses'],
    structured_output: true,
    citations: false,
    price: { input_usd_per_mtok: 0.1, output_usd_per_mtok: 0.4, ...SIMULATED_PRICE },
    simulated: true,
    in_catalog: true,
  },
  {
    id: 'demo/embed',
    provider: 'demo',
    name: 'embed',
    // Shaped like OpenAI's text-embedding-3-small: 8,191 input tokens, 1,536 dimensions, shortened on request.
    context_tokens: 8_191,
    max_output_tokens: 1,
    inputs: ['text'],
    endpoints: ['embeddings'],
    structured_output: false,
    citations: false,
    price: { input_usd_per_mtok: 0.02, output_usd_per_mtok: 0, ...SIMULATED_PRICE },
    expected_output: { typical_tokens: 0, reasoning_tokens: 0, source: 'embeddings produce no output tokens' },
    embedding: { dimensions: 1_536, min_dimensions: 8, source: 'simulated (demo provider)', checked_on: '2026-12-01' },
    simulated: true,
    in_catalog: true,
  },
];
