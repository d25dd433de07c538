// Every input field that names a local path the engine will read, per operation, in this one place. Where the face
// has a path rule (platform.checkLocalPath: the local server), `invoke` passes each of these paths through it
// after the input is parsed and before the handler runs; a path the rule refuses stops the whole call (403).
// A new operation or field that takes a path must be listed here.
import type { OperationName } from '../../../shared/contract.ts';
import type { ParsedInput } from './types.ts';

/** The fields of an operation's input that hold a path or a list of paths. */
type PathField<N extends OperationName> = {
  [K in keyof ParsedInput<N>]-?: NonNullable<ParsedInput<N>[K]> extends string | readonly string[] ? K : never;
}[keyof ParsedInput<N>];

type PathFields = { [N in OperationName]?: readonly PathField<N>[] };

export const CLIENT_PATH_FIELDS: PathFields = {
  'runs.estimate': ['files', 'dataset', 'requests', 'prompt_file', 'schema_file', 'bundle'],
  'runs.create': ['files', 'dataset', 'requests', 'prompt_file', 'schema_file', 'bundle'],
  'files.describe': ['paths'],
  'models.refresh': ['path'],
  'runs.bundle': ['dir'],
};

/** Jobs given one by one carry their own file path (`jobs[].file`). */
const JOB_FILE_OPERATIONS: readonly OperationName[] = ['runs.estimate', 'runs.create'];

const CONCURRENT_CHECKS = 64;

/** A drop of thousands of files: checked a few dozen at a time (each check is a realpath). */
async function checkAll(paths: string[], check: (path: string) => Promise<string>): Promise<string[]> {
  const checked: string[] = [];
  for (let at = 0; at < paths.length; at += CONCURRENT_CHECKS) checked.push(...(await Promise.all(paths.slice(at, at + CONCURRENT_CHECKS).map(check))));
  return checked;
}

/** The input with every listed path replaced by what `check` resolved it to (or the call refused). */
export async function applyPathPolicy<N extends OperationName>(name: N, input: ParsedInput<N>, check: (path: string) => Promise<string>): Promise<ParsedInput<N>> {
  const fields = (CLIENT_PATH_FIELDS[name] ?? []) as readonly string[];
  if (fields.length === 0) return input;
  const checked: Record<string, unknown> = { ...(input as Record<string, unknown>) };
  for (const field of fields) {
    const value = checked[field];
    if (typeof value === 'string') checked[field] = await check(value);
    else if (Array.isArray(value)) checked[field] = await checkAll(value as string[], check);
  }
  if (JOB_FILE_OPERATIONS.includes(name) && Array.isArray(checked.jobs)) {
    const jobs = checked.jobs as { file?: string }[];
    checked.jobs = await Promise.all(jobs.map(async (job) => (job.file === undefined ? job : { ...job, file: await check(job.file) })));
  }
  return checked as ParsedInput<N>;
}
