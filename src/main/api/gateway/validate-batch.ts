// Strict validation of a batch create request and of its input file, the way OpenAI does it: request problems
// are 400 errors; problems inside the file make the batch `failed` with one error per line.
import { z } from 'zod';
import { ENDPOINT_BY_URL, jobFromRequestLine, type RequestJob } from '../../inputs/requests-file.ts';
import { readLines } from '../../store/files.ts';
import type { ProviderRegistry } from '../../providers/registry.ts';
import { invalid } from './openai-error.ts';
import { routeModel } from './route-model.ts';

export const CreateBatchSchema = z.object({
  input_file_id: z.string(),
  endpoint: z.string(),
  completion_window: z.string(),
  metadata: z.record(z.string(), z.unknown()).nullable().optional(),
});

export interface LineError {
  code: string;
  message: string;
  line: number | null;
  param: string | null;
}

export function checkCreateRequest(body: unknown): z.infer<typeof CreateBatchSchema> & { metadata: Record<string, string> | null } {
  const parsed = CreateBatchSchema.safeParse(body);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw invalid(`${issue.path.join('.') || 'body'}: ${issue.message}`, issue.path.join('.') || null);
  }
  const request = parsed.data;
  if (!ENDPOINT_BY_URL[request.endpoint]) {
    throw invalid(`Invalid value for 'endpoint': ${request.endpoint}. Supported values are: ${Object.keys(ENDPOINT_BY_URL).join(', ')}.`, 'endpoint', 'invalid_value');
  }
  if (request.completion_window !== '24h') throw invalid(`Invalid value for 'completion_window': ${request.completion_window}. Supported values are: '24h'.`, 'completion_window', 'invalid_value');
  const metadata = request.metadata ?? null;
  if (metadata) {
    const entries = Object.entries(metadata);
    if (entries.length > 16) throw invalid(`Invalid 'metadata': too many properties. Expected an object with at most 16 properties, but got ${entries.length}.`, 'metadata', 'object_above_max_properties');
    for (const [key, value] of entries) {
      if (key.length > 64) throw invalid(`Invalid 'metadata': key "${key.slice(0, 20)}…" is longer than 64 characters.`, 'metadata', 'string_above_max_length');
      if (typeof value !== 'string') throw invalid(`Invalid 'metadata.${key}': expected a string.`, `metadata.${key}`, 'invalid_type');
      if (value.length > 512) throw invalid(`Invalid 'metadata.${key}': string too long. Expected a string with maximum length 512, but got ${value.length}.`, `metadata.${key}`, 'string_above_max_length');
    }
  }
  return { ...request, metadata: metadata as Record<string, string> | null };
}

function urlOf(text: string): string | null {
  try {
    const value = JSON.parse(text) as { url?: unknown };
    return typeof value?.url === 'string' ? value.url : null;
  } catch {
    return null;
  }
}

/** Read the input file into jobs (models routed to their provider), or list every bad line. */
export async function readBatchFile(path: string, endpoint: string, registry: ProviderRegistry): Promise<{ jobs: RequestJob[]; errors: LineError[] }> {
  const jobs: RequestJob[] = [];
  const errors: LineError[] = [];
  const seen = new Map<string, number>();
  for await (const { line, text } of readLines(path)) {
    if (errors.length >= 1000) break;
    const url = urlOf(text);
    if (url !== null && url !== endpoint) {
      errors.push({ code: 'mismatched_endpoint', message: `line ${line}: the url ${url} does not match the batch endpoint ${endpoint}`, line, param: 'url' });
      continue;
    }
    const job = jobFromRequestLine(text, line);
    if ('code' in job) {
      errors.push({ code: job.code, message: job.message, line, param: null });
      continue;
    }
    const first = seen.get(job.id);
    if (first !== undefined) {
      errors.push({ code: 'duplicate_custom_id', message: `line ${line}: the custom_id "${job.id}" is already used on line ${first}; each request needs a unique custom_id`, line, param: 'custom_id' });
      continue;
    }
    seen.set(job.id, line);
    const model = routeModel(job.model);
    try {
      registry.resolve(model);
    } catch {
      errors.push({ code: 'model_not_found', message: `line ${line}: the model ${job.model} is not available through this gateway`, line, param: 'body.model' });
      continue;
    }
    jobs.push({ ...job, model });
  }
  if (jobs.length === 0 && errors.length === 0) errors.push({ code: 'empty_file', message: 'The input file is empty.', line: null, param: null });
  return { jobs, errors };
}
