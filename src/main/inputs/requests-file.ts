// An OpenAI-format batch input file ({custom_id, method, url, body} per line) read as jobs, so existing batch
// files run on any provider. The same parser serves the local OpenAI-compatible gateway.
import { z } from 'zod';
import type { Endpoint, JobSpec, Message } from '../../shared/domain.ts';
import { readLines } from '../store/files.ts';

export const ENDPOINT_BY_URL: Record<string, Endpoint> = {
  '/v1/chat/completions': 'chat',
  '/v1/responses': 'responses',
  '/v1/embeddings': 'embeddings',
};

const LineSchema = z.object({
  custom_id: z.string().min(1),
  method: z.literal('POST'),
  url: z.string(),
  body: z.record(z.string(), z.unknown()),
});

export interface RequestLineProblem {
  line: number;
  code: string;
  message: string;
}

function textOf(content: unknown): string {
  if (typeof content === 'string') return content;
  if (Array.isArray(content)) {
    return content
      .map((part) => (typeof part === 'string' ? part : typeof (part as { text?: unknown }).text === 'string' ? (part as { text: string }).text : ''))
      .filter(Boolean)
      .join('\n');
  }
  return '';
}

function messagesOf(raw: unknown): { system?: string; messages: Message[] } {
  const list = Array.isArray(raw) ? raw : typeof raw === 'string' ? [{ role: 'user', content: raw }] : [];
  const system: string[] = [];
  const messages: Message[] = [];
  for (const item of list as { role?: string; content?: unknown }[]) {
    const content = textOf(item.content);
    if (item.role === 'system' || item.role === 'developer') system.push(content);
    else messages.push({ role: item.role === 'assistant' ? 'assistant' : 'user', content });
  }
  return { ...(system.length ? { system: system.join('\n\n') } : {}), messages };
}

function schemaOf(body: Record<string, unknown>): Record<string, unknown> | undefined {
  const format = (body.response_format ?? (body.text as { format?: unknown } | undefined)?.format) as
    | { type?: string; json_schema?: { schema?: Record<string, unknown> }; schema?: Record<string, unknown> }
    | undefined;
  if (format?.type !== 'json_schema') return undefined;
  return format.json_schema?.schema ?? format.schema;
}

/** One line → a job (model from body.model unless `modelOverride`), or the problem with it. */
export function jobFromRequestLine(text: string, line: number, modelOverride?: string): JobSpec | RequestLineProblem {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return { line, code: 'invalid_json_line', message: `line ${line} is not valid JSON` };
  }
  const parsed = LineSchema.safeParse(value);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    return { line, code: 'invalid_request', message: `line ${line}: ${issue.path.join('.') || 'line'}: ${issue.message}` };
  }
  const { custom_id, url, body } = parsed.data;
  const endpoint = ENDPOINT_BY_URL[url];
  if (!endpoint) return { line, code: 'invalid_url', message: `line ${line}: unsupported url ${url} (use ${Object.keys(ENDPOINT_BY_URL).join(', ')})` };
  const model = modelOverride ?? (typeof body.model === 'string' ? body.model : undefined);
  if (!model) return { line, code: 'missing_model', message: `line ${line}: body.model is missing` };
  const maxTokens = body.max_completion_tokens ?? body.max_tokens ?? body.max_output_tokens;
  const params = {
    ...(typeof body.temperature === 'number' ? { temperature: body.temperature } : {}),
    ...(typeof body.top_p === 'number' ? { top_p: body.top_p } : {}),
    ...(typeof maxTokens === 'number' ? { max_tokens: maxTokens } : {}),
  };
  const schema = schemaOf(body);
  const base = { id: custom_id, label: custom_id, model, endpoint, params, ...(schema ? { schema } : {}) };
  if (endpoint === 'embeddings') {
    const input = body.input;
    if (typeof input !== 'string' && !(Array.isArray(input) && input.every((i) => typeof i === 'string'))) {
      return { line, code: 'invalid_request', message: `line ${line}: body.input must be a string or a list of strings` };
    }
    return { ...base, input };
  }
  const conversation = messagesOf(endpoint === 'chat' ? body.messages : body.input);
  const instructions = typeof body.instructions === 'string' ? body.instructions : undefined;
  const system = [instructions, conversation.system].filter(Boolean).join('\n\n') || undefined;
  if (conversation.messages.length === 0) return { line, code: 'invalid_request', message: `line ${line}: no messages` };
  return { ...base, messages: conversation.messages, ...(system ? { system } : {}) };
}

export async function readRequestsFile(path: string, modelOverride?: string): Promise<{ jobs: JobSpec[]; problems: RequestLineProblem[] }> {
  const jobs: JobSpec[] = [];
  const problems: RequestLineProblem[] = [];
  const seen = new Map<string, number>();
  for await (const { line, text } of readLines(path)) {
    const result = jobFromRequestLine(text, line, modelOverride);
    if ('code' in result) {
      problems.push(result);
      continue;
    }
    const first = seen.get(result.id);
    if (first !== undefined) {
      problems.push({ line, code: 'duplicate_custom_id', message: `line ${line}: duplicate custom_id "${result.id}" (first on line ${first})` });
      continue;
    }
    seen.set(result.id, line);
    jobs.push(result);
  }
  return { jobs, problems };
}
