// What the OpenAI fake answers to one request line: deterministic text ("fake answer to: " + the last user
// text), schema-shaped JSON for structured output, a small vector for embeddings, and usage: gpt-tokenizer over
// the request's text parts plus images and PDFs by OpenAI's documented rules (file-usage.ts), in the exact body
// shape of each endpoint.
import { countTokens } from 'gpt-tokenizer';
import { countTokens as countCl100k } from 'gpt-tokenizer/encoding/cl100k_base';
import { decodeBase64, imageDimensions, openaiImage, openaiPdf, readPdf } from './file-usage.ts';
import { sampleFromSchema } from '../../src/main/core/schema-sample.ts';
import { DEFAULT_DIMENSIONS, fakeVector } from './fake-vectors.ts';

export type Rec = Record<string, unknown>;

export interface InputLine {
  custom_id: string;
  url: string;
  body: Rec;
}

export const isRec = (v: unknown): v is Rec => typeof v === 'object' && v !== null && !Array.isArray(v);
const tokens = (text: string): number => countTokens(text, { disallowedSpecial: new Set() });
/** The embedding models tokenize with cl100k_base. */
const embeddingTokens = (text: string): number => countCl100k(text, { disallowedSpecial: new Set() });


function partsText(content: unknown): string[] {
  if (typeof content === 'string') return [content];
  if (!Array.isArray(content)) return [];
  return content.filter((p): p is Rec => isRec(p) && typeof p.text === 'string').map((p) => p.text as string);
}

/** The text parts of a request body (what usage counts) and the last user text (what the answer quotes). */
export function requestTexts(line: InputLine): { all: string[]; lastUser: string } {
  const { url, body } = line;
  if (url === '/v1/embeddings') {
    const all = Array.isArray(body.input)
      ? body.input.filter((t) => typeof t === 'string')
      : partsText(body.input);
    return { all, lastUser: all.at(-1) ?? '' };
  }
  const input = typeof body.input === 'string' ? [{ role: 'user', content: body.input }] : body.input;
  const items = url === '/v1/responses' ? input : body.messages;
  const all = typeof body.instructions === 'string' ? [body.instructions] : [];
  let lastUser = '';
  for (const item of Array.isArray(items) ? items : []) {
    if (!isRec(item)) continue;
    const texts = partsText(item.content);
    all.push(...texts);
    if (item.role === 'user') lastUser = texts.join('\n');
  }
  return { all, lastUser };
}

/** Images and PDFs in a chat or responses body, billed by OpenAI's rules for the body's model. */
export function fileTokens(body: Rec, url: string): number {
  const model = String(body.model);
  const items = url === '/v1/chat/completions' ? body.messages : body.input;
  let tokens = 0;
  for (const item of Array.isArray(items) ? items : []) {
    if (!isRec(item) || !Array.isArray(item.content)) continue;
    for (const part of item.content.filter(isRec)) {
      const image = part.type === 'image_url' && isRec(part.image_url) ? part.image_url.url : part.type === 'input_image' ? part.image_url : undefined;
      const file = part.type === 'file' && isRec(part.file) ? part.file.file_data : part.type === 'input_file' ? part.file_data : undefined;
      if (typeof image === 'string') {
        const { width, height } = imageDimensions(decodeBase64(image));
        tokens += openaiImage(model, width, height);
      }
      if (typeof file === 'string' && file.startsWith('data:application/pdf')) tokens += openaiPdf(model, readPdf(decodeBase64(file)));
    }
  }
  return tokens;
}

/** Input tokens of a request line: its text parts, its structured-output schema and its files. */
export function inputTokensOf(line: InputLine): number {
  const schema = line.url === '/v1/embeddings' ? undefined : schemaOf(line);
  const count = line.url === '/v1/embeddings' ? embeddingTokens : tokens;
  return (
    requestTexts(line).all.reduce((sum, t) => sum + count(t), 0) +
    (schema !== undefined ? tokens(JSON.stringify(schema)) : 0) +
    (line.url === '/v1/embeddings' ? 0 : fileTokens(line.body, line.url))
  );
}

function schemaOf(line: InputLine): unknown {
  const { body } = line;
  const format =
    line.url === '/v1/responses'
      ? (body.text as Rec | undefined)?.format
      : (body.response_format as Rec | undefined)?.json_schema;
  return isRec(format) ? format.schema : undefined;
}

/** The response body of a successful request, in the shape of its endpoint. */
export function successBody(line: InputLine, index: number, created: number, outputTokens?: number): Rec {
  const { all, lastUser } = requestTexts(line);
  const input = inputTokensOf(line);
  const model = String(line.body.model);
  if (line.url === '/v1/embeddings') {
    const dimensions = typeof line.body.dimensions === 'number' ? line.body.dimensions : (DEFAULT_DIMENSIONS[model] ?? 1536);
    const data = all.map((t, i) => ({ object: 'embedding', index: i, embedding: fakeVector(t, dimensions) }));
    return { object: 'list', model, data, usage: { prompt_tokens: input, total_tokens: input } };
  }
  const schema = schemaOf(line);
  const text = schema ? JSON.stringify(sampleFromSchema(schema)) : `fake answer to: ${lastUser.slice(0, 60)}`;
  const output = outputTokens ?? tokens(text);
  if (line.url === '/v1/responses') {
    const content = [{ type: 'output_text', text, annotations: [] }];
    return {
      id: `resp_${index}`,
      object: 'response',
      created_at: created,
      status: 'completed',
      model,
      error: null,
      incomplete_details: null,
      output: [{ type: 'message', id: `msg_${index}`, status: 'completed', role: 'assistant', content }],
      usage: {
        input_tokens: input,
        input_tokens_details: { cached_tokens: 0 },
        output_tokens: output,
        output_tokens_details: { reasoning_tokens: 0 },
        total_tokens: input + output,
      },
    };
  }
  const message = { role: 'assistant', content: text, refusal: null };
  return {
    id: `chatcmpl-${index}`,
    object: 'chat.completion',
    created,
    model,
    system_fingerprint: 'fp_fake',
    choices: [{ index: 0, message, logprobs: null, finish_reason: 'stop' }],
    usage: {
      prompt_tokens: input,
      completion_tokens: output,
      total_tokens: input + output,
      prompt_tokens_details: { cached_tokens: 0 },
    },
  };
}
