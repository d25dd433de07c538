// Input-token estimate of one job: Gemini's countTokens endpoint (through the SDK) when a key is set, else the
// documented rules of core/token-rules. countTokens on the Gemini Developer API takes contents only (the
// SDK refuses systemInstruction there), so the system instruction is counted as a leading user turn.
import type { ContentListUnion } from '@google/genai';
import type { ProviderCallOptions } from '../../core/provider.ts';
import { jobTokensByRule } from '../../core/token-rules/index.ts';
import { approximateTokens } from '../../core/tokens.ts';
import type { JobSpec, ModelConfig } from '../../../shared/domain.ts';
import type { GeminiClients } from './client.ts';
import { geminiModelName } from './models.ts';
import { geminiRequestLine } from './request.ts';
import { isEmbedRequest, requestTexts } from './wire.ts';

export async function countJobTokens(
  clients: GeminiClients | null,
  job: JobSpec,
  model: ModelConfig,
  opts?: ProviderCallOptions,
): Promise<number> {
  if (!clients) return jobTokensByRule(job, model);
  const { request } = await geminiRequestLine({ customId: 'count', job, model });
  let contents: ContentListUnion;
  if (isEmbedRequest(request)) contents = [{ role: 'user', parts: requestTexts(request).map((text) => ({ text })) }];
  else contents = [...(request.systemInstruction ? [{ role: 'user', parts: request.systemInstruction.parts }] : []), ...request.contents];
  try {
    const counted = await clients.read.models.countTokens({ model: geminiModelName(model), contents, config: { abortSignal: opts?.signal } });
    // A zero count for a job that has content is not a real count (mocks answer 0): use the approximation.
    // The endpoint sees contents only, so the response schema (which the model reads too) is added by rule.
    if (typeof counted.totalTokens === 'number' && counted.totalTokens > 0) return counted.totalTokens + (job.schema ? approximateTokens(JSON.stringify(job.schema)) : 0);
  } catch (error) {
    if (opts?.signal?.aborted) throw error;
    // An estimate must not block a run: fall back to the approximation.
  }
  return jobTokensByRule(job, model);
}
