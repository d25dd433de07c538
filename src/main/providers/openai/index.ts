// The OpenAI Batch API adapter: JSONL input files uploaded with purpose "batch", one batch per file on
// /v1/chat/completions, /v1/responses or /v1/embeddings, results in output and error files. Everything goes
// through the official `openai` SDK.
import type { Provider } from '../../core/provider.ts';
import type { ProviderConfig } from '../config.ts';
import { openAIClients } from './client.ts';
import { cancelBatch, downloadResults, pollBatch } from './remote.ts';
import { buildRequestLine } from './request.ts';
import { parseOpenAIResults } from './results.ts';
import { createBatch, findBatch, findUpload, uploadInput } from './submit.ts';
import { countOpenAIInputTokens } from './tokens.ts';
import { validateOpenAIJob } from './validate.ts';

export { OPENAI_MODELS } from './models.ts';

/** OpenAI's limits per batch: 50,000 requests and 200 MB of input file. */
export const OPENAI_LIMITS = { maxRequests: 50_000, maxBytes: 200 * 1000 * 1000 };

export function createOpenAIProvider(config: ProviderConfig): Provider {
  const clients = openAIClients(config);
  return {
    name: 'openai',
    limits: OPENAI_LIMITS,
    simulated: false,
    validateJob: (job, model) => validateOpenAIJob(job, model),
    estimateInputTokens: (job, model, opts) => countOpenAIInputTokens(clients, job, model, opts),
    requestLine: (request) => buildRequestLine(request),
    upload: (input, opts) => uploadInput(clients, input, opts),
    findUpload: (tag, opts) => findUpload(clients, tag, opts),
    create: (input, opts) => createBatch(clients, input, opts),
    findBatch: (tag, hint, opts) => findBatch(clients, tag, hint, opts),
    poll: (remoteId, opts) => pollBatch(clients, remoteId, opts),
    cancel: (remoteId, opts) => cancelBatch(clients, remoteId, opts),
    download: (remote, dir, opts) => downloadResults(clients, remote, dir, opts),
    parseResults: (file) => parseOpenAIResults(file),
  };
}
