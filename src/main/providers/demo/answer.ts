// The demo provider's simulated answer to one request: deterministic, derived from the request's own text.
import { createHash } from 'node:crypto';
import { approximateTokens } from '../../core/tokens.ts';
import { sampleFromSchema } from '../../core/schema-sample.ts';
import type { JsonSchema } from '../../../shared/domain.ts';
import { demoVector } from './vector.ts';

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
  /** Embeddings: the vector length to answer with. */
  dimensions?: number;
}

export type DemoOutcome = 'succeeded' | 'failed' | 'expired' | 'cancelled';

export interface DemoResultLine {
  custom_id: string;
  /** The model that answered, as real providers name it in their result lines. */
  model: string;
  outcome: DemoOutcome;
  text: string | null;
  embedding?: number[];
  usage: { input_tokens: number; output_tokens: number; cached_input_tokens: number };
  error: { code: string; message: string } | null;
  simulated: true;
}

export const FAIL_MARK = '[[fail]]';
/** Vector length of a demo embeddings request that names none (requests written before the demo embedding model). */
const DEFAULT_DEMO_DIMENSIONS = 8;
export const EXPIRE_MARK = '[[expire]]';

/**
 * Label mode (issue 18): every enum field of a schema answer gets a base label chosen by a hash of the request's text
 * and the field's path, so the same unit (the same dataset row or file and prompt) gets the same base label from
 * every demo model. Each model then departs from the base label, to a neighbouring level, on a fixed share of units:
 * demo/echo never (it is the base), demo/mini on 20% of units. Whether a unit is one of those is decided by another
 * part of the same hash, uniform over 2^32 values, so over many units demo/echo and demo/mini disagree on 20% of
 * them (binomial spread: ±0.4 points for 10,000 units), and on exactly those units where demoLabelDraw < 0.2.
 * Demo models not listed here follow the base label. Neighbouring levels keep ordinal α above nominal α.
 */
export const DEMO_LABEL_DISAGREEMENT: Readonly<Record<string, number>> = { 'demo/echo': 0, 'demo/mini': 0.2 };

interface LabelHash {
  /** Index of the base label, before reduction modulo the number of levels. */
  base: number;
  /** Uniform in [0, 1): the unit departs from the base label when this is below the model's share. */
  draw: number;
  /** Which neighbour a departing unit takes (+1 or −1, turned round at either end). */
  step: 1 | -1;
}

function labelHash(text: string, path: string): LabelHash {
  const digest = createHash('sha256').update(`${path}\u0000${text}`).digest();
  return { base: digest.readUInt32BE(0), draw: digest.readUInt32BE(4) / 2 ** 32, step: digest[8]! & 1 ? 1 : -1 };
}

/** The draw that decides whether a unit departs from the base label of one enum field (see DEMO_LABEL_DISAGREEMENT). */
export const demoLabelDraw = (text: string, path: string): number => labelHash(text, path).draw;

/** The demo model's value for one enum field (path: its JSON Pointer in the schema) on the unit with this text. */
export function demoLabel(values: readonly unknown[], path: string, text: string, model: string): unknown {
  const hash = labelHash(text, path);
  const base = hash.base % values.length;
  if (values.length < 2 || hash.draw >= (DEMO_LABEL_DISAGREEMENT[model] ?? 0)) return values[base];
  const next = base + hash.step;
  return values[next >= 0 && next < values.length ? next : base - hash.step];
}

function summary(text: string): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length > 120 ? `${flat.slice(0, 117)}...` : flat;
}

export function demoAnswer(request: DemoRequest, outcome: DemoOutcome): DemoResultLine {
  const inputTokens = approximateTokens(`${request.system ?? ''}${request.text}`) + request.file_tokens;
  const base = { custom_id: request.custom_id, model: request.model, simulated: true as const };
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
    return { ...base, outcome, text: null, embedding: demoVector(request.text, request.dimensions ?? DEFAULT_DEMO_DIMENSIONS), usage: { input_tokens: inputTokens, output_tokens: 0, cached_input_tokens: 0 }, error: null };
  }
  let text = request.schema
    ? JSON.stringify(sampleFromSchema(request.schema, summary(request.text), { pickEnum: (values, path) => demoLabel(values, path, request.text, request.model) }))
    : `[simulated ${request.model}] ${summary(request.text)}`;
  const outputTokens = Math.min(approximateTokens(text), request.max_tokens ?? Infinity);
  if (!request.schema && outputTokens * 4 < text.length) text = text.slice(0, outputTokens * 4);
  return { ...base, outcome, text, usage: { input_tokens: inputTokens, output_tokens: outputTokens, cached_input_tokens: 0 }, error: null };
}
