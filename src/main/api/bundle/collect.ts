// A run's methods bundle, gathered from the store and the run's raw files: the manifest (software, recipe, every
// parameter, models as the provider named them, prices and their source, provider batches with ids and times,
// estimate and actual cost, every input's SHA-256) and the files that go with it (each provider batch's input
// file as written, jobs.jsonl, prompt, template, schema, methods.md). write.ts puts them in a folder or a zip.
import { createReadStream } from 'node:fs';
import type { JobSpec, ProviderName } from '../../../shared/domain.ts';
import { BUNDLE_FILES, BUNDLE_VERSION, customIdIn, type BundleJob, type BundleManifest } from '../../../shared/methods-bundle.ts';
import { NotFoundError } from '../../core/errors.ts';
import { customIdFor } from '../../engine/custom-id.ts';
import { inputFilePath } from '../../engine/input-files.ts';
import { textSha256 } from '../../inputs/file-hash.ts';
import { SNAPSHOT_CHECKED_ON, SNAPSHOT_INPUT } from '../../providers/catalog/snapshot.ts';
import { returnedModel, sentParameters, sentValue } from '../../providers/request-facts.ts';
import { fileExists, readLines } from '../../store/files.ts';
import type { EngineHost } from '../engine-host.ts';
import { methodsText } from './methods-text.ts';
import { softwareVersions } from './software.ts';

export interface BundleEntry {
  name: string;
  chunks(): AsyncIterable<string | Buffer>;
}

export interface RunBundle {
  /** Every file but the manifest, in writing order. */
  entries: BundleEntry[];
  /** The manifest, once every other file's SHA-256 is known. */
  manifest(files: Record<string, string>): BundleManifest;
}

const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());
const textEntry = (name: string, text: string): BundleEntry => ({ name, chunks: async function* () { yield text; } });
const PARAMETERS = ['temperature', 'top_p', 'max_tokens'] as const;

/** What identifies a job's input: its file's SHA-256, or that of the text it sends. */
function inputOf(spec: JobSpec): BundleManifest['inputs'][number] {
  if (spec.file) return { label: spec.label, kind: 'file', sha256: spec.file.sha256, bytes: spec.file.size, media_type: spec.file.media_type };
  const text = JSON.stringify({ system: spec.system ?? null, messages: spec.messages ?? null, prompt: spec.prompt ?? null, input: spec.input ?? null });
  return { label: spec.label, kind: 'text', sha256: textSha256(text), bytes: null, media_type: null };
}

interface BatchFile {
  path: string;
  /** custom id → SHA-256 of its line. */
  lineSha: Map<string, string>;
  parameters: Record<string, unknown> | null;
}

async function readBatchFile(path: string, provider: ProviderName, wanted: ReadonlySet<string>): Promise<BatchFile | null> {
  if (!(await fileExists(path))) return null;
  const lineSha = new Map<string, string>();
  let parameters: Record<string, unknown> | null = null;
  for await (const { text } of readLines(path)) {
    const line = JSON.parse(text) as Record<string, unknown>;
    parameters ??= sentParameters(provider, line);
    const field = customIdIn(line, wanted);
    if (field !== undefined) lineSha.set(line[field] as string, textSha256(text));
  }
  return { path, lineSha, parameters };
}

export async function collectBundle(host: EngineHost, runId: string): Promise<RunBundle> {
  const { store, ctx } = host;
  const run = store.runs.get(runId);
  if (!run) throw new NotFoundError(`no run "${runId}"`);
  const batches = store.batches.forRun(runId);

  // One pass over the jobs and their current results.
  const models = new Map<string, { provider: ProviderName; jobs: number; returned: Set<string>; params: JobSpec['params']; estimated: number | null; actual: number; input: number; output: number }>();
  const inputs = new Map<string, BundleManifest['inputs'][number]>();
  const schemas = new Map<string, Record<string, unknown>>();
  const prompts = new Set<string>();
  const systems = new Set<string>();
  const returnedBySeq = new Map<number, string>();
  const customIdsByBatch = new Map<string, Set<string>>();
  const byStatus: Record<string, number> = {};
  const jobRows = store.jobs.iterate(runId);
  for (const row of store.exportRows.iterate(runId)) {
    const job = jobRows.next().value!;
    const model = models.get(job.model) ?? { provider: job.provider, jobs: 0, returned: new Set(), params: job.spec.params, estimated: 0, actual: 0, input: 0, output: 0 };
    models.set(job.model, model);
    model.jobs += 1;
    model.estimated = model.estimated === null || job.estimated_usd === null ? null : model.estimated + job.estimated_usd;
    model.actual += row.cost_usd ?? 0;
    model.input += row.input_tokens;
    model.output += row.output_tokens;
    const returned = returnedModel(job.provider, row.raw);
    if (returned) {
      model.returned.add(returned);
      returnedBySeq.set(job.seq, returned);
    }
    const input = inputOf(job.spec);
    inputs.set(`${input.label}\u0000${input.sha256}`, input);
    if (job.spec.schema) schemas.set(JSON.stringify(job.spec.schema), job.spec.schema);
    if (job.spec.prompt !== undefined) prompts.add(job.spec.prompt);
    if (job.spec.system !== undefined) systems.add(job.spec.system);
    byStatus[job.status] = (byStatus[job.status] ?? 0) + 1;
    if (job.provider_batch_id) {
      const ids = customIdsByBatch.get(job.provider_batch_id) ?? new Set<string>();
      ids.add(customIdFor(job.provider_batch_id, job.seq));
      customIdsByBatch.set(job.provider_batch_id, ids);
    }
  }

  const files = new Map<string, BatchFile | null>();
  for (const batch of batches) files.set(batch.id, await readBatchFile(inputFilePath(ctx, batch), batch.provider, customIdsByBatch.get(batch.id) ?? new Set()));
  const lineShaOf = (batchId: string | null, customId: string | null) => (batchId && customId ? (files.get(batchId)?.lineSha.get(customId) ?? null) : null);

  const entries: BundleEntry[] = [];
  for (const batch of batches) {
    const file = files.get(batch.id);
    if (file) entries.push({ name: `${BUNDLE_FILES.requests}/${batch.id}.jsonl`, chunks: () => createReadStream(file.path) });
  }
  entries.push({
    name: BUNDLE_FILES.jobs,
    chunks: async function* () {
      for (const job of store.jobs.iterate(runId)) {
        const customId = job.provider_batch_id ? customIdFor(job.provider_batch_id, job.seq) : null;
        const { request_line: _pinned, ...spec } = job.spec;
        const line: BundleJob = {
          seq: job.seq,
          job_id: job.id,
          label: job.label,
          model: job.model,
          status: job.status,
          provider_batch_id: job.provider_batch_id,
          custom_id: customId,
          request_sha256: lineShaOf(job.provider_batch_id, customId),
          input_sha256: inputOf(spec).sha256,
          returned_model: returnedBySeq.get(job.seq) ?? null,
          spec,
        };
        yield `${JSON.stringify(line)}\n`;
      }
    },
  });
  const recipe = run.options.recipe ?? null;
  const prompt = recipe?.prompt ?? (prompts.size === 1 ? [...prompts][0]! : undefined);
  const system = recipe?.system ?? (systems.size === 1 ? [...systems][0]! : undefined);
  if (prompt !== undefined) entries.push(textEntry(BUNDLE_FILES.prompt, prompt));
  if (system !== undefined) entries.push(textEntry(BUNDLE_FILES.system, system));
  if (recipe?.template !== undefined) entries.push(textEntry(BUNDLE_FILES.template, recipe.template));
  if (schemas.size) entries.push(textEntry(BUNDLE_FILES.schema, `${JSON.stringify(schemas.size === 1 ? [...schemas.values()][0] : [...schemas.values()], null, 2)}\n`));

  const firstBatchOf = (model: string) => batches.find((b) => b.model === model && files.get(b.id)?.parameters);
  const parameters: BundleManifest['parameters'] = [];
  for (const [model, info] of models) {
    const sent = firstBatchOf(model) ? files.get(firstBatchOf(model)!.id)!.parameters! : null;
    for (const name of PARAMETERS) {
      const given = info.params[name];
      const filled = sent ? sentValue(info.provider, sent, name) : undefined;
      if (given !== undefined) parameters.push({ model, name, value: given, origin: 'given', note: null });
      else if (filled !== undefined) parameters.push({ model, name, value: filled, origin: 'batchdesk default', note: 'not given: Batchdesk filled it in (see provider_batches[].parameters)' });
      else parameters.push({ model, name, value: null, origin: 'not sent', note: "not sent: the provider's default for this model applied" });
    }
  }

  const build = (fileShas: Record<string, string>): BundleManifest => {
    const manifest: Omit<BundleManifest, 'files'> = {
      bundle_version: BUNDLE_VERSION,
      created_at: new Date(ctx.clock.now()).toISOString(),
      software: softwareVersions(),
      run: {
        id: run.id,
        name: run.name,
        status: run.status,
        source: run.options.source ?? 'library',
        simulated: run.simulated,
        created_at: iso(run.created_at)!,
        finished_at: iso(run.finished_at),
        scheduled_at: iso(run.scheduled_at),
        cost_limit_usd: run.cost_limit_usd,
        deadline_at: iso(run.deadline_at),
        items_per_batch: run.options.itemsPerBatch ?? null,
        max_concurrent: run.options.maxConcurrent ?? null,
        pilot: run.options.pilot ?? null,
        recipe,
      },
      parameters,
      models: [...models].map(([id, info]) => {
        const config = ctx.registry.resolve(id);
        return { id, provider: info.provider, jobs: info.jobs, returned: [...info.returned].sort(), price: config.price, simulated: config.simulated ?? false };
      }),
      price_table: {
        checked_on: SNAPSHOT_CHECKED_ON,
        schema_version: SNAPSHOT_INPUT.schema_version,
        note: "models[].price is the price Batchdesk used for each model (its shipped catalog, a loaded price table or a price set in Settings): each names its source and the day it was read.",
      },
      provider_batches: batches.map((b) => ({
        id: b.id,
        provider: b.provider,
        model: b.model,
        endpoint: b.endpoint,
        status: b.status,
        is_pilot: b.is_pilot,
        remote_id: b.remote_id,
        request_count: b.request_count,
        created_at: iso(b.created_at)!,
        submitted_at: iso(b.submitted_at),
        finished_at: iso(b.finished_at),
        ingested_at: iso(b.ingested_at),
        estimated_usd: b.estimated_usd,
        actual_usd: b.actual_usd,
        requests_file: files.get(b.id) ? `${BUNDLE_FILES.requests}/${b.id}.jsonl` : null,
        requests_sha256: files.get(b.id) ? (fileShas[`${BUNDLE_FILES.requests}/${b.id}.jsonl`] ?? null) : null,
        parameters: files.get(b.id)?.parameters ?? null,
      })),
      cost: {
        estimated_usd: run.estimated_usd,
        actual_usd: store.results.actualUsd(runId),
        simulated: run.simulated,
        per_model: [...models].map(([model, info]) => ({ model, estimated_usd: info.estimated, actual_usd: info.actual, input_tokens: info.input, output_tokens: info.output })),
      },
      jobs: { total: Object.values(byStatus).reduce((a, b) => a + b, 0), by_status: byStatus },
      inputs: [...inputs.values()],
      schemas: [...schemas.values()],
    };
    return { ...manifest, files: fileShas };
  };
  // methods.md is written from the manifest, so it is made last and listed in the manifest like every other file.
  entries.push({ name: BUNDLE_FILES.methods, chunks: async function* () { yield methodsText(build({})); } });
  return { entries, manifest: build };
}
