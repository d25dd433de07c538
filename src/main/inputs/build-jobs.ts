// Turn run inputs (files, a dataset, a requests file or jobs given one by one; one or more models) into a stream of
// job specs, or an InputError naming every problem. Every file passes the input check (inspect/) here, whatever face it came
// from. Nothing here touches the store.
import { readdir, readFile, stat } from 'node:fs/promises';
import { basename, join, resolve } from 'node:path';
import type { JobSpec, JsonSchema } from '../../shared/domain.ts';
import { JobDraftSchema, RunInputsSchema, type ParsedRunInputs, type RunInputs } from '../../shared/run-inputs.ts';
import { InputError } from '../core/errors.ts';
import { bundleJobs } from './bundle-jobs.ts';
import { readDataset } from './dataset.ts';
import { buildEmbeddingJobs, type EmbeddingModelFacts } from './embedding-jobs.ts';
import { inspectFile, InputFileError } from './inspect/index.ts';
import { labelsFor, type GivenFile } from './labels.ts';
import { requestsFileJobs } from './requests-file.ts';
import { missingColumns, renderTemplate, templateColumns, unshownColumns } from './template.ts';
import { decodeText, detectEncoding, TextEncodingError } from './text/encoding.ts';

export interface BuildOptions {
  /** Where embedded files of requests files are written (under the data folder). */
  attachmentsDir: string;
  /** Uploads of the local server: their own folder is left out of labels. */
  uploadsDir?: string;
  /** Embeddings (issue 19): a model id → the input limit its chunks are cut by. */
  resolveModel?: (id: string) => EmbeddingModelFacts;
}

async function expandPaths(paths: string[], problems: string[]): Promise<GivenFile[]> {
  const files: GivenFile[] = [];
  for (const path of paths) {
    let info;
    try {
      info = await stat(path);
    } catch {
      problems.push(`cannot read ${path}: no such file (check the path)`);
      continue;
    }
    if (!info.isDirectory()) {
      files.push({ path: resolve(path) });
      continue;
    }
    const entries = (await readdir(path, { recursive: true, withFileTypes: true }))
      .filter((e) => e.isFile() && !e.name.startsWith('.'))
      .map((e) => join(e.parentPath, e.name))
      .sort();
    if (entries.length === 0) problems.push(`folder ${path} holds no files`);
    files.push(...entries.map((entry) => ({ path: resolve(entry), folder: resolve(path) })));
  }
  const seen = new Set<string>();
  return files.filter((f) => !seen.has(f.path) && seen.add(f.path));
}

/** A prompt or schema file: decoded like any text input, problems named after the flag that gave it. */
async function readTextFile(path: string, what: string, encoding?: string): Promise<string> {
  let bytes: Buffer;
  try {
    bytes = await readFile(path);
  } catch {
    throw new InputError(`cannot read ${what} ${path}: no such file`);
  }
  try {
    return decodeText(bytes, encoding ?? detectEncoding(bytes, true));
  } catch (error) {
    if (error instanceof TextEncodingError) throw new InputError(`${what} ${path}: ${error.message}`);
    throw error;
  }
}

async function schemaOf(inputs: ParsedRunInputs): Promise<JsonSchema | undefined> {
  if (inputs.schema_file === undefined) return inputs.schema;
  const text = await readTextFile(inputs.schema_file, 'schema file', inputs.encoding);
  try {
    const schema = JSON.parse(text) as unknown;
    if (typeof schema === 'object' && schema !== null && !Array.isArray(schema)) return schema as JsonSchema;
  } catch {
    // reported below
  }
  throw new InputError(`schema file ${inputs.schema_file} is not a JSON Schema object`);
}

function inspectProblem(error: unknown, problems: string[]): void {
  if (error instanceof InputFileError || error instanceof InputError) problems.push(error.message);
  else throw error;
}

/**
 * The run's jobs, one at a time as the input is read (a 100,000-row dataset is never held whole). Problems that
 * stop the input at once (no such dataset, a template naming a missing column) throw where they are found; the
 * problems of single items (files that fail the input check, bad request lines) are collected while the good
 * items flow on, and thrown together as one InputError once the input has been read, so every problem of an input
 * is reported at once. A consumer therefore stores nothing before the source has finished.
 */
export async function* jobSource(raw: RunInputs, options: BuildOptions): AsyncGenerator<JobSpec> {
  const inputs = RunInputsSchema.parse(raw);
  const sources = [inputs.files.length > 0, inputs.dataset !== undefined, inputs.requests !== undefined, inputs.jobs !== undefined, inputs.bundle !== undefined].filter(Boolean).length;
  if (sources === 0) throw new InputError('no inputs: give files, --dataset with --template, or --requests');
  if (sources > 1) throw new InputError('give one kind of input per run: files, a dataset, a requests file or a methods bundle');
  if (inputs.jobs !== undefined) return yield* draftedJobs(inputs);
  if (inputs.bundle !== undefined) {
    const shaping = bundleShapingInputs(inputs);
    if (shaping.length) throw new InputError(`a methods bundle sends its recorded requests as they were: leave out ${shaping.join(', ')}`);
    return yield* await bundleJobs(inputs.bundle);
  }
  // Embeddings (issue 19): files, a dataset column or a requests file → one job per chunk, row or line.
  if (inputs.endpoint === 'embeddings' || inputs.embed_column !== undefined) return yield* await buildEmbeddingJobs(inputs, { ...options, expandPaths });
  if (inputs.models.length === 0 && inputs.requests === undefined) throw new InputError('no model: give --model ID (batchdesk models lists them)');
  const schema = await schemaOf(inputs);
  const common: Common = {
    params: inputs.params,
    ...(inputs.system ? { system: inputs.system } : {}),
    ...(schema ? { schema } : {}),
    ...(inputs.citations ? { citations: true } : {}),
  };
  if (inputs.requests !== undefined) return yield* requestJobs(inputs, inputs.requests, options);
  if (inputs.dataset !== undefined) return yield* datasetJobs(inputs, inputs.dataset, common);
  return yield* fileJobs(inputs, common, options);
}

type Common = Pick<JobSpec, 'params' | 'system' | 'schema' | 'citations'>;

/** The id of a job for one of several models: the item's key, and the model when there are several. */
const perModel = (inputs: ParsedRunInputs, key: string, model: string) => (inputs.models.length > 1 ? `${key}@${model}` : key);

async function* requestJobs(inputs: ParsedRunInputs, path: string, options: BuildOptions): AsyncGenerator<JobSpec> {
  const models = inputs.models;
  if (models.length > 1) throw new InputError('a requests file carries its own models: give at most one --model to override them');
  const jobs = requestsFileJobs(path, {
    ...(models[0] ? { modelOverride: models[0] } : {}),
    ...(inputs.encoding ? { encoding: inputs.encoding } : {}),
    attachmentsDir: options.attachmentsDir,
  });
  for await (const job of jobs) yield inputs.system && !job.system ? { ...job, system: inputs.system } : job;
}

async function* datasetJobs(inputs: ParsedRunInputs, path: string, common: Common): AsyncGenerator<JobSpec> {
  if (!inputs.template) throw new InputError('a dataset needs --template "...{{column}}..." to turn each row into a prompt');
  let first = true;
  const shown = new Set(templateColumns(inputs.template));
  const dataset = { ...(inputs.encoding ? { encoding: inputs.encoding } : {}), ...(inputs.id_column ? { idColumn: inputs.id_column } : {}) };
  for await (const row of readDataset(path, dataset)) {
    if (first) {
      const missing = missingColumns(inputs.template, Object.keys(row.values));
      if (missing.length) throw new InputError(`the template names ${missing.map((c) => `"${c}"`).join(', ')}, which the dataset ${path} does not have (its columns: ${Object.keys(row.values).join(', ')})`);
      first = false;
    }
    const content = renderTemplate(inputs.template, row.values);
    // The row's other columns (a gold label) stay with the job for `batchdesk agreement --gold`; they are never sent.
    const unshown = unshownColumns(row.values, shown);
    for (const model of inputs.models) yield { id: perModel(inputs, row.key, model), label: row.key, model, endpoint: 'chat', messages: [{ role: 'user', content }], ...common, ...unshown };
  }
  if (first) throw new InputError(`dataset ${path} has no rows`);
}

async function* fileJobs(inputs: ParsedRunInputs, common: Common, options: BuildOptions): AsyncGenerator<JobSpec> {
  const problems: string[] = [];
  const prompt = inputs.prompt_file !== undefined ? await readTextFile(inputs.prompt_file, 'prompt file', inputs.encoding) : inputs.prompt;
  if (!prompt) throw new InputError('files need a prompt: give --prompt TEXT or --prompt-file F');
  const given = await expandPaths(inputs.files, problems);
  const labels = labelsFor(given, options.uploadsDir);
  for (const [i, file] of given.entries()) {
    let attachment;
    try {
      attachment = await inspectFile(file.path, { name: labels[i]!, ...(inputs.encoding ? { encoding: inputs.encoding } : {}) });
    } catch (error) {
      inspectProblem(error, problems);
      continue;
    }
    for (const model of inputs.models) yield { id: perModel(inputs, labels[i]!, model), label: labels[i]!, model, endpoint: 'chat', file: attachment, prompt, ...common };
  }
  if (problems.length) throw new InputError(problems);
}

/** The inputs that would change a bundle's requests, by the flag that gives them. */
function bundleShapingInputs(inputs: ParsedRunInputs): string[] {
  const given: [boolean, string][] = [
    [inputs.models.length > 0, '--model'],
    [inputs.prompt !== undefined || inputs.prompt_file !== undefined, '--prompt'],
    [inputs.system !== undefined, '--system'],
    [inputs.template !== undefined, '--template'],
    [inputs.schema !== undefined || inputs.schema_file !== undefined, '--schema'],
    [Object.keys(inputs.params).length > 0, '--max-tokens / --temperature'],
    [inputs.citations !== undefined, '--citations'],
  ];
  return given.filter(([present]) => present).map(([, flag]) => flag);
}

/** Jobs given one by one (library API, gateway): their files pass the same input check. */
async function* draftedJobs(inputs: ParsedRunInputs): AsyncGenerator<JobSpec> {
  const problems: string[] = [];
  for (const raw of inputs.jobs ?? []) {
    const { file, label, ...draft } = JobDraftSchema.parse(raw);
    const spec: JobSpec = { ...draft, label: label ?? (file ? basename(file) : draft.id) };
    if (file === undefined) {
      yield spec;
      continue;
    }
    const name = basename(file);
    let attachment;
    try {
      attachment = await inspectFile(file, { name, ...(inputs.encoding ? { encoding: inputs.encoding } : {}) });
    } catch (error) {
      // A job named otherwise than its file (a gateway request's custom_id) is named as well.
      if (error instanceof InputFileError && spec.label !== name) problems.push(`${spec.label}: ${error.message}`);
      else inspectProblem(error, problems);
      continue;
    }
    yield { ...spec, file: attachment };
  }
  if (problems.length) throw new InputError(problems);
}
