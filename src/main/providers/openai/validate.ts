// Checks that stop a job from going to an OpenAI model: endpoint, input kinds, file types and sizes,
// structured output and parameter limits. Problems are sentences a researcher can act on.
import type { JobSpec, ModelConfig } from '../../../shared/domain.ts';
import { fileKind, IMAGE_MEDIA_TYPES } from './content.ts';
import { strictSchemaProblems } from './strict-schema.ts';
import { MB, sizeText } from '../file-limits.ts';
import { dimensionProblems } from '../../core/embedding-dimensions.ts';

/** OpenAI takes files of at most 50 MB in a request (https://developers.openai.com/api/docs/guides/pdf-files, 2026-12-01). */
export const MAX_FILE_BYTES = 50 * MB;

function embeddingProblems(job: JobSpec, model: ModelConfig): string[] {
  const problems: string[] = dimensionProblems(job, model);
  if (job.file) problems.push('embeddings take text only, not a file');
  if (job.schema) problems.push('embeddings cannot have a JSON schema');
  if (Array.isArray(job.input) && job.input.length !== 1)
    problems.push(
      'an embeddings job takes one text (one vector per job); split a list of texts into one job each',
    );
  const text = job.input ?? job.prompt ?? (job.messages ?? []).map((m) => m.content).join('');
  if (text === '' || (Array.isArray(text) && text.every((t) => t === '')))
    problems.push('embeddings need an input text');
  return problems;
}

function fileProblems(job: JobSpec, model: ModelConfig): string[] {
  const file = job.file;
  if (!file) return [];
  const kind = fileKind(file.media_type);
  if (kind === null)
    return [
      `${file.name}: OpenAI does not accept ${file.media_type} files (PDF, ${IMAGE_MEDIA_TYPES.join(', ')} and text only)`,
    ];
  const problems: string[] = [];
  if (!model.inputs.includes(kind))
    problems.push(`${model.id} does not accept ${kind === 'pdf' ? 'PDF' : kind} input`);
  if (kind !== 'text' && file.size > MAX_FILE_BYTES)
    problems.push(`${file.name} is ${sizeText(file.size)}: over OpenAI's 50 MB limit for a file in a request`);
  return problems;
}

export function validateOpenAIJob(job: JobSpec, model: ModelConfig): string[] {
  const problems: string[] = [];
  if (!model.endpoints.includes(job.endpoint))
    problems.push(
      `${model.id} does not support the ${job.endpoint} endpoint (supports: ${model.endpoints.join(', ')})`,
    );
  if (job.endpoint === 'embeddings') return [...problems, ...embeddingProblems(job, model)];
  const hasContent = (job.messages?.length ?? 0) > 0 || (job.prompt ?? '') !== '' || job.file !== undefined;
  if (!hasContent) problems.push('the job has no messages, prompt or file');
  problems.push(...fileProblems(job, model));
  if (job.schema) {
    if (!model.structured_output) problems.push(`${model.id} does not support structured output`);
    problems.push(...strictSchemaProblems(job.schema));
  }
  if (job.citations && !model.citations) problems.push(`${model.id} cannot return citations`);
  const maxTokens = job.params.max_tokens;
  if (maxTokens !== undefined && maxTokens > model.max_output_tokens)
    problems.push(`max_tokens ${maxTokens} is above ${model.id}'s limit of ${model.max_output_tokens}`);
  return problems;
}
