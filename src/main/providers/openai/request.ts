// JobSpec → one line of an OpenAI batch input file: {custom_id, method: "POST", url, body}, where url follows
// the job's endpoint and body is exactly what the synchronous endpoint would take (typed by the SDK).
import type {
  ChatCompletionContentPart,
  ChatCompletionCreateParamsNonStreaming,
  ChatCompletionMessageParam,
} from 'openai/resources/chat/completions';
import type { EmbeddingCreateParams } from 'openai/resources/embeddings';
import type {
  ResponseCreateParamsNonStreaming,
  ResponseInputContent,
  ResponseInputItem,
} from 'openai/resources/responses/responses';
import type { Endpoint, JobSpec, ModelConfig } from '../../../shared/domain.ts';
import type { PlannedRequest } from '../../core/provider.ts';
import { conversationOf, embeddingInput, filePart, type ContentPart, type Conversation, type Turn } from './content.ts';
import { schemaName, toStrictSchema } from './strict-schema.ts';

export const ENDPOINT_URLS = {
  chat: '/v1/chat/completions',
  responses: '/v1/responses',
  embeddings: '/v1/embeddings',
} as const satisfies Record<Endpoint, string>;

export type EndpointUrl = (typeof ENDPOINT_URLS)[Endpoint];

export interface OpenAIRequestLine {
  custom_id: string;
  method: 'POST';
  url: EndpointUrl;
  body: ChatCompletionCreateParamsNonStreaming | ResponseCreateParamsNonStreaming | EmbeddingCreateParams;
}

/** The model name the API knows: the catalog id without its `openai/` prefix. */
export function apiModelName(model: ModelConfig): string {
  return model.id.replace(/^openai\//, '');
}

function chatPart(part: ContentPart): ChatCompletionContentPart {
  if (part.kind === 'text') return { type: 'text', text: part.text };
  if (part.kind === 'pdf')
    return { type: 'file', file: { filename: part.filename, file_data: part.dataUrl } };
  return { type: 'image_url', image_url: { url: part.dataUrl } };
}

/** A turn's text parts joined (the common single-part turn without copying its text). */
function turnText(turn: Turn): string {
  const [only] = turn.parts;
  if (turn.parts.length === 1 && only!.kind === 'text') return only!.text;
  return turn.parts.map((p) => (p.kind === 'text' ? p.text : '')).join('\n\n');
}

function chatMessages(conversation: Conversation): ChatCompletionMessageParam[] {
  const messages: ChatCompletionMessageParam[] = [];
  if (conversation.system !== undefined) messages.push({ role: 'system', content: conversation.system });
  for (const turn of conversation.turns) {
    const onlyText = turn.parts.every((p) => p.kind === 'text');
    if (turn.role === 'user')
      messages.push({ role: 'user', content: onlyText ? turnText(turn) : turn.parts.map(chatPart) });
    else messages.push({ role: turn.role, content: turnText(turn) });
  }
  return messages;
}

export function chatBody(
  job: JobSpec,
  model: ModelConfig,
  conversation: Conversation,
): ChatCompletionCreateParamsNonStreaming {
  const body: ChatCompletionCreateParamsNonStreaming = {
    model: apiModelName(model),
    messages: chatMessages(conversation),
  };
  const { temperature, top_p, max_tokens } = job.params;
  if (temperature !== undefined) body.temperature = temperature;
  if (top_p !== undefined) body.top_p = top_p;
  // max_tokens is deprecated and refused by reasoning models; max_completion_tokens works on every chat model.
  if (max_tokens !== undefined) body.max_completion_tokens = max_tokens;
  if (job.schema) {
    body.response_format = {
      type: 'json_schema',
      json_schema: { name: schemaName(job.schema), schema: toStrictSchema(job.schema), strict: true },
    };
  }
  return body;
}

function responsesPart(part: ContentPart): ResponseInputContent {
  if (part.kind === 'text') return { type: 'input_text', text: part.text };
  if (part.kind === 'pdf') return { type: 'input_file', filename: part.filename, file_data: part.dataUrl };
  return { type: 'input_image', image_url: part.dataUrl, detail: 'auto' };
}

function responsesInput(conversation: Conversation): ResponseInputItem[] {
  return conversation.turns.map((turn): ResponseInputItem => {
    const onlyText = turn.parts.every((p) => p.kind === 'text');
    if (turn.role === 'assistant' || onlyText) return { role: turn.role, content: turnText(turn) };
    return { role: turn.role, content: turn.parts.map(responsesPart) };
  });
}

export function responsesBody(
  job: JobSpec,
  model: ModelConfig,
  conversation: Conversation,
): ResponseCreateParamsNonStreaming {
  const body: ResponseCreateParamsNonStreaming = {
    model: apiModelName(model),
    input: responsesInput(conversation),
  };
  if (conversation.system !== undefined) body.instructions = conversation.system;
  const { temperature, top_p, max_tokens } = job.params;
  if (temperature !== undefined) body.temperature = temperature;
  if (top_p !== undefined) body.top_p = top_p;
  if (max_tokens !== undefined) body.max_output_tokens = max_tokens;
  if (job.schema) {
    body.text = {
      format: {
        type: 'json_schema',
        name: schemaName(job.schema),
        schema: toStrictSchema(job.schema),
        strict: true,
      },
    };
  }
  return body;
}

export function embeddingsBody(job: JobSpec, model: ModelConfig): EmbeddingCreateParams {
  const body: EmbeddingCreateParams = { model: apiModelName(model), input: embeddingInput(job), encoding_format: 'float' };
  if (job.dimensions !== undefined) body.dimensions = job.dimensions;
  return body;
}

export async function buildRequestLine(request: PlannedRequest): Promise<OpenAIRequestLine> {
  const { job, model, customId } = request;
  const url = ENDPOINT_URLS[job.endpoint];
  if (job.endpoint === 'embeddings')
    return { custom_id: customId, method: 'POST', url, body: embeddingsBody(job, model) };
  // Only a job with a file waits for I/O; the rest (most of a 50,000-line file) are built without an await.
  const conversation = conversationOf(job, job.file ? await filePart(job.file) : undefined);
  const body =
    job.endpoint === 'responses'
      ? responsesBody(job, model, conversation)
      : chatBody(job, model, conversation);
  return { custom_id: customId, method: 'POST', url, body };
}
