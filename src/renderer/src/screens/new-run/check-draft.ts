// What is wrong with the draft before anything is sent, said so the user knows what to fix, and the NewRun
// input it becomes. The engine checks again (and more) in 'runs.estimate'; its problems are shown as well.
import type { OperationInput } from '../../../../shared/contract.ts';
import type { Draft, DraftFile, SchemaField } from './draft-store.ts';
import { modelInfoFor } from './custom-models.ts';
import type { ModelInfo } from './file-types.ts';

export type NewRunInput = OperationInput<'runs.create'>;

export interface DraftCheck {
  /** Problems by form field (shown next to it). */
  fields: Partial<
    Record<
      'inputs' | 'prompt' | 'template' | 'models' | 'params' | 'schema' | 'costLimit' | 'pilot' | 'schedule',
      string
    >
  >;
  /** Problems of each file, by DraftFile key. */
  files: Record<string, string[]>;
  /** null while the draft cannot be sent. */
  input: NewRunInput | null;
  /** Enough is filled in to ask the engine for an estimate. */
  estimable: boolean;
}

const KIND_LABEL: Record<string, string> = { pdf: 'PDFs', image: 'images', text: 'text' };

function fileProblems(file: DraftFile, models: ModelInfo[]): string[] {
  if (file.error) return [file.error];
  const info = file.info;
  if (!info) return [];
  const problems = [...info.problems];
  const kind = info.kind;
  if (kind === 'pdf' || kind === 'image' || kind === 'text') {
    for (const model of models)
      if (!model.inputs.includes(kind))
        problems.push(
          `${model.id} does not accept ${KIND_LABEL[kind]}: choose another model or remove this file`,
        );
  }
  return problems;
}

function number(text: string): number | null {
  if (text.trim() === '') return null;
  const value = Number(text);
  return Number.isFinite(value) ? value : NaN;
}

export function schemaFromFields(fields: SchemaField[]): Record<string, unknown> {
  const used = fields.filter((f) => f.name.trim());
  const properties = Object.fromEntries(
    used.map((f) => {
      const type =
        f.type === 'array of strings' ? { type: 'array', items: { type: 'string' } } : { type: f.type };
      return [f.name.trim(), f.description.trim() ? { ...type, description: f.description.trim() } : type];
    }),
  );
  return {
    type: 'object',
    properties,
    required: used.map((f) => f.name.trim()),
    additionalProperties: false,
  };
}

function schemaOf(draft: Draft): { schema?: Record<string, unknown>; problem?: string } {
  if (draft.schemaMode === 'none') return {};
  if (draft.schemaMode === 'fields') {
    const names = draft.fields.map((f) => f.name.trim()).filter(Boolean);
    if (names.length === 0)
      return { problem: 'Name at least one field, or choose "Free text" for unstructured answers.' };
    const bad = names.find((n) => !/^[A-Za-z_][A-Za-z0-9_]*$/.test(n));
    if (bad)
      return {
        problem: `Field name "${bad}" may hold only letters, digits and _, and must not start with a digit.`,
      };
    const twice = names.find((n, i) => names.indexOf(n) !== i);
    if (twice) return { problem: `Field "${twice}" is listed twice: give each field its own name.` };
    return { schema: schemaFromFields(draft.fields) };
  }
  try {
    const parsed: unknown = JSON.parse(draft.schemaJson);
    if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed))
      return { problem: 'The JSON Schema must be an object, like {"type": "object", "properties": {...}}.' };
    return { schema: parsed as Record<string, unknown> };
  } catch (error) {
    return { problem: `The JSON Schema is not valid JSON: ${(error as Error).message}` };
  }
}

export function checkDraft(draft: Draft, catalog: ModelInfo[], now = Date.now()): DraftCheck {
  const fields: DraftCheck['fields'] = {};
  const chosen = draft.models
    .map((id) => modelInfoFor(id, catalog))
    .filter((m): m is ModelInfo => m !== null);
  const files: Record<string, string[]> = {};
  for (const file of [...draft.files, draft.dataset, draft.requests]) {
    if (!file) continue;
    const problems =
      file === draft.dataset || file === draft.requests
        ? file.error
          ? [file.error]
          : (file.info?.problems ?? [])
        : fileProblems(file, chosen);
    if (problems.length) files[file.key] = problems;
  }
  const pending = [...draft.files, draft.dataset, draft.requests].some((f) => f && !f.info && !f.error);
  const sources = [draft.files.length > 0, draft.dataset !== null, draft.requests !== null].filter(
    Boolean,
  ).length;
  if (sources === 0)
    fields.inputs =
      'Add input files, a CSV/JSONL dataset or an OpenAI batch file: drop them here or choose them.';
  else if (sources > 1)
    fields.inputs = 'Use one kind of input per run: files, a dataset, or a requests file. Remove the others.';
  else if (Object.keys(files).length)
    fields.inputs = 'Remove or replace the files marked with a problem before starting the run.';
  if (draft.files.length > 0 && !draft.prompt.trim())
    fields.prompt = 'Write the prompt each file is sent with.';
  if (draft.dataset && !draft.template.trim())
    fields.template = 'Write the template each dataset row is turned into, using {{column}} for its values.';
  if (draft.models.length === 0 && !draft.requests) fields.models = 'Choose at least one model.';
  const keyless = [
    ...new Set(chosen.filter((m) => m.provider !== 'demo' && !m.key_set).map((m) => m.provider)),
  ];
  if (keyless.length)
    fields.models = `No API key is set for ${keyless.join(' and ')}: add it in Settings, or choose another model.`;

  const temperature = number(draft.temperature);
  const maxTokens = number(draft.maxTokens);
  const topP = number(draft.topP);
  if (Number.isNaN(temperature) || (temperature !== null && (temperature < 0 || temperature > 2)))
    fields.params = 'Temperature must be a number from 0 to 2.';
  else if (Number.isNaN(maxTokens) || (maxTokens !== null && (!Number.isInteger(maxTokens) || maxTokens < 1)))
    fields.params = 'Max output tokens must be a whole number above 0.';
  else if (Number.isNaN(topP) || (topP !== null && (topP < 0 || topP > 1)))
    fields.params = 'Top p must be a number from 0 to 1.';

  const { schema, problem } = schemaOf(draft);
  if (problem) fields.schema = problem;
  const costLimit = number(draft.costLimit);
  if (Number.isNaN(costLimit) || (costLimit !== null && costLimit <= 0))
    fields.costLimit = 'The cost limit must be an amount in USD above 0, e.g. 25.';
  const pilot = number(draft.pilotSize);
  if (draft.pilotOn && (pilot === null || Number.isNaN(pilot) || pilot <= 0))
    fields.pilot = 'The pilot size must be a number of jobs above 0 (or a fraction below 1, e.g. 0.05).';
  let scheduledAt: number | undefined;
  if (draft.scheduleMode === 'at') {
    scheduledAt = draft.scheduleAt ? new Date(draft.scheduleAt).getTime() : NaN;
    if (!Number.isFinite(scheduledAt)) fields.schedule = 'Pick the date and time to start at.';
    else if (scheduledAt <= now) fields.schedule = 'Pick a time in the future, or choose "Now".';
  }

  const params = {
    ...(temperature !== null ? { temperature } : {}),
    ...(maxTokens !== null ? { max_tokens: maxTokens } : {}),
    ...(topP !== null ? { top_p: topP } : {}),
  };
  const base: NewRunInput = {
    ...(draft.name.trim() ? { name: draft.name.trim() } : {}),
    files: draft.files.map((f) => f.path).filter((p): p is string => p !== null),
    ...(draft.dataset?.path ? { dataset: draft.dataset.path, template: draft.template } : {}),
    ...(draft.requests?.path ? { requests: draft.requests.path } : {}),
    models: draft.models,
    ...(draft.files.length ? { prompt: draft.prompt } : {}),
    ...(draft.system.trim() ? { system: draft.system } : {}),
    params: fields.params ? {} : params,
    ...(schema ? { schema } : {}),
    ...(draft.citations ? { citations: true } : {}),
    ...(costLimit && !fields.costLimit ? { cost_limit_usd: costLimit } : {}),
    ...(draft.pilotOn && pilot && !fields.pilot ? { pilot } : {}),
    ...(scheduledAt && !fields.schedule ? { scheduled_at: scheduledAt } : {}),
  };
  const blocking = Object.keys(fields).length > 0 || pending;
  const estimable =
    sources === 1 &&
    !pending &&
    Object.keys(files).length === 0 &&
    (draft.models.length > 0 || draft.requests !== null) &&
    !fields.prompt &&
    !fields.template;
  return { fields, files, input: blocking ? null : base, estimable };
}

/**
 * What keeps the estimate from being shown, said as what to do: the fields still to fill in, and the files with a
 * problem. Empty when the draft can be estimated.
 */
export function estimateBlockers(draft: Draft, check: DraftCheck): string[] {
  if (check.estimable) return [];
  const pending = [...draft.files, draft.dataset, draft.requests].some((f) => f && !f.info && !f.error);
  const problemFiles = Object.keys(check.files).length;
  const reasons = [
    pending ? 'Wait until every file has been read.' : null,
    problemFiles
      ? `Remove or replace the ${problemFiles === 1 ? 'file' : `${problemFiles} files`} with a problem (see Inputs).`
      : null,
    problemFiles ? null : (check.fields.inputs ?? null),
    check.fields.prompt ?? null,
    check.fields.template ?? null,
    draft.models.length === 0 && !draft.requests ? 'Choose at least one model.' : null,
  ];
  return reasons.filter((r): r is string => r !== null);
}

/** The draft as sent for an estimate: the same as for submit, even when a problem blocks submit. */
export function estimateInput(draft: Draft, catalog: ModelInfo[]): NewRunInput | null {
  const check = checkDraft(draft, catalog);
  if (!check.estimable) return null;
  return check.input ?? looseInput(draft);
}

function looseInput(draft: Draft): NewRunInput {
  return {
    files: draft.files.map((f) => f.path).filter((p): p is string => p !== null),
    ...(draft.dataset?.path ? { dataset: draft.dataset.path, template: draft.template } : {}),
    ...(draft.requests?.path ? { requests: draft.requests.path } : {}),
    models: draft.models,
    ...(draft.files.length ? { prompt: draft.prompt } : {}),
    ...(draft.system.trim() ? { system: draft.system } : {}),
  };
}
