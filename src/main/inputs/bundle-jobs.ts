// `run --from-bundle DIR`: a methods bundle read back as jobs. Each job keeps its recorded spec (checks, estimates,
// labels, the schema its answers are validated against, the dataset columns for --gold) and is pinned to its
// request line as recorded in requests/<provider-batch>.jsonl, so the new run sends the same lines; only the custom
// id differs, since it names the new provider batch. The bundle is outside input: every file is checked against
// the manifest's SHA-256 and parsed with the bundle schemas, and a problem names the file and line.
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { z } from 'zod';
import type { JobSpec } from '../../shared/domain.ts';
import { BUNDLE_FILES, BundleJobSchema, BundleManifestSchema, customIdIn, type BundleJob, type BundleManifest } from '../../shared/methods-bundle.ts';
import { InputError } from '../core/errors.ts';
import { fileSha256 } from './file-hash.ts';
import { jsonObjectLines } from './dataset.ts';

function issues(error: z.ZodError, where: string): string[] {
  return error.issues.slice(0, 5).map((issue) => `${where}: ${issue.path.join('.') || '(line)'}: ${issue.message}`);
}

export async function readBundleManifest(dir: string): Promise<BundleManifest> {
  const path = join(dir, BUNDLE_FILES.manifest);
  let json: unknown;
  try {
    json = JSON.parse(await readFile(path, 'utf8'));
  } catch (error) {
    const missing = (error as NodeJS.ErrnoException).code === 'ENOENT';
    throw new InputError(missing ? `${dir} is not a methods bundle: it has no ${BUNDLE_FILES.manifest} (make one with \`batchdesk bundle RUN -o DIR\`)` : `${path} is not valid JSON: ${(error as Error).message}`);
  }
  const parsed = BundleManifestSchema.safeParse(json);
  if (!parsed.success) throw new InputError(issues(parsed.error, path));
  return parsed.data;
}

async function checkedFile(dir: string, name: string, manifest: BundleManifest): Promise<string> {
  const path = join(dir, name);
  const expected = manifest.files[name];
  if (expected === undefined) throw new InputError(`${join(dir, BUNDLE_FILES.manifest)} does not list ${name}: the bundle is incomplete`);
  const actual = await fileSha256(path).catch(() => null);
  if (actual === null) throw new InputError(`${path} is missing from the bundle`);
  if (actual !== expected) throw new InputError(`${path} has changed since the bundle was made (SHA-256 ${actual}, the manifest says ${expected}): use the bundle as it was written`);
  return path;
}

async function readJobs(path: string): Promise<BundleJob[]> {
  const jobs: BundleJob[] = [];
  for await (const { line, values } of jsonObjectLines(path, 'utf-8')) {
    const parsed = BundleJobSchema.safeParse(values);
    if (!parsed.success) throw new InputError(issues(parsed.error, `${path}: line ${line}`));
    if (parsed.data.seq !== jobs.length) throw new InputError(`${path}: line ${line} has seq ${parsed.data.seq}, expected ${jobs.length}: jobs must be listed in order`);
    jobs.push(parsed.data);
  }
  if (jobs.length === 0) throw new InputError(`${path} lists no jobs`);
  return jobs;
}

/** custom id → the recorded line and the name of its field holding that id (custom_id for most providers, key for Gemini). */
async function readRequestLines(path: string, wanted: ReadonlySet<string>): Promise<Map<string, NonNullable<JobSpec['request_line']>>> {
  const lines = new Map<string, NonNullable<JobSpec['request_line']>>();
  for await (const { line, values: record } of jsonObjectLines(path, 'utf-8')) {
    const field = customIdIn(record, wanted);
    if (field === undefined) throw new InputError(`${path}: line ${line} names no job of jobs.jsonl (no field holds one of its custom ids)`);
    lines.set(record[field] as string, { line: record, custom_id_field: field });
  }
  return lines;
}

/** The bundle's jobs, in their recorded order, each pinned to its recorded request line where it has one. */
export async function bundleJobs(dir: string): Promise<JobSpec[]> {
  const manifest = await readBundleManifest(dir);
  const jobsPath = await checkedFile(dir, BUNDLE_FILES.jobs, manifest);
  const jobs = await readJobs(jobsPath);
  const pinned = new Map<string, NonNullable<JobSpec['request_line']>>();
  for (const batch of manifest.provider_batches) {
    if (batch.requests_file === null) continue;
    const path = await checkedFile(dir, batch.requests_file, manifest);
    const wanted = new Set(jobs.filter((j) => j.provider_batch_id === batch.id && j.custom_id !== null).map((j) => j.custom_id!));
    for (const [customId, line] of await readRequestLines(path, wanted)) pinned.set(`${batch.id} ${customId}`, line);
  }
  return jobs.map((job) => {
    const { request_line: _recorded, ...spec } = job.spec;
    if (job.provider_batch_id === null || job.custom_id === null) return spec;
    const line = pinned.get(`${job.provider_batch_id} ${job.custom_id}`);
    if (!line) throw new InputError(`${jobsPath}: job "${job.job_id}" (seq ${job.seq}) has no request line with custom id ${job.custom_id} in the bundle`);
    return { ...spec, request_line: line };
  });
}
