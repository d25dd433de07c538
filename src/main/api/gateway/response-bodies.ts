// The response body OpenAI would have returned for one succeeded request, in the shape of the endpoint the line
// asked for: chat.completion, response, or an embeddings list.
import type { ExportRow } from '../../store/repositories/export-rows.ts';

const nameOf = (model: string) => model.slice(model.indexOf('/') + 1);

export function responseBody(row: ExportRow, requestId: string): unknown {
  const created = Math.floor(Date.now() / 1000);
  const model = nameOf(row.model);
  if (row.endpoint === 'embeddings') {
    return { object: 'list', data: [{ object: 'embedding', index: 0, embedding: row.embedding ? Array.from(row.embedding) : [] }], model, usage: { prompt_tokens: row.input_tokens, total_tokens: row.input_tokens } };
  }
  const text = row.output ?? '';
  if (row.endpoint === 'responses') {
    return {
      id: `resp_${requestId.slice(4)}`,
      object: 'response',
      created_at: created,
      status: 'completed',
      model,
      output: [{ type: 'message', id: `msg_${requestId.slice(4)}`, status: 'completed', role: 'assistant', content: [{ type: 'output_text', text, annotations: [] }] }],
      output_text: text,
      usage: { input_tokens: row.input_tokens, input_tokens_details: { cached_tokens: row.cached_input_tokens }, output_tokens: row.output_tokens, output_tokens_details: { reasoning_tokens: 0 }, total_tokens: row.input_tokens + row.output_tokens },
    };
  }
  return {
    id: `chatcmpl-${requestId.slice(4)}`,
    object: 'chat.completion',
    created,
    model,
    choices: [{ index: 0, message: { role: 'assistant', content: text, refusal: null }, logprobs: null, finish_reason: 'stop' }],
    usage: { prompt_tokens: row.input_tokens, completion_tokens: row.output_tokens, total_tokens: row.input_tokens + row.output_tokens, prompt_tokens_details: { cached_tokens: row.cached_input_tokens } },
  };
}
