// The body of a successful (2xx) result line, per endpoint: a chat.completion, a Responses `response`, or an
// embeddings list. Returns the text (for structured output: the JSON string), usage with cached tokens, the
// vector, and a failure when the model refused or was stopped by the content filter. A string = a problem.
import type { ErrorCategory, Usage } from '../../../shared/domain.ts';
import { categorizeError } from '../../core/error-category.ts';

export type Rec = Record<string, unknown>;

export interface SuccessBody {
  text: string | null;
  usage: Usage;
  embedding?: number[];
  failure?: { message: string; category: ErrorCategory };
}

const isRec = (value: unknown): value is Rec =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** A token count: absent = 0; present but not a non-negative number = a problem (null). */
function count(value: unknown): number | null {
  if (value === undefined || value === null) return 0;
  return typeof value === 'number' && Number.isFinite(value) && value >= 0 ? value : null;
}

function usageOf(usage: unknown, input: string, output: string): Usage | string {
  if (usage === undefined || usage === null)
    return { input_tokens: 0, output_tokens: 0, cached_input_tokens: 0 };
  if (!isRec(usage)) return 'usage is not an object';
  const details = usage[`${input}_details`];
  const cached = isRec(details) ? count(details.cached_tokens) : 0;
  const inputTokens = count(usage[input]);
  const outputTokens = count(usage[output]);
  if (inputTokens === null || outputTokens === null || cached === null)
    return 'usage holds a token count that is not a number';
  return { input_tokens: inputTokens, output_tokens: outputTokens, cached_input_tokens: cached };
}

function chatBody(body: Rec): SuccessBody | string {
  const usage = usageOf(body.usage, 'prompt_tokens', 'completion_tokens');
  if (typeof usage === 'string') return usage;
  const choice = Array.isArray(body.choices) ? body.choices[0] : undefined;
  if (!isRec(choice) || !isRec(choice.message)) return 'chat.completion without choices[0].message';
  const { content, refusal } = choice.message;
  if (content !== null && content !== undefined && typeof content !== 'string')
    return 'message.content is not a string';
  const text = typeof content === 'string' ? content : null;
  if (typeof refusal === 'string' && refusal !== '')
    return { text: null, usage, failure: { message: `refused: ${refusal}`, category: 'content_filter' } };
  if (choice.finish_reason === 'content_filter')
    return { text, usage, failure: { message: 'stopped by the content filter', category: 'content_filter' } };
  return { text, usage };
}

function responsesBody(body: Rec): SuccessBody | string {
  const usage = usageOf(body.usage, 'input_tokens', 'output_tokens');
  if (typeof usage === 'string') return usage;
  if (!Array.isArray(body.output)) return 'response without an output array';
  const texts: string[] = [];
  const refusals: string[] = [];
  for (const item of body.output) {
    if (!isRec(item) || item.type !== 'message' || !Array.isArray(item.content)) continue;
    for (const part of item.content) {
      if (isRec(part) && part.type === 'output_text' && typeof part.text === 'string') texts.push(part.text);
      if (isRec(part) && part.type === 'refusal' && typeof part.refusal === 'string')
        refusals.push(part.refusal);
    }
  }
  const text = texts.length > 0 ? texts.join('') : null;
  if (refusals.length > 0 && text === null)
    return {
      text: null,
      usage,
      failure: { message: `refused: ${refusals.join(' ')}`, category: 'content_filter' },
    };
  const reason = isRec(body.incomplete_details) ? body.incomplete_details.reason : undefined;
  if (body.status === 'incomplete' && reason === 'content_filter')
    return { text, usage, failure: { message: 'stopped by the content filter', category: 'content_filter' } };
  if (body.status === 'failed') {
    const error = isRec(body.error) ? body.error : {};
    const message = typeof error.message === 'string' ? error.message : 'response failed';
    const code = typeof error.code === 'string' ? error.code : null;
    return { text, usage, failure: { message, category: categorizeError({ code, message }) } };
  }
  return { text, usage };
}

function embeddingsBody(body: Rec): SuccessBody | string {
  const usage = usageOf(body.usage, 'prompt_tokens', 'completion_tokens');
  if (typeof usage === 'string') return usage;
  const first = Array.isArray(body.data) ? body.data[0] : undefined;
  if (!isRec(first) || !Array.isArray(first.embedding)) return 'embeddings list without data[0].embedding';
  const vector = first.embedding;
  if (!vector.every((x) => typeof x === 'number')) return 'embedding holds a value that is not a number';
  return { text: null, usage, embedding: vector as number[] };
}

export function parseSuccessBody(body: Rec): SuccessBody | string {
  if (body.object === 'chat.completion' || Array.isArray(body.choices)) return chatBody(body);
  if (body.object === 'response' || Array.isArray(body.output)) return responsesBody(body);
  if (body.object === 'list' && Array.isArray(body.data)) return embeddingsBody(body);
  return `unknown response body (object: ${JSON.stringify(body.object ?? null)})`;
}
