// ProviderRegistry: model id → provider. Accepts catalog ids ("openai/gpt-4.1-mini"), bare catalog names
// ("gpt-4.1-mini") and any "provider/model" of a known provider (then the model is outside the catalog and its
// cost is unknown unless a price override exists). Models past their shutdown are not offered, and new work for
// them is refused with the replacement named; they still resolve for batches already sent.
import type { ModelConfig, Price, ProviderName } from '../../shared/domain.ts';
import { PROVIDER_NAMES } from '../../shared/domain.ts';
import { isRetired, lifecycleProblems } from '../core/model-lifecycle.ts';
import type { Provider } from '../core/provider.ts';

export class UnknownModelError extends Error {
  constructor(model: string, known: string[]) {
    const hint = known.slice(0, 8).join(', ');
    super(`unknown model "${model}": use a catalog id (batchdesk models lists them, e.g. ${hint}) or provider/model for a model outside the catalog`);
    this.name = 'UnknownModelError';
  }
}

export class RetiredModelError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'RetiredModelError';
  }
}

interface Entry {
  models: ModelConfig[];
  create: () => Promise<Provider>;
  instance?: Promise<Provider>;
}

export interface RegistryOptions {
  /** The current time (ms): decides which models are retired. */
  now?: () => number;
}

export class ProviderRegistry {
  private readonly entries = new Map<ProviderName, Entry>();
  private priceOverrides: Record<string, Price> = {};
  private readonly now: () => number;

  constructor(options: RegistryOptions = {}) {
    this.now = options.now ?? Date.now;
  }

  /** Register a provider; `create` runs on first use (so a missing key only matters when the provider is used). */
  register(name: ProviderName, models: ModelConfig[], create: () => Provider | Promise<Provider>): this {
    this.entries.set(name, { models, create: async () => create() });
    return this;
  }

  setPriceOverrides(overrides: Record<string, Price>): void {
    this.priceOverrides = overrides;
  }

  /** Replace one provider's catalog models (a newer price table); its provider instance is kept. */
  replaceModels(name: ProviderName, models: ModelConfig[]): void {
    const entry = this.entries.get(name);
    if (entry) entry.models = models;
  }

  providers(): ProviderName[] {
    return [...this.entries.keys()];
  }

  /** The models offered for new work: every catalog model not yet shut down. */
  models(): ModelConfig[] {
    const now = this.now();
    return this.allModels().filter((m) => !isRetired(m, now));
  }

  /** Every catalog model, retired ones included (their results must still be priced). */
  private allModels(): ModelConfig[] {
    return [...this.entries.values()].flatMap((e) => e.models).map((m) => this.withOverride(m));
  }

  private withOverride(model: ModelConfig): ModelConfig {
    const price = this.priceOverrides[model.id];
    return price ? { ...model, price } : model;
  }

  /** The model config for an id, or UnknownModelError naming what to use instead. */
  resolve(id: string): ModelConfig {
    const all = this.allModels();
    const exact = all.find((m) => m.id === id) ?? all.find((m) => m.name === id);
    if (exact) return exact;
    const slash = id.indexOf('/');
    const provider = slash > 0 ? id.slice(0, slash) : '';
    const name = slash > 0 ? id.slice(slash + 1) : '';
    if ((PROVIDER_NAMES as readonly string[]).includes(provider) && this.entries.has(provider as ProviderName) && name && provider !== 'demo') {
      const template = this.entries.get(provider as ProviderName)!.models[0];
      return this.withOverride({
        id,
        provider: provider as ProviderName,
        name,
        context_tokens: template?.context_tokens ?? 128_000,
        max_output_tokens: template?.max_output_tokens ?? 8_192,
        inputs: ['text', 'pdf', 'image'],
        endpoints: ['chat', 'responses', 'embeddings'],
        structured_output: true,
        citations: provider === 'anthropic',
        price: null,
        simulated: false,
        in_catalog: false,
      });
    }
    throw new UnknownModelError(id, this.models().map((m) => m.id));
  }

  /**
   * The model config for new work submitted at `submitAt`: RetiredModelError (naming the replacement) for a model
   * shut down by then, and the lifecycle warning (shutdown within the run's window, legacy, deprecated) if any.
   */
  resolveForNewWork(id: string, submitAt = this.now()): { model: ModelConfig; warning: string | null } {
    const model = this.resolve(id);
    const { refusal, warning } = lifecycleProblems(model, submitAt, this.now());
    if (refusal) throw new RetiredModelError(refusal);
    return { model, warning };
  }

  provider(name: ProviderName): Promise<Provider> {
    const entry = this.entries.get(name);
    if (!entry) return Promise.reject(new Error(`provider ${name} is not available`));
    entry.instance ??= entry.create().catch((error: unknown) => {
      entry.instance = undefined;
      throw error;
    });
    return entry.instance;
  }
}
