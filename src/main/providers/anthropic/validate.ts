// Problems that stop a job from being sent to an Anthropic model, found before anything is spent.
import type { JobSpec, ModelConfig } from '../../../shared/domain.ts';
import { modelTraits } from './models.ts';
import { fileKind } from './request.ts';
import { schemaProblems } from './structured.ts';

/** Per-request limits of the Messages API for inline (base64) files. */
export const MAX_PDF_BYTES = 32 * 1024 * 1024;
export const MAX_IMAGE_BYTES = 5 * 1024 * 1024;

export function validateJob(job: JobSpec, model: ModelConfig): string[] {
  const problems: string[] = [];
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
  if (kind === 'pdf' && file.size > MAX_PDF_BYTES) problems.push(`${file.name} is over the 32 MB limit for a PDF in one request.`);
  if (kind === 'image' && file.size > MAX_IMAGE_BYTES) problems.push(`${file.name} is over the 5 MB limit for an image.`);
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
