// Models outside the catalog, typed as provider/model (as the CLI takes them). The engine resolves them the same
// way (registry.resolve): every input kind is assumed, the provider's key is the one needed, and the cost is
// unknown until a price override for exactly that id is saved in Settings (or from the estimate).
import type { ModelInfo } from './file-types.ts';

const PROVIDERS = ['openai', 'anthropic', 'gemini'] as const;
const ID = /^(openai|anthropic|gemini)\/[A-Za-z0-9][A-Za-z0-9._:@-]*$/;

/** Why `id` cannot be added as a model outside the catalog, or null when it can. */
export function customModelProblem(id: string, catalog: ModelInfo[], chosen: string[]): string | null {
  const text = id.trim();
  if (!text) return 'Type the model as provider/model, e.g. openai/gpt-5-nano-2026-10-01.';
  if (!ID.test(text))
    return `"${text}" is not provider/model: the provider is one of ${PROVIDERS.join(', ')}, then "/" and the model's name as the provider spells it (letters, digits, . _ : @ -).`;
  if (chosen.includes(text)) return `${text} is already chosen.`;
  if (catalog.some((m) => m.id === text)) return `${text} is in the catalog: tick it in the list above.`;
  return null;
}

/** What the UI knows of a model: the catalog's entry, or for one outside it what the engine assumes. */
export function modelInfoFor(id: string, catalog: ModelInfo[]): ModelInfo | null {
  const listed = catalog.find((m) => m.id === id);
  if (listed) return listed;
  const provider = id.slice(0, id.indexOf('/'));
  if (!(PROVIDERS as readonly string[]).includes(provider)) return null;
  const sibling = catalog.find((m) => m.provider === provider);
  return {
    id,
    provider: provider as ModelInfo['provider'],
    name: id.slice(provider.length + 1),
    context_tokens: sibling?.context_tokens ?? 128_000,
    max_output_tokens: sibling?.max_output_tokens ?? 8_192,
    inputs: ['text', 'pdf', 'image'],
    endpoints: ['chat', 'responses'],
    structured_output: true,
    citations: provider === 'anthropic',
    price: null,
    simulated: false,
    in_catalog: false,
    key_set: sibling?.key_set ?? false,
  };
}
