// JobSpec → one line of a Gemini batch input file ({key, request}), and the checks that come before it.
// PDFs and images go as inlineData parts (base64 of job.file.path), text files are inlined as text, structured
// output uses generationConfig.responseMimeType = application/json + responseJsonSchema (plain JSON Schema).
import type { PlannedRequest } from '../../core/provider.ts';
import type { Attachment, JobSpec, ModelConfig } from '../../../shared/domain.ts';
import { readAttachmentBytes, readAttachmentText } from '../../inputs/attachment.ts';
import { base64Bytes, MB, sizeText } from '../file-limits.ts';
import { dimensionProblems } from '../../core/embedding-dimensions.ts';
import type {
  WireContent,
  WireEmbedRequest,
  WireGenerateRequest,
  WireGenerationConfig,
  WirePart,
  WireRequestLine,
} from './wire.ts';

/**
 * Gemini takes at most 20 MB of request in all when files go inline (larger files need the Files API), and PDFs of
 * up to 1,000 pages, checked 2026-12-01 (https://ai.google.dev/gemini-api/docs/document-processing).
 */
export const MAX_INLINE_REQUEST_BYTES = 20 * MB;
export const MAX_PDF_PAGES = 1000;
/** Image types Gemini's image understanding accepts (no GIF). */
export const GEMINI_IMAGE_TYPES = ['image/png', 'image/jpeg', 'image/webp', 'image/heic', 'image/heif'];

export type FileKind = 'pdf' | 'image' | 'text' | 'unsupported';

export function fileKind(mediaType: string): FileKind {
  const type = mediaType.toLowerCase();
  if (type === 'application/pdf') return 'pdf';
  if (type.startsWith('image/')) return GEMINI_IMAGE_TYPES.includes(type) ? 'image' : 'unsupported';
  if (type.startsWith('text/') || type === 'application/json') return 'text';
  return 'unsupported';
}

export function validateGeminiJob(job: JobSpec, model: ModelConfig): string[] {
  const problems: string[] = [];
  const endpoint = job.endpoint ?? 'chat';
  if (!model.endpoints.includes(endpoint)) problems.push(`${model.id} does not serve the ${endpoint} endpoint`);
  if (endpoint === 'embeddings') {
    if (job.input === undefined || (Array.isArray(job.input) && job.input.length === 0)) problems.push('an embeddings job needs input');
    return [...problems, ...dimensionProblems(job, model)];
  }
  if (!job.messages?.length && !job.prompt && !job.file) problems.push('the job has no messages, prompt or file');
  if (job.schema && !model.structured_output) problems.push(`${model.id} does not support structured output`);
  if (job.citations && !model.citations) problems.push('Gemini has no document citations; remove the citations flag');
  if (job.file) {
    const kind = fileKind(job.file.media_type);
    if (kind === 'unsupported') problems.push(`Gemini does not accept ${job.file.media_type} files (${job.file.name})`);
    if (kind === 'pdf' && !model.inputs.includes('pdf')) problems.push(`${model.id} does not accept PDFs`);
    if (kind === 'image' && !model.inputs.includes('image')) problems.push(`${model.id} does not accept images`);
    const encoded = base64Bytes(job.file.size);
    if (kind !== 'text' && encoded > MAX_INLINE_REQUEST_BYTES) {
      problems.push(`${job.file.name} is ${sizeText(encoded)} once base64-encoded: over the 20 MB Gemini takes in one request`);
    }
    if (kind === 'pdf' && job.file.pages !== undefined && job.file.pages > MAX_PDF_PAGES) {
      problems.push(`${job.file.name} has ${job.file.pages} pages: over the ${MAX_PDF_PAGES} pages Gemini reads in one PDF; split it`);
    }
  }
  if (job.params.max_tokens && job.params.max_tokens > model.max_output_tokens) {
    problems.push(`max_tokens ${job.params.max_tokens} is above ${model.id}'s limit of ${model.max_output_tokens}`);
  }
  return problems;
}

async function filePart(file: Attachment): Promise<WirePart> {
  if (fileKind(file.media_type) === 'text') return { text: `<file name="${file.name}">\n${await readAttachmentText(file)}\n</file>` };
  return { inlineData: { mimeType: file.media_type.toLowerCase(), data: (await readAttachmentBytes(file)).toString('base64') } };
}

function generationConfig(job: JobSpec): WireGenerationConfig | undefined {
  const config: WireGenerationConfig = {};
  if (job.params.temperature !== undefined) config.temperature = job.params.temperature;
  if (job.params.top_p !== undefined) config.topP = job.params.top_p;
  if (job.params.max_tokens !== undefined) config.maxOutputTokens = job.params.max_tokens;
  if (job.schema) {
    config.responseMimeType = 'application/json';
    config.responseJsonSchema = job.schema;
  }
  return Object.keys(config).length > 0 ? config : undefined;
}

async function generateRequest(job: JobSpec): Promise<WireGenerateRequest> {
  const system = [job.system, ...(job.messages ?? []).filter((m) => m.role === 'system').map((m) => m.content)]
    .filter((s): s is string => typeof s === 'string' && s !== '');
  const contents: WireContent[] = (job.messages ?? [])
    .filter((m) => m.role !== 'system')
    .map((m) => ({ role: m.role === 'assistant' ? 'model' : 'user', parts: [{ text: m.content }] }));
  const leading: WirePart[] = job.file ? [await filePart(job.file)] : [];
  if (job.prompt) contents.push({ role: 'user', parts: [{ text: job.prompt }] });
  if (leading.length > 0) {
    const firstUser = contents.find((c) => c.role === 'user');
    if (firstUser) firstUser.parts.unshift(...leading);
    else contents.push({ role: 'user', parts: leading });
  }
  const request: WireGenerateRequest = { contents };
  if (system.length > 0) request.systemInstruction = { parts: [{ text: system.join('\n\n') }] };
  const config = generationConfig(job);
  if (config) request.generationConfig = config;
  return request;
}

function embedRequest(job: JobSpec): WireEmbedRequest {
  const texts = Array.isArray(job.input) ? job.input : [job.input ?? ''];
  const request: WireEmbedRequest = { content: { parts: texts.map((text) => ({ text })) } };
  // EmbedContentRequest.outputDimensionality: the vector is cut to this length (https://ai.google.dev/api/embeddings, 2026-12-01).
  if (job.dimensions !== undefined) request.outputDimensionality = job.dimensions;
  return request;
}

export async function geminiRequestLine(planned: PlannedRequest): Promise<WireRequestLine> {
  const { job, customId } = planned;
  const request = (job.endpoint ?? 'chat') === 'embeddings' ? embedRequest(job) : await generateRequest(job);
  return { key: customId, request };
}
