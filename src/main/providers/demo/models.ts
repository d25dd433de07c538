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
    endpoints: ['chat', 'responses', 'embeddings'],
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
];
