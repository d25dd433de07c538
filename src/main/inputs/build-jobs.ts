// Turn run inputs (files, a dataset, or a requests file; one or more models) into job specs, or an InputError
// naming every problem. Nothing here touches the store.
import { readdir, stat } from 'node:fs/promises';
import { join } from 'node:path';
import type { JobSpec } from '../../shared/domain.ts';
import { RunInputsSchema, type RunInputs } from '../../shared/run-inputs.ts';
import { InputError } from '../core/errors.ts';
import { describeFile, InputFileError } from './attachment.ts';
import { loadDataset } from './dataset.ts';
import { readRequestsFile } from './requests-file.ts';
import { renderTemplate } from './template.ts';

async function expandPaths(paths: string[], problems: string[]): Promise<string[]> {
  const files: string[] = [];
  for (const path of paths) {
    let info;
    try {
      info = await stat(path);
    } catch {
      problems.push(`cannot read ${path}: no such file (check the path)`);
      continue;
    }
    if (!info.isDirectory()) {
      files.push(path);
      continue;
    }
    const entries = (await readdir(path, { recursive: true, withFileTypes: true }))
      .filter((e) => e.isFile() && !e.name.startsWith('.'))
      .map((e) => join(e.parentPath, e.name))
      .sort();
    if (entries.length === 0) problems.push(`folder ${path} holds no files`);
    files.push(...entries);
  }
  return files;
}

function uniqueKey(base: string, used: Set<string>): string {
  let key = base;
  for (let n = 2; used.has(key); n++) key = `${base}-${n}`;
  used.add(key);
  return key;
}

export async function buildJobs(raw: RunInputs): Promise<JobSpec[]> {
  const inputs = RunInputsSchema.parse(raw);
  const problems: string[] = [];
  const sources = [inputs.files.length > 0, inputs.dataset !== undefined, inputs.requests !== undefined].filter(Boolean).length;
  if (sources === 0) throw new InputError('no inputs: give files, --dataset with --template, or --requests');
  if (sources > 1) throw new InputError('give one kind of input per run: files, a dataset, or a requests file');
  if (inputs.models.length === 0 && inputs.requests === undefined) throw new InputError('no model: give --model ID (batchdesk models lists them)');
  const models = inputs.models;
  const common = {
    params: inputs.params,
    ...(inputs.system ? { system: inputs.system } : {}),
    ...(inputs.schema ? { schema: inputs.schema } : {}),
    ...(inputs.citations ? { citations: true } : {}),
  };
  const perModel = (key: string, model: string) => (models.length > 1 ? `${key}@${model}` : key);
  const jobs: JobSpec[] = [];

  if (inputs.requests !== undefined) {
    const { jobs: parsed, problems: bad } = await readRequestsFile(inputs.requests, models[0]).catch(() => {
      throw new InputError(`cannot read requests file ${inputs.requests}: no such file`);
    });
    if (bad.length) throw new InputError(bad.map((p) => `${inputs.requests}: ${p.message}`));
    if (models.length > 1) throw new InputError('a requests file carries its own models: give at most one --model to override them');
    return parsed.map((job) => ({ ...job, ...(inputs.system && !job.system ? { system: inputs.system } : {}) }));
  }

  if (inputs.dataset !== undefined) {
    if (!inputs.template) throw new InputError('a dataset needs --template "...{{column}}..." to turn each row into a prompt');
    const rows = await loadDataset(inputs.dataset, inputs.template);
    for (const row of rows) {
      const content = renderTemplate(inputs.template, row.values);
      for (const model of models) {
        jobs.push({ id: perModel(row.key, model), label: row.key, model, endpoint: 'chat', messages: [{ role: 'user', content }], ...common });
      }
    }
    return jobs;
  }

  if (!inputs.prompt) throw new InputError('files need a prompt: give --prompt TEXT or --prompt-file F');
  const used = new Set<string>();
  for (const path of await expandPaths(inputs.files, problems)) {
    try {
      const file = await describeFile(path);
      const key = uniqueKey(file.name, used);
      for (const model of models) jobs.push({ id: perModel(key, model), label: file.name, model, endpoint: 'chat', file, prompt: inputs.prompt, ...common });
    } catch (error) {
      if (error instanceof InputFileError) problems.push(error.message);
      else throw error;
    }
  }
  if (problems.length) throw new InputError(problems);
  return jobs;
}
