// JobSpec → one Message Batches request line `{custom_id, params}`: messages or file + prompt, system prompt,
// sampling parameters, max_tokens, structured output and citations. File bytes are read only here.
import type {
  ContentBlockParam,
  MessageCreateParamsNonStreaming,
  MessageParam,
} from '@anthropic-ai/sdk/resources/messages/messages';
import type { Attachment, JobSpec, ModelConfig } from '../../../shared/domain.ts';
import { readAttachmentBytes, readAttachmentText } from '../../inputs/attachment.ts';
import type { PlannedRequest } from '../../core/provider.ts';
import { apiModelId, modelTraits } from './models.ts';
import { applyStructuredOutput } from './structured.ts';

/** The API's rule for custom_id; our ids are `<first 8 chars of the tag>_<n>`. */
export const CUSTOM_ID_PATTERN = /^[a-zA-Z0-9_-]{1,64}$/;
/** max_tokens is required by the API; used when the job does not set one (capped by the model's limit). */
export const DEFAULT_MAX_TOKENS = 4_096;

export const IMAGE_TYPES = ['image/png', 'image/jpeg', 'image/gif', 'image/webp'] as const;
type ImageType = (typeof IMAGE_TYPES)[number];

/** temperature and top_p: still accepted by older models, absent from the current SDK's types. */
export type AnthropicParams = MessageCreateParamsNonStreaming & { temperature?: number; top_p?: number };

export interface AnthropicRequestLine {
  custom_id: string;
  params: AnthropicParams;
}

export type FileKind = 'pdf' | 'image' | 'text' | 'unsupported';

export function fileKind(mediaType: string): FileKind {
  if (mediaType === 'application/pdf') return 'pdf';
  if ((IMAGE_TYPES as readonly string[]).includes(mediaType)) return 'image';
  if (mediaType.startsWith('text/') || mediaType === 'application/json') return 'text';
  return 'unsupported';
}

export function isValidCustomId(customId: string): boolean {
  return CUSTOM_ID_PATTERN.test(customId);
}

export async function requestLine(request: PlannedRequest): Promise<AnthropicRequestLine> {
  if (!isValidCustomId(request.customId)) {
    throw new Error(`Invalid Anthropic custom_id "${request.customId}": it must match ${CUSTOM_ID_PATTERN.source}.`);
  }
  return { custom_id: request.customId, params: await buildParams(request.job, request.model) };
}

export function maxTokens(job: JobSpec, model: ModelConfig): number {
  return job.params.max_tokens ?? Math.min(DEFAULT_MAX_TOKENS, model.max_output_tokens);
}

export async function buildParams(job: JobSpec, model: ModelConfig): Promise<AnthropicParams> {
  const { system, messages } = await buildMessages(job);
  const params: AnthropicParams = { model: apiModelId(model), max_tokens: maxTokens(job, model), messages };
  if (system) params.system = system;
  if (job.params.temperature !== undefined) params.temperature = job.params.temperature;
  if (job.params.top_p !== undefined) params.top_p = job.params.top_p;
  if (job.schema) applyStructuredOutput(params, job.schema, modelTraits(model).structured);
  return params;
}

/** System prompt (job.system plus any system-role messages) and the conversation. */
export async function buildMessages(job: JobSpec): Promise<{ system: string; messages: MessageParam[] }> {
  const systemParts = job.system ? [job.system] : [];
  const messages: MessageParam[] = [];
  for (const message of job.messages ?? []) {
    if (message.role === 'system') systemParts.push(message.content);
    else messages.push({ role: message.role, content: message.content });
  }
  if (job.file || job.prompt !== undefined) {
    const content: ContentBlockParam[] = [];
    if (job.file) content.push(await fileBlock(job.file, job.citations === true));
    if (job.prompt !== undefined && job.prompt !== '') content.push({ type: 'text', text: job.prompt });
    messages.push({ role: 'user', content });
  }
  return { system: systemParts.join('\n\n'), messages };
}

/** PDF → document, image → image, text file → text (or a plain-text document when citations are on). */
export async function fileBlock(file: Attachment, citations: boolean): Promise<ContentBlockParam> {
  const kind = fileKind(file.media_type);
  if (kind === 'pdf') {
    const data = (await readAttachmentBytes(file)).toString('base64');
    return {
      type: 'document',
      source: { type: 'base64', media_type: 'application/pdf', data },
      title: file.name,
      ...(citations ? { citations: { enabled: true } } : {}),
    };
  }
  if (kind === 'image') {
    const data = (await readAttachmentBytes(file)).toString('base64');
    return { type: 'image', source: { type: 'base64', media_type: file.media_type as ImageType, data } };
  }
  if (kind === 'text') {
    const text = await readAttachmentText(file);
    if (citations) {
      return { type: 'document', source: { type: 'text', media_type: 'text/plain', data: text }, title: file.name, citations: { enabled: true } };
    }
    return { type: 'text', text: `File ${file.name}:\n\n${text}` };
  }
  throw new Error(`Anthropic cannot take a file of type ${file.media_type} (${file.name}).`);
}
