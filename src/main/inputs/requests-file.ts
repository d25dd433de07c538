// An OpenAI-format batch input file ({custom_id, method, url, body} per line) read as jobs, so existing batch
// files run on any provider. The same parser serves the local OpenAI-compatible gateway. Files embedded in a line
// (base64 data URLs) are written under the data folder and pass the same input check as any other file.
import { createHash } from 'node:crypto';
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { z } from 'zod';
import type { Endpoint, JobSpec } from '../../shared/domain.ts';
import { InputError } from '../core/errors.ts';
import { TimeSlice } from '../core/time-slice.ts';
import { inspectFile, InputFileError } from './inspect/index.ts';
import { readConversation, type EmbeddedFile } from './request-content.ts';
import { decodedLines, encodingOfFile } from './text/decoded-stream.ts';
import { TextEncodingError } from './text/encoding.ts';

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

/** A request line as a job; a file it embeds is still bytes (see materializeEmbedded). */
export type RequestJob = JobSpec & { embedded?: EmbeddedFile };

function schemaOf(body: Record<string, unknown>): Record<string, unknown> | undefined {
  const format = (body.response_format ?? (body.text as { format?: unknown } | undefined)?.format) as
    | { type?: string; json_schema?: { schema?: Record<string, unknown> }; schema?: Record<string, unknown> }
    | undefined;
  if (format?.type !== 'json_schema') return undefined;
  return format.json_schema?.schema ?? format.schema;
}

/** One line → a job (model from body.model unless `modelOverride`), or the problem with it. */
export function jobFromRequestLine(text: string, line: number, modelOverride?: string): RequestJob | RequestLineProblem {
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
    const dimensions = typeof body.dimensions === 'number' && Number.isInteger(body.dimensions) && body.dimensions > 0 ? { dimensions: body.dimensions } : {};
    return { ...base, input, ...dimensions };
  }
  const conversation = readConversation(endpoint === 'chat' ? body.messages : body.input);
  if (typeof conversation === 'string') return { line, code: 'invalid_request', message: `line ${line}: ${conversation}` };
  const instructions = typeof body.instructions === 'string' ? body.instructions : undefined;
  const system = [instructions, conversation.system].filter(Boolean).join('\n\n') || undefined;
  if (conversation.messages.length === 0 && !conversation.file) return { line, code: 'invalid_request', message: `line ${line}: no messages` };
  return {
    ...base,
    messages: conversation.messages,
    ...(system ? { system } : {}),
    ...(conversation.file ? { embedded: conversation.file, prompt: conversation.prompt ?? '' } : {}),
  };
}

/** Write an embedded file under `dir`, content-addressed (the same file is stored once); returns its path. */
export async function writeEmbedded(embedded: EmbeddedFile, dir: string): Promise<string> {
  const bytes = Buffer.from(embedded.base64, 'base64');
  const folder = join(dir, createHash('sha256').update(bytes).digest('hex').slice(0, 32));
  const path = join(folder, embeddedName(embedded));
  await mkdir(folder, { recursive: true });
  await writeFile(path, bytes);
  return path;
}

/** The embedded file's name, safe as a file name. */
export function embeddedName(embedded: EmbeddedFile): string {
  const safe = [...embedded.filename].map((c) => (c < ' ' || '\\/:*?"<>|'.includes(c) ? '_' : c)).join('');
  return safe.slice(-120) || 'file';
}

/** A line's embedded file written and put through the input check. Throws InputError naming the line. */
export async function materializeEmbedded(job: RequestJob, dir: string, line: number): Promise<JobSpec> {
  const { embedded, ...spec } = job;
  if (!embedded) return spec;
  const path = await writeEmbedded(embedded, dir);
  try {
    return { ...spec, file: await inspectFile(path, { name: embeddedName(embedded) }) };
  } catch (error) {
    if (error instanceof InputFileError) throw new InputError(`line ${line}: ${error.message}`);
    throw error;
  }
}

export interface RequestsFileOptions {
  modelOverride?: string;
  encoding?: string;
  /** Where embedded files are written (under the data folder). */
  attachmentsDir: string;
}

/**
 * Every line as a job, streamed; problems are collected per line and returned once the file has been read (the
 * caller sends nothing when there are any).
 */
export async function* readRequestsFile(path: string, options: RequestsFileOptions): AsyncGenerator<JobSpec, RequestLineProblem[]> {
  const problems: RequestLineProblem[] = [];
  const seen = new Map<string, number>();
  try {
    const encoding = await encodingOfFile(path, options.encoding);
    // Parsing a huge line (a 10 MB prompt) takes tens of milliseconds: the event loop gets a turn before it.
    const slice = new TimeSlice();
    for await (const { line, text } of decodedLines(path, encoding)) {
      await slice.pause();
      const result = jobFromRequestLine(text, line, options.modelOverride);
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
      let job: JobSpec;
      try {
        job = await materializeEmbedded(result, options.attachmentsDir, line);
      } catch (error) {
        if (!(error instanceof InputError)) throw error;
        problems.push({ line, code: 'invalid_file', message: error.message });
        continue;
      }
      yield job;
    }
  } catch (error) {
    if (error instanceof TextEncodingError) throw new InputError(`${path}: ${error.message}`);
    throw error;
  }
  return problems;
}

/**
 * The jobs of a requests file given as a run's input, streamed; once it has been read, every line's problem in one
 * InputError naming the file (nothing is stored or sent then).
 */
export async function* requestsFileJobs(path: string, options: RequestsFileOptions): AsyncGenerator<JobSpec> {
  const lines = readRequestsFile(path, options);
  let problems: RequestLineProblem[];
  try {
    for (let next = await lines.next(); ; next = await lines.next()) {
      if (next.done) {
        problems = next.value;
        break;
      }
      yield next.value;
    }
  } catch (error) {
    if (error instanceof InputError) throw error;
    const code = (error as NodeJS.ErrnoException).code;
    throw new InputError(`cannot read requests file ${path}: ${code === 'ENOENT' ? 'no such file' : (error as Error).message}`);
  } finally {
    // A consumer that stops early (a refused job) closes the file.
    await lines.return([]);
  }
  if (problems.length) throw new InputError(problems.map((p) => `${path}: ${p.message}`));
}
