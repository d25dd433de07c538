// The Gemini Batch Mode adapter (@google/genai): inline batches below 20 MB, uploaded JSONL files above,
// embeddings batches through batches.createEmbeddings, results inline or from a response file.
import type { Provider, ProviderLimits } from '../../core/provider.ts';
import type { ProviderConfig } from '../config.ts';
import { lazyClients } from './client.ts';
import { downloadResults } from './download.ts';
import { geminiRequestLine, validateGeminiJob } from './request.ts';
import { parseGeminiResults } from './results.ts';
import { cancelBatch, createBatch, findBatchByTag, findUploadByTag, pollBatch, uploadInput } from './submit.ts';
import { countJobTokens } from './tokens.ts';

/**
 * Gemini publishes no request-count cap per batch; input files may be up to 2 GB. We keep batches to
 * 100,000 requests so a single failure or expiry never strands more than that.
 */
export const GEMINI_LIMITS: ProviderLimits = { maxRequests: 100_000, maxBytes: 2_000_000_000 };

export function createGeminiProvider(config: ProviderConfig): Provider {
  const clients = lazyClients(config);
  return {
    name: 'gemini',
    limits: GEMINI_LIMITS,
    simulated: false,
    validateJob: validateGeminiJob,
    estimateInputTokens: (job, model, opts) => countJobTokens(config.apiKey ? clients() : null, job, model, opts),
    requestLine: geminiRequestLine,
    upload: (input, opts) => uploadInput(clients(), input, opts),
    findUpload: (tag, opts) => findUploadByTag(clients(), tag, opts),
    create: (input, opts) => createBatch(clients(), input, opts),
    findBatch: (tag, hint, opts) => findBatchByTag(clients(), tag, hint, opts),
    poll: (remoteId, opts) => pollBatch(clients(), remoteId, opts),
    cancel: (remoteId, opts) => cancelBatch(clients(), remoteId, opts),
    download: (remote, dir, opts) => downloadResults(clients(), remote, dir, opts),
    parseResults: parseGeminiResults,
  };
}

export { GEMINI_MODELS } from './models.ts';
export { INLINE_SOURCE } from './inline.ts';
