// The Anthropic model catalog as data: limits, accepted inputs, capabilities and list prices per 1M tokens.
// Batch prices are list × (1 − batch_discount). Prices change: each entry says when and where it was read,
// and settings can override any price. Models not listed here are still accepted as `anthropic/<model>`.
import type { ModelConfig, Price } from '../../../shared/domain.ts';

const PRICING_URL = 'https://platform.claude.com/docs/en/about-claude/pricing';
const AS_OF = '2026-11-01';

function price(input: number, cachedInput: number, output: number): Price {
  return {
    input_usd_per_mtok: input,
    cached_input_usd_per_mtok: cachedInput,
    output_usd_per_mtok: output,
    batch_discount: 0.5,
    as_of: AS_OF,
    source: PRICING_URL,
  };
}

function model(apiId: string, name: string, context: number, maxOutput: number, modelPrice: Price): ModelConfig {
  return {
    id: `anthropic/${apiId}`,
    provider: 'anthropic',
    name,
    context_tokens: context,
    max_output_tokens: maxOutput,
    inputs: ['text', 'pdf', 'image'],
    endpoints: ['chat'],
    structured_output: true,
    citations: true,
    price: modelPrice,
    simulated: false,
    in_catalog: true,
  };
}

/** Current Claude models (cached input = the "cache hits" rate). */
export const ANTHROPIC_MODELS: ModelConfig[] = [
  model('claude-fable-5-1', 'Claude Fable 5.1', 1_000_000, 128_000, price(10, 0.25, 50)),
  model('claude-opus-5-5', 'Claude Opus 5.5', 1_000_000, 128_000, price(4, 0.2, 20)),
  model('claude-sonnet-5-5', 'Claude Sonnet 5.5', 1_000_000, 128_000, price(2, 0.1, 10)),
  // Haiku 5.5 is billed at 5× these rates for prompts over 100,000 tokens; the catalog holds the lower band.
  model('claude-haiku-5-5', 'Claude Haiku 5.5', 1_000_000, 128_000, price(0.1, 0.01, 0.5)),
  model('claude-opus-5', 'Claude Opus 5', 1_000_000, 128_000, price(5, 0.5, 25)),
  model('claude-sonnet-4-6', 'Claude Sonnet 4.6', 1_000_000, 64_000, price(3, 0.3, 15)),
  model('claude-haiku-4-5', 'Claude Haiku 4.5', 200_000, 64_000, price(1, 0.1, 5)),
];

/**
 * How a model takes sampling parameters: `any` = temperature and top_p, `one` = either but not both (Claude 4.5
 * and 4.6), `none` = neither (Claude 4.7 and later reject them with a 400).
 */
export type SamplingSupport = 'any' | 'one' | 'none';
/**
 * How a model produces structured output: `json_schema` = output_config.format (the structured-output feature),
 * `forced_tool` = a tool whose input_schema is the schema, with tool_choice forcing it. Models with always-on
 * thinking and Sonnet 5.5 reject forced tool use, so they get json_schema.
 */
export type StructuredMode = 'json_schema' | 'forced_tool';

export interface ModelTraits {
  sampling: SamplingSupport;
  structured: StructuredMode;
}

const TRAITS: Record<string, ModelTraits> = {
  'claude-fable-5-1': { sampling: 'none', structured: 'json_schema' },
  'claude-opus-5-5': { sampling: 'none', structured: 'json_schema' },
  'claude-sonnet-5-5': { sampling: 'none', structured: 'json_schema' },
  'claude-haiku-5-5': { sampling: 'none', structured: 'json_schema' },
  'claude-opus-5': { sampling: 'none', structured: 'json_schema' },
  'claude-sonnet-4-6': { sampling: 'one', structured: 'forced_tool' },
  'claude-haiku-4-5': { sampling: 'one', structured: 'forced_tool' },
};

/** Unknown models: pass what the user asked for and let the API judge; structured output the current way. */
const DEFAULT_TRAITS: ModelTraits = { sampling: 'any', structured: 'json_schema' };

/** The model name the API expects: the catalog id without the `anthropic/` prefix. */
export function apiModelId(model: Pick<ModelConfig, 'id'>): string {
  return model.id.startsWith('anthropic/') ? model.id.slice('anthropic/'.length) : model.id;
}

export function modelTraits(model: Pick<ModelConfig, 'id'>): ModelTraits {
  return TRAITS[apiModelId(model)] ?? DEFAULT_TRAITS;
}
