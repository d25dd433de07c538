// Anthropic models as dated data. Prices are list USD per 1M tokens; Message Batches bill 50% of them. Cache writes
// are the 5-minute writes (1.25× input per the pricing page); cached input is the "cache hits" rate.
import type { CatalogEntryInput } from './schema.ts';

const PRICING = 'https://platform.claude.com/docs/en/about-claude/pricing';
const MODELS = 'https://platform.claude.com/docs/en/about-claude/models/overview';
const CHECKED = '2026-12-01';
/** What anthropic/request.ts sends as max_tokens when a job sets none (DEFAULT_MAX_TOKENS there). */
const DEFAULT_MAX_TOKENS = 4_096;
const BATCH = { batch_discount: 0.5, as_of: CHECKED, source: PRICING };
const ASSUMPTION = 'Batchdesk assumption (docs/catalog.md#expected-output)';
/** Adaptive thinking bills its reasoning as output; default effort high → more reasoning than medium. */
const thinking = (effort: 'high' | 'medium' | 'none') => {
  const reasoning = effort === 'high' ? 1_024 : effort === 'medium' ? 512 : 0;
  return { typical_tokens: 256 + reasoning, reasoning_tokens: reasoning, source: ASSUMPTION };
};
const current = (page: string) => ({ status: 'current', source: page, checked_on: CHECKED }) as const;
const legacy = (page: string, replacement: string) => ({ status: 'legacy', replacement, source: page, checked_on: CHECKED }) as const;

function claude(model: string, name: string, context: number, maxOutput: number, rest: Partial<CatalogEntryInput>): CatalogEntryInput {
  const page = `https://platform.claude.com/docs/en/models/${model.replace(/^claude-/, '')}/overview`;
  return {
    id: `anthropic/${model}`,
    provider: 'anthropic',
    name,
    context_tokens: context,
    max_output_tokens: maxOutput,
    default_max_tokens: Math.min(DEFAULT_MAX_TOKENS, maxOutput),
    inputs: ['text', 'pdf', 'image'],
    endpoints: ['chat'],
    structured_output: true,
    citations: true,
    batch: true,
    source: page,
    checked_on: CHECKED,
    lifecycle: current(page),
    expected_output: thinking('high'),
    price: null,
    ...rest,
  };
}

const rates = (input: number, cacheHit: number, output: number) => ({
  input_usd_per_mtok: input,
  cached_input_usd_per_mtok: cacheHit,
  cache_write_usd_per_mtok: input * 1.25,
  output_usd_per_mtok: output,
});

export const ANTHROPIC_CATALOG: CatalogEntryInput[] = [
  claude('claude-fable-5-2', 'Claude Fable 5.2', 1_000_000, 128_000, { price: { ...rates(8, 0.2, 40), ...BATCH } }),
  claude('claude-fable-5-1', 'Claude Fable 5.1', 1_000_000, 128_000, {
    price: { ...rates(10, 0.25, 50), ...BATCH },
    lifecycle: legacy('https://platform.claude.com/docs/en/models/fable-5-1/overview', 'anthropic/claude-fable-5-2'),
  }),
  claude('claude-opus-5-5', 'Claude Opus 5.5', 1_000_000, 128_000, { price: { ...rates(4, 0.2, 20), ...BATCH }, expected_output: thinking('medium') }),
  // Cache reads went from $0.20 to $0.10 on 2026-10-07; the earlier rate stays for results from before that day.
  claude('claude-sonnet-5-5', 'Claude Sonnet 5.5', 1_000_000, 128_000, {
    price: { ...rates(2, 0.2, 10), changes: [{ effective_from: '2026-10-07', ...rates(2, 0.1, 10) }], ...BATCH },
  }),
  // Prompts over 100,000 tokens (cache reads and writes included) are billed at 5× every rate.
  claude('claude-haiku-5-5', 'Claude Haiku 5.5', 1_000_000, 128_000, {
    price: { ...rates(0.1, 0.01, 0.5), tiers: [{ above_prompt_tokens: 100_000, ...rates(0.5, 0.05, 2.5) }], ...BATCH },
    expected_output: thinking('medium'),
  }),
  claude('claude-opus-5', 'Claude Opus 5', 1_000_000, 128_000, {
    price: { ...rates(5, 0.5, 25), ...BATCH },
    lifecycle: legacy('https://platform.claude.com/docs/about-claude/models/whats-new-opus-5', 'anthropic/claude-opus-5-5'),
  }),
  // Not re-read on 2026-12-01: limits and prices as read on 2026-11-01.
  claude('claude-sonnet-4-6', 'Claude Sonnet 4.6', 1_000_000, 64_000, {
    price: { ...rates(3, 0.3, 15), batch_discount: 0.5, as_of: '2026-11-01', source: PRICING },
    checked_on: '2026-11-01',
    source: MODELS,
    lifecycle: { status: 'current', source: MODELS, checked_on: '2026-11-01' },
    expected_output: thinking('none'),
  }),
  claude('claude-haiku-4-5', 'Claude Haiku 4.5', 200_000, 64_000, {
    price: { ...rates(1, 0.1, 5), ...BATCH },
    source: MODELS,
    lifecycle: current(MODELS),
    expected_output: thinking('none'),
  }),
];
