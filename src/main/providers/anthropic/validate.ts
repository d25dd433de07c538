// Problems that stop a job from being sent to an Anthropic model, found before anything is spent.
import type { JobSpec, ModelConfig } from '../../../shared/domain.ts';
import { modelTraits } from './models.ts';
import { fileKind } from './request.ts';
import { schemaProblems } from './structured.ts';
import { base64Bytes, MB, sizeText } from '../file-limits.ts';

/**
 * Per-request limits of the Messages API for inline (base64) files, checked 2026-12-01: "Maximum request size 32 MB;
 * maximum pages per request 600 (100 for models with a 200k-token context window); no passwords/encryption"
 * (https://platform.claude.com/docs/en/build-with-claude/pdf-support). Images: at most 5 MB each, counted as base64
 * (https://platform.claude.com/docs/en/build-with-claude/vision).
 */
export const MAX_REQUEST_BYTES = 32 * MB;
export const MAX_IMAGE_BASE64_BYTES = 5 * MB;
export const MAX_PDF_PAGES = 600;
export const MAX_PDF_PAGES_200K = 100;

export function validateJob(job: JobSpec, model: ModelConfig): string[] {
  const problems: string[] = [];
  if (job.endpoint === 'embeddings') {
    return ['Anthropic has no embeddings API: choose an OpenAI, Gemini or demo embedding model (batchdesk models lists them)'];
  }
  if (job.endpoint !== 'chat') {
    problems.push(`Anthropic batches run Messages requests only; endpoint "${job.endpoint}" is not available.`);
  }
  const hasMessages = (job.messages ?? []).some((m) => m.role !== 'system');
  if (!hasMessages && !job.file && !job.prompt) problems.push('The job has no messages, prompt or file to send.');
  problems.push(...fileProblems(job, model));
  problems.push(...paramProblems(job, model));
  if (job.schema) {
    if (!model.structured_output) problems.push(`${model.id} does not support structured output.`);
    problems.push(...schemaProblems(job.schema, modelTraits(model).structured));
    if (job.citations) problems.push('Anthropic cannot combine citations with structured output: choose one.');
  }
  if (job.citations) {
    if (!model.citations) problems.push(`${model.id} does not support citations.`);
    const kind = job.file ? fileKind(job.file.media_type) : null;
    if (kind !== 'pdf' && kind !== 'text') problems.push('Citations need a PDF or text file as the job\'s source document.');
  }
  return problems;
}

function fileProblems(job: JobSpec, model: ModelConfig): string[] {
  if (!job.file) return [];
  const { file } = job;
  const kind = fileKind(file.media_type);
  if (kind === 'unsupported') {
    return [`${file.name}: Anthropic takes PDFs, PNG/JPEG/GIF/WebP images and text files, not ${file.media_type}.`];
  }
  const problems: string[] = [];
  if (kind === 'pdf' && !model.inputs.includes('pdf')) problems.push(`${model.id} does not accept PDFs.`);
  if (kind === 'image' && !model.inputs.includes('image')) problems.push(`${model.id} does not accept images.`);
  const encoded = base64Bytes(file.size);
  if (kind === 'pdf' && encoded > MAX_REQUEST_BYTES) problems.push(`${file.name} is ${sizeText(encoded)} once base64-encoded: over Anthropic's 32 MB limit for a request.`);
  if (kind === 'image' && encoded > MAX_IMAGE_BASE64_BYTES) problems.push(`${file.name} is ${sizeText(encoded)} once base64-encoded: over Anthropic's 5 MB limit for an image.`);
  const maxPages = model.context_tokens <= 200_000 ? MAX_PDF_PAGES_200K : MAX_PDF_PAGES;
  if (kind === 'pdf' && file.pages !== undefined && file.pages > maxPages) {
    problems.push(`${file.name} has ${file.pages} pages: over the ${maxPages} pages Anthropic takes per request on ${model.id}; split the PDF.`);
  }
  return problems;
}

function paramProblems(job: JobSpec, model: ModelConfig): string[] {
  const problems: string[] = [];
  const { temperature, top_p, max_tokens } = job.params;
  if (temperature !== undefined && temperature > 1) problems.push(`temperature ${temperature} is above Anthropic's maximum of 1.`);
  if (max_tokens !== undefined && max_tokens > model.max_output_tokens) {
    problems.push(`max_tokens ${max_tokens} is above ${model.id}'s output limit of ${model.max_output_tokens}.`);
  }
  const sampling = modelTraits(model).sampling;
  const given = [temperature !== undefined ? 'temperature' : null, top_p !== undefined ? 'top_p' : null].filter((x) => x !== null);
  if (sampling === 'none' && given.length > 0) {
    problems.push(`${model.id} does not accept ${given.join(' or ')}: remove ${given.length > 1 ? 'them' : 'it'} from the job.`);
  } else if (sampling === 'one' && given.length > 1) {
    problems.push(`${model.id} accepts temperature or top_p, not both.`);
  }
  return problems;
}
