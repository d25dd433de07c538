// What a run was made from, kept on the run when it is created (RunOptions.recipe): the template, the prompt, the
// dataset's and other files' SHA-256. The jobs hold only the rendered requests; a methods bundle needs the rest.
import { resolve } from 'node:path';
import type { RunRecipe } from '../../../shared/methods-bundle.ts';
import type { ParsedRunInputs } from '../../../shared/run-inputs.ts';
import { fileRef } from '../../inputs/file-hash.ts';

const sourceOf = (inputs: ParsedRunInputs): RunRecipe['source'] =>
  inputs.bundle !== undefined ? 'bundle' : inputs.dataset !== undefined ? 'dataset' : inputs.requests !== undefined ? 'requests' : inputs.jobs !== undefined ? 'jobs' : 'files';

/** Called after the input check passed, so every file named here exists and was read. */
export async function recipeOf(inputs: ParsedRunInputs, bundleRunId?: string): Promise<RunRecipe> {
  const ref = (path: string | undefined) => (path === undefined ? undefined : fileRef(resolve(path)));
  const [prompt_file, dataset, requests, schema_file] = await Promise.all([ref(inputs.prompt_file), ref(inputs.dataset), ref(inputs.requests), ref(inputs.schema_file)]);
  const optional = {
    prompt: inputs.prompt,
    prompt_file,
    system: inputs.system,
    template: inputs.template,
    dataset,
    id_column: inputs.id_column,
    requests,
    schema_file,
    citations: inputs.citations,
    encoding: inputs.encoding,
    bundle: inputs.bundle !== undefined && bundleRunId !== undefined ? { path: resolve(inputs.bundle), run_id: bundleRunId } : undefined,
  };
  const given = Object.fromEntries(Object.entries(optional).filter(([, value]) => value !== undefined));
  return { source: sourceOf(inputs), models: inputs.models, params: inputs.params, ...given };
}
