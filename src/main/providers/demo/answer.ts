// The demo provider's simulated answer to one request: deterministic, derived from the request's own text.
import { approximateTokens } from '../../core/tokens.ts';
import { sampleFromSchema } from '../../core/schema-sample.ts';
import type { JsonSchema } from '../../../shared/domain.ts';

export interface DemoRequest {
  custom_id: string;
  model: string;
  endpoint: string;
  system?: string;
  /** Every text part of the request, as the provider would read it. */
  text: string;
  schema?: JsonSchema;
  max_tokens?: number;
  /** Tokens the provider would count for attached files it does not read as text (PDF, images). */
  file_tokens: number;
}

export type DemoOutcome = 'succeeded' | 'failed' | 'expired' | 'cancelled';

export interface DemoResultLine {
  custom_id: string;
  outcome: DemoOutcome;
  text: string | null;
  embedding?: number[];
  usage: { input_tokens: number; output_tokens: number; cached_input_tokens: number };
  error: { code: string; message: string } | null;
  simulated: true;
}

export const FAIL_MARK = '[[fail]]';
export const EXPIRE_MARK = '[[expire]]';

function summary(text: string): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length > 120 ? `${flat.slice(0, 117)}...` : flat;
}

function embeddingOf(text: string): number[] {
  const vector = [0, 0, 0, 0, 0, 0, 0, 0];
  for (let i = 0; i < text.length; i++) vector[i % 8]! += text.charCodeAt(i) / 1000;
  return vector.map((v) => Math.round(v * 1000) / 1000);
}

export function demoAnswer(request: DemoRequest, outcome: DemoOutcome): DemoResultLine {
  const inputTokens = approximateTokens(`${request.system ?? ''}${request.text}`) + request.file_tokens;
  const base = { custom_id: request.custom_id, simulated: true as const };
  if (outcome !== 'succeeded') {
    const error =
      outcome === 'failed'
        ? { code: 'invalid_request', message: `simulated failure: the input contains ${FAIL_MARK}` }
        : outcome === 'expired'
          ? { code: 'batch_expired', message: 'simulated expiry: the request was not finished within the batch window' }
          : { code: 'batch_cancelled', message: 'the batch was cancelled before this request ran' };
    return { ...base, outcome, text: null, usage: { input_tokens: 0, output_tokens: 0, cached_input_tokens: 0 }, error };
  }
  if (request.endpoint === 'embeddings') {
    return { ...base, outcome, text: null, embedding: embeddingOf(request.text), usage: { input_tokens: inputTokens, output_tokens: 0, cached_input_tokens: 0 }, error: null };
  }
  let text = request.schema
    ? JSON.stringify(sampleFromSchema(request.schema, summary(request.text)))
    : `[simulated ${request.model}] ${summary(request.text)}`;
  const outputTokens = Math.min(approximateTokens(text), request.max_tokens ?? Infinity);
  if (!request.schema && outputTokens * 4 < text.length) text = text.slice(0, outputTokens * 4);
  return { ...base, outcome, text, usage: { input_tokens: inputTokens, output_tokens: outputTokens, cached_input_tokens: 0 }, error: null };
}
