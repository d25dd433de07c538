// Embeddings runs (issue 19): run inputs → one embeddings job per file chunk, dataset row or request line.
// Files: their text (text files decoded in the encoding the input check found, PDFs' text layer through pdf.js) cut
// into chunks by the model's input limit (or --chunk-tokens) with --chunk-overlap, each chunk a job that keeps its
// source path and character offsets. A dataset: the text of --embed-column (or of --template) per row. A requests
// file: its /v1/embeddings lines. Every problem is collected and named after its file or line.
import type { Chunk, JobSpec, ModelConfig } from '../../shared/domain.ts';
import type { ParsedRunInputs } from '../../shared/run-inputs.ts';
import { InputError } from '../core/errors.ts';
import { inputKindOf, readAttachmentText } from './attachment.ts';
import { readDataset } from './dataset.ts';
import { inspectFile, InputFileError } from './inspect/index.ts';
import { labelsFor, type GivenFile } from './labels.ts';
import { requestsFileJobs } from './requests-file.ts';
import { missingColumns, renderTemplate } from './template.ts';
import { chunkPieces } from './text/chunk.ts';
import { pdfText } from './text/pdf-text.ts';
import { tokenPieces } from './text/token-pieces.ts';

/** What chunking needs to know of a model: its id, provider and input limit. */
export type EmbeddingModelFacts = Pick<ModelConfig, 'id' | 'provider' | 'context_tokens' | 'endpoints'>;

export interface EmbeddingBuildOptions {
  attachmentsDir: string;
  uploadsDir?: string;
  /** A model id (catalog id or bare name) → its facts; throws for an unknown model. */
  resolveModel?: (id: string) => EmbeddingModelFacts;
  /** Files and folders → the files in them (build-jobs' walk, passed in so both walk alike). */
  expandPaths: (paths: string[], problems: string[]) => Promise<GivenFile[]>;
}

/**
 * Chunks are counted with cl100k_base, the tokenizer of OpenAI's embedding models (exact there and for the demo).
 * Gemini counts with its own tokenizer, which Batchdesk does not have: its chunks keep a tenth of the limit free
 * (a Batchdesk assumption, docs/embeddings.md), and the estimate still counts them with Gemini's countTokens.
 */
function chunkLimit(model: EmbeddingModelFacts): number {
  return model.provider === 'openai' || model.provider === 'demo' ? model.context_tokens : Math.floor(model.context_tokens * 0.9);
}

function refuseChatOnly(inputs: ParsedRunInputs): void {
  const unused = [
    ...(inputs.prompt !== undefined || inputs.prompt_file !== undefined ? ['--prompt'] : []),
    ...(inputs.schema !== undefined || inputs.schema_file !== undefined ? ['--schema'] : []),
    ...(inputs.system !== undefined ? ['--system'] : []),
    ...(inputs.citations ? ['--citations'] : []),
    ...(inputs.params.max_tokens !== undefined ? ['--max-tokens'] : []),
  ];
  if (unused.length) throw new InputError(`${unused.join(', ')} ${unused.length > 1 ? 'do' : 'does'} not apply to embeddings: an embeddings job sends only its text`);
}

/** Models that make no embeddings, refused with the way on (before any file is read). */
function refuseNonEmbeddingModels(inputs: ParsedRunInputs, options: EmbeddingBuildOptions): void {
  if (!options.resolveModel) return;
  const problems = inputs.models.flatMap((id) => {
    const model = resolve(options, id);
    if (model.provider === 'anthropic') return ['Anthropic has no embeddings API: choose an OpenAI, Gemini or demo embedding model (batchdesk models lists them)'];
    return model.endpoints.includes('embeddings') ? [] : [`${model.id} does not serve the embeddings endpoint: choose an embedding model (e.g. openai/text-embedding-3-small, gemini/gemini-embedding-001, demo/embed)`];
  });
  if (problems.length) throw new InputError([...new Set(problems)]);
}

export async function buildEmbeddingJobs(inputs: ParsedRunInputs, options: EmbeddingBuildOptions): Promise<JobSpec[]> {
  refuseChatOnly(inputs);
  refuseNonEmbeddingModels(inputs, options);
  if (inputs.requests !== undefined) return requestJobs(inputs, options);
  if (inputs.models.length === 0) throw new InputError('no model: give --model ID with an embedding model (batchdesk models lists them, e.g. openai/text-embedding-3-small or demo/embed)');
  const extra = inputs.dimensions !== undefined ? { dimensions: inputs.dimensions } : {};
  const perModel = (key: string, model: string) => (inputs.models.length > 1 ? `${key}@${model}` : key);
  const job = (id: string, label: string, model: string, input: string, chunk?: Chunk): JobSpec => ({ id, label, model, endpoint: 'embeddings', params: {}, input, ...extra, ...(chunk ? { chunk } : {}) });
  if (inputs.dataset !== undefined) return datasetJobs(inputs, (key, text) => inputs.models.map((model) => job(perModel(key, model), key, model, text)));
  if (inputs.embed_column !== undefined) throw new InputError('--embed-column names a column of a dataset: give the dataset with --dataset FILE');

  const problems: string[] = [];
  const limits = inputs.models.map((id) => ({ id, limit: chunkLimit(resolve(options, id)) }));
  for (const { id, limit } of limits) {
    const size = inputs.chunk_tokens ?? limit;
    if (size > limit) problems.push(`--chunk-tokens ${size} is above ${id}'s input limit of ${limit} tokens`);
    if ((inputs.chunk_overlap ?? 0) >= size) problems.push(`--chunk-overlap ${inputs.chunk_overlap} must be smaller than the chunks (${size} tokens)`);
  }
  if (problems.length) throw new InputError(problems);
  const given = await options.expandPaths(inputs.files, problems);
  const labels = labelsFor(given, options.uploadsDir);
  const jobs: JobSpec[] = [];
  for (const [i, file] of given.entries()) {
    const text = await fileText(file.path, labels[i]!, inputs.encoding, problems);
    if (text === null) continue;
    const pieces = await tokenPieces(text);
    for (const { id: model, limit } of limits) {
      const chunks = chunkPieces(pieces, { maxTokens: Math.min(inputs.chunk_tokens ?? limit, limit), overlapTokens: inputs.chunk_overlap ?? 0 });
      for (const chunk of chunks) {
        const key = chunks.length > 1 ? `${labels[i]}#${chunk.index}` : labels[i]!;
        jobs.push(job(perModel(key, model), key, model, chunk.text, { source: file.path, index: chunk.index, start: chunk.start, end: chunk.end }));
      }
    }
  }
  if (problems.length) throw new InputError(problems);
  return jobs;
}

function resolve(options: EmbeddingBuildOptions, id: string): EmbeddingModelFacts {
  if (!options.resolveModel) throw new Error('embedding jobs from files need resolveModel (the model input limits)');
  try {
    return options.resolveModel(id);
  } catch (error) {
    throw new InputError((error as Error).message);
  }
}

/** A file's text, or null with the problem recorded. */
async function fileText(path: string, name: string, encoding: string | undefined, problems: string[]): Promise<string | null> {
  try {
    const file = await inspectFile(path, { name, ...(encoding ? { encoding } : {}) });
    const kind = inputKindOf(file.media_type);
    if (kind === 'image') {
      problems.push(`${name} is an image: embedding models here take text (text files and PDFs with a text layer)`);
      return null;
    }
    const text = kind === 'pdf' ? await pdfText(path) : await readAttachmentText(file);
    if (text.trim() === '') {
      problems.push(kind === 'pdf' ? `${name} has no text layer (a scan?): run it through OCR first, embeddings take text` : `${name} holds only white space: nothing to embed`);
      return null;
    }
    return text;
  } catch (error) {
    if (error instanceof InputFileError || error instanceof InputError) problems.push(error.message);
    else throw error;
    return null;
  }
}

/** One text per dataset row: the --embed-column value, or the --template rendered. */
async function datasetJobs(inputs: ParsedRunInputs, jobsOf: (key: string, text: string) => JobSpec[]): Promise<JobSpec[]> {
  const column = inputs.embed_column;
  if (column === undefined && !inputs.template) throw new InputError('embeddings of a dataset need --embed-column NAME (the column to embed) or --template "...{{column}}..."');
  const dataset = { ...(inputs.encoding ? { encoding: inputs.encoding } : {}), ...(inputs.id_column ? { idColumn: inputs.id_column } : {}) };
  const jobs: JobSpec[] = [];
  const problems: string[] = [];
  let first = true;
  for await (const row of readDataset(inputs.dataset!, dataset)) {
    if (first) {
      const columns = Object.keys(row.values);
      const missing = column !== undefined ? (columns.includes(column) ? [] : [column]) : missingColumns(inputs.template!, columns);
      if (missing.length) throw new InputError(`the dataset ${inputs.dataset} has no column ${missing.map((c) => `"${c}"`).join(', ')} (its columns: ${columns.join(', ')})`);
      first = false;
    }
    const value = column !== undefined ? row.values[column] : renderTemplate(inputs.template!, row.values);
    const text = value === null || value === undefined ? '' : typeof value === 'string' ? value : JSON.stringify(value);
    if (text.trim() === '') problems.push(`${inputs.dataset}: line ${row.line} (${row.key}) has no text${column !== undefined ? ` in column "${column}"` : ''} to embed`);
    else jobs.push(...jobsOf(row.key, text));
  }
  if (first) throw new InputError(`dataset ${inputs.dataset} has no rows`);
  if (problems.length) throw new InputError(problems.slice(0, 20).concat(problems.length > 20 ? [`… and ${problems.length - 20} more rows without text`] : []));
  return jobs;
}

/** A requests file run as embeddings: every line must be an embeddings request. */
async function requestJobs(inputs: ParsedRunInputs, options: EmbeddingBuildOptions): Promise<JobSpec[]> {
  if (inputs.models.length > 1) throw new InputError('a requests file carries its own models: give at most one --model to override them');
  const jobs: JobSpec[] = [];
  const lines = requestsFileJobs(inputs.requests!, {
    ...(inputs.models[0] ? { modelOverride: inputs.models[0] } : {}),
    ...(inputs.encoding ? { encoding: inputs.encoding } : {}),
    attachmentsDir: options.attachmentsDir,
  });
  for await (const job of lines) jobs.push(job);
  const messages: string[] = [];
  jobs.forEach((j, i) => j.endpoint !== 'embeddings' && messages.push(`${inputs.requests}: request ${i + 1} ("${j.id}") is not a /v1/embeddings request`));
  if (messages.length) throw new InputError(messages);
  return jobs.map((j) => (inputs.dimensions !== undefined && j.dimensions === undefined ? { ...j, dimensions: inputs.dimensions } : j));
}
