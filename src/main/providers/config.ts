// What every real provider adapter is built from. Keys come from the keychain or the environment
// (src/main/secrets); they stay in the main process and are never logged or stored.
export interface ProviderConfig {
  apiKey: string | null;
  /** Base URL override (settings or *_BASE_URL env var): gateways, Azure-style and compatible servers. */
  baseURL?: string;
  /** Retries for idempotent calls (poll, list, download). Creates are never retried by the SDK. */
  maxRetries?: number;
  /** Per-request timeout in ms. */
  timeoutMs?: number;
}

export class MissingKeyError extends Error {
  constructor(provider: string, envVar: string) {
    super(`No API key for ${provider}: set it with \`batchdesk keys set ${provider}\` or the ${envVar} environment variable.`);
    this.name = 'MissingKeyError';
  }
}
