// SDK client construction. @google/genai retries nothing unless httpOptions.retryOptions is set, so we build
// two clients: `write` (no retries: a retried batchGenerateContent could create and bill a second batch) and
// `read` (config.maxRetries retries on 408/429/5xx and network errors, for get/list/download/count).
import { GoogleGenAI, type HttpOptions } from '@google/genai';
import { MissingKeyError, type ProviderConfig } from '../config.ts';

export interface GeminiClients {
  write: GoogleGenAI;
  read: GoogleGenAI;
}

const DEFAULT_READ_RETRIES = 2;

/** The base URL from settings, or GEMINI_BASE_URL / GOOGLE_GEMINI_BASE_URL from the environment. */
export function geminiBaseUrl(config: ProviderConfig, env: NodeJS.ProcessEnv = process.env): string | undefined {
  return config.baseURL ?? env['GEMINI_BASE_URL'] ?? env['GOOGLE_GEMINI_BASE_URL'] ?? undefined;
}

function httpOptions(config: ProviderConfig, retries: number): HttpOptions {
  const options: HttpOptions = {};
  const baseUrl = geminiBaseUrl(config);
  if (baseUrl) options.baseUrl = baseUrl;
  if (config.timeoutMs) options.timeout = config.timeoutMs;
  if (retries > 0) options.retryOptions = { attempts: retries + 1, initialDelay: 1, maxDelay: 60 };
  return options;
}

export function createGeminiClients(config: ProviderConfig): GeminiClients {
  if (!config.apiKey) throw new MissingKeyError('gemini', 'GEMINI_API_KEY');
  const apiKey = config.apiKey;
  const make = (retries: number) =>
    new GoogleGenAI({ apiKey, vertexai: false, httpOptions: httpOptions(config, retries) });
  return { write: make(0), read: make(config.maxRetries ?? DEFAULT_READ_RETRIES) };
}

/** Clients built on first use, so validation and request lines work without a key. */
export function lazyClients(config: ProviderConfig): () => GeminiClients {
  let clients: GeminiClients | null = null;
  return () => (clients ??= createGeminiClients(config));
}
