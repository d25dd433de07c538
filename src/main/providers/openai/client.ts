// SDK client construction for the OpenAI adapter. One client per provider instance, built lazily so that
// request lines and estimates work without a key. Reads (poll, list, download) use the configured retries;
// anything that creates a remote object (upload, batch create) is sent with `maxRetries: 0`, because the SDK
// retries POSTs on 5xx and timeouts without an idempotency key and a retried create can bill a second batch.
import OpenAI from 'openai';
import { MissingKeyError, type ProviderConfig } from '../config.ts';
import type { ProviderCallOptions } from '../../core/provider.ts';

export const DEFAULT_READ_RETRIES = 2;

export interface OpenAIClients {
  /** The SDK client; throws MissingKeyError when no key is configured. */
  client(): OpenAI;
  /** Per-call options for a create: never retried by the SDK. */
  createOptions(opts?: ProviderCallOptions): OpenAI.RequestOptions;
  /** Per-call options for an idempotent read. */
  readOptions(opts?: ProviderCallOptions): OpenAI.RequestOptions;
}

export function openAIClients(config: ProviderConfig): OpenAIClients {
  let client: OpenAI | null = null;
  const readRetries = config.maxRetries ?? DEFAULT_READ_RETRIES;
  const withSignal = (maxRetries: number, opts?: ProviderCallOptions): OpenAI.RequestOptions =>
    opts?.signal ? { maxRetries, signal: opts.signal } : { maxRetries };
  return {
    client() {
      if (!config.apiKey) throw new MissingKeyError('openai', 'OPENAI_API_KEY');
      client ??= new OpenAI({
        apiKey: config.apiKey,
        // undefined lets the SDK fall back to OPENAI_BASE_URL, then api.openai.com.
        baseURL: config.baseURL || undefined,
        maxRetries: readRetries,
        ...(config.timeoutMs !== undefined ? { timeout: config.timeoutMs } : {}),
      });
      return client;
    },
    createOptions: (opts) => withSignal(0, opts),
    readOptions: (opts) => withSignal(readRetries, opts),
  };
}
