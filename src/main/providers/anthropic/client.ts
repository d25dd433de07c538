// SDK client construction. Two clients share the key and base URL: one for creates, which the SDK must never
// retry (a retried create can bill a second batch; the caller reconciles with findBatch instead), and one for
// idempotent reads (retrieve, list, cancel, results, count tokens), retried as configured.
import Anthropic from '@anthropic-ai/sdk';
import { MissingKeyError, type ProviderConfig } from '../config.ts';

export const DEFAULT_READ_RETRIES = 2;

export interface AnthropicClients {
  /** maxRetries 0: used for batches.create only. */
  create: Anthropic;
  /** config.maxRetries (default 2): every idempotent call. */
  read: Anthropic;
}

function build(config: ProviderConfig, apiKey: string, maxRetries: number): Anthropic {
  return new Anthropic({
    apiKey,
    // Without a configured base URL the SDK itself reads ANTHROPIC_BASE_URL, then uses api.anthropic.com.
    ...(config.baseURL ? { baseURL: config.baseURL } : {}),
    maxRetries,
    ...(config.timeoutMs !== undefined ? { timeout: config.timeoutMs } : {}),
  });
}

/** Clients are made lazily so that validating and writing request lines needs no key. */
export function lazyClients(config: ProviderConfig): () => AnthropicClients {
  let clients: AnthropicClients | null = null;
  return () => {
    if (clients) return clients;
    if (!config.apiKey) throw new MissingKeyError('anthropic', 'ANTHROPIC_API_KEY');
    clients = {
      create: build(config, config.apiKey, 0),
      read: build(config, config.apiKey, config.maxRetries ?? DEFAULT_READ_RETRIES),
    };
    return clients;
  };
}
