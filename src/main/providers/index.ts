// Builds the ProviderRegistry for one data folder: the demo provider plus the three real batch APIs, each
// created on first use with its key (environment or keychain) and base URL (environment or settings).
import { join } from 'node:path';
import type { Clock } from '../core/clock.ts';
import type { Provider } from '../core/provider.ts';
import type { KeyResolver } from '../secrets/keys.ts';
import { BASE_URL_ENV_VARS, firstEnv, KEY_ENV_VARS, type RealProvider } from '../secrets/env-keys.ts';
import { MissingKeyError, type ProviderConfig } from './config.ts';
import { createDemoProvider, demoLifecycleMs } from './demo/index.ts';
import { DEMO_MODELS } from './demo/models.ts';
import { OPENAI_MODELS } from './openai/models.ts';
import { ANTHROPIC_MODELS } from './anthropic/models.ts';
import { GEMINI_MODELS } from './gemini/models.ts';
import { ProviderRegistry } from './registry.ts';

export interface ProviderEnvironment {
  dataFolder: string;
  clock: Clock;
  keys: KeyResolver;
  /** Base URLs from settings; the *_BASE_URL environment variables win. */
  baseUrls?: Partial<Record<RealProvider, string>>;
  env?: NodeJS.ProcessEnv;
}

// The SDKs are loaded only when a provider is first used: the CLI starts faster and a demo-only or
// store-only process does not pay for three SDKs.
const REAL: Record<RealProvider, { models: typeof OPENAI_MODELS; create: (config: ProviderConfig) => Promise<Provider> }> = {
  openai: { models: OPENAI_MODELS, create: async (config) => (await import('./openai/index.ts')).createOpenAIProvider(config) },
  anthropic: { models: ANTHROPIC_MODELS, create: async (config) => (await import('./anthropic/index.ts')).createAnthropicProvider(config) },
  gemini: { models: GEMINI_MODELS, create: async (config) => (await import('./gemini/index.ts')).createGeminiProvider(config) },
};

export function baseUrlFor(provider: RealProvider, environment: ProviderEnvironment): string | undefined {
  return firstEnv(BASE_URL_ENV_VARS[provider], environment.env ?? process.env)?.value ?? environment.baseUrls?.[provider];
}

/**
 * Per-request timeout: BATCHDESK_PROVIDER_TIMEOUT_MS, else 10 minutes (the OpenAI and Anthropic SDK default; the
 * Gemini SDK has none, and one hung request would stall the monitor).
 */
export const DEFAULT_PROVIDER_TIMEOUT_MS = 10 * 60_000;
export function providerTimeoutMs(env: NodeJS.ProcessEnv): number {
  const ms = Number(env.BATCHDESK_PROVIDER_TIMEOUT_MS);
  return Number.isFinite(ms) && ms > 0 ? ms : DEFAULT_PROVIDER_TIMEOUT_MS;
}

export function buildRegistry(environment: ProviderEnvironment): ProviderRegistry {
  const registry = new ProviderRegistry({ now: () => environment.clock.now() });
  registry.register('demo', DEMO_MODELS, () =>
    createDemoProvider({
      folder: join(environment.dataFolder, 'demo-remote'),
      clock: environment.clock,
      lifecycleMs: demoLifecycleMs(environment.env ?? process.env),
    }),
  );
  for (const [name, { models, create }] of Object.entries(REAL) as [RealProvider, (typeof REAL)[RealProvider]][]) {
    registry.register(name, models, async () => {
      const apiKey = await environment.keys.key(name);
      if (!apiKey) throw new MissingKeyError(name, KEY_ENV_VARS[name].join(' or '));
      const baseURL = baseUrlFor(name, environment);
      const timeoutMs = providerTimeoutMs(environment.env ?? process.env);
      return create({ apiKey, timeoutMs, ...(baseURL ? { baseURL } : {}) });
    });
  }
  return registry;
}
