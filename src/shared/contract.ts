// The one contract between the UI and the engine (DESIGN.md §3, §6): every operation and event, written once
// with zod. Transports (Electron IPC, HTTP + SSE) and the renderer client are generic over this object; types are
// derived from the schemas, so no channel name or payload shape is typed twice.
import { z } from 'zod';
import {
  BatchStatusSchema,
  CitationSchema,
  ErrorCategorySchema,
  JobCountsSchema,
  JobStatusSchema,
  KeyStatusSchema,
  ModelConfigSchema,
  PriceSchema,
  ProviderNameSchema,
  RealProviderSchema,
  RunStatusSchema,
} from './domain.ts';
import { AgreementReportSchema, RatingValueSchema } from './agreement-report.ts';
import { BaseUrlSchema } from './base-url.ts';
import { RunInputsSchema } from './run-inputs.ts';

const Id = z.string().min(1).max(200);
const Usd = z.number().nullable();

export { JobCountsSchema, KeyStatusSchema, RealProviderSchema, AgreementReportSchema };

/** One change of where a provider's key goes, as the settings-change log keeps it (null = the provider's own API). */
export const BaseUrlChangeSchema = z.object({ at: z.number(), provider: RealProviderSchema, from: z.string().nullable(), to: z.string().nullable(), via: z.string() });

/** Everything a new run is made from, whichever face sends it: inputs plus limits, pilot and schedule. */
export const NewRunSchema = RunInputsSchema.extend({
  name: z.string().max(200).optional(),
  cost_limit_usd: z.number().positive().optional(),
  time_limit_ms: z.number().int().positive().optional(),
  pilot: z.number().positive().optional(),
  /** ms since epoch; absent = now. */
  scheduled_at: z.number().int().optional(),
  /** Most jobs per provider batch (the API's own limit applies too). */
  items_per_batch: z.number().int().positive().optional(),
  /** Most provider batches of this run in flight at once. */
  max_concurrent: z.number().int().positive().optional(),
  /** Most estimated input tokens enqueued at the provider per model (overrides the setting and the catalog's default). */
  max_enqueued_tokens: z.number().int().positive().optional(),
  /**
   * With a cost limit below what the run may cost: submit the jobs that fit under it (at their ceiling) and leave
   * the rest out, instead of refusing the run.
   */
  allow_partial: z.boolean().optional(),
});
export type NewRun = z.output<typeof NewRunSchema>;
/** A new run as a face gives it (defaults not yet filled in). */
export type NewRunInput = z.input<typeof NewRunSchema>;

/**
 * What a run is expected to cost: `output_tokens` / `batch_usd` are the typical figures (each model's expected
 * output, reasoning included); `*_max` the ceiling where every job uses its max_tokens, which a cost limit checks.
 */
export const EstimateSchema = z.object({
  jobs: z.number(),
  input_tokens: z.number(),
  output_tokens: z.number(),
  output_tokens_max: z.number(),
  batch_usd: Usd,
  batch_usd_max: Usd,
  sync_usd: Usd,
  savings_usd: Usd,
  simulated: z.boolean(),
  per_model: z.array(
    z.object({ model: z.string(), provider: ProviderNameSchema, jobs: z.number(), input_tokens: z.number(), output_tokens: z.number(), output_tokens_max: z.number(), batch_usd: Usd, batch_usd_max: Usd, sync_usd: Usd, savings_usd: Usd, simulated: z.boolean() }),
  ),
  batches: z.array(z.object({ provider: ProviderNameSchema, model: z.string(), endpoint: z.string(), requests: z.number(), batch_usd: Usd, batch_usd_max: Usd, sync_usd: Usd, is_pilot: z.boolean() })),
  /** The first requests exactly as they will be sent (provider wire format), long strings abridged (shared/abridge.ts). */
  preview: z.array(z.object({ job_id: z.string(), model: z.string(), request: z.unknown() })),
  /** What to know before submitting (e.g. a model that shuts down inside the run's 24 h window). */
  warnings: z.array(z.string()),
});

/** Why something is held up (cannot reach the provider, key rejected, …) and when it is tried again. */
const BlockedSchema = z.object({ reason: z.string(), retry_at: z.number().nullable() });

export const ProviderBatchViewSchema = z.object({
  id: z.string(),
  provider: z.string(),
  model: z.string(),
  endpoint: z.string(),
  status: BatchStatusSchema,
  remote_id: z.string().nullable(),
  request_count: z.number(),
  counts: z.object({ total: z.number(), succeeded: z.number(), failed: z.number(), processing: z.number() }).nullable(),
  counts_live: z.boolean(),
  is_pilot: z.boolean(),
  estimated_usd: Usd,
  actual_usd: Usd,
  submitted_at: z.number().nullable(),
  finished_at: z.number().nullable(),
  last_error: z.string().nullable(),
  /** When the monitor next checks this batch (or retries sending it); null when nothing is due. */
  next_check_at: z.number().nullable(),
  /** When the provider gives up on an unfinished batch (its completion window from submission). */
  expires_at: z.number().nullable(),
  /** Why the batch is not moving, when it is held up (cannot reach the provider, key refused, …), and when it is tried again. */
  blocked: BlockedSchema.nullable(),
  /**
   * The batch's jobs as Batchdesk stored them once its results are in (null before): the one truth the run's counts
   * add up from. `counts` is what the provider reported while it ran (an answer it counts as succeeded can still fail
   * the schema check here).
   */
  results: z.object({ succeeded: z.number(), failed: z.number(), expired: z.number(), cancelled: z.number() }).nullable(),
});

/**
 * A remote batch no provider batch owns (its create landed after its intent was given up, e.g. by a monitor frozen
 * past its lease): cancelled at the provider, never ingested.
 */
export const OrphanViewSchema = z.object({
  provider: z.string(),
  remote_id: z.string(),
  provider_batch_id: z.string(),
  state: z.enum(['cancelling', 'cancelled']),
  found_at: z.number(),
});

export const PilotFiguresSchema = z.object({
  jobs: z.number(),
  success_rate: z.number(),
  schema_valid_rate: z.number().nullable(),
  cost_usd: z.number(),
  projected_cost_usd: z.number(),
  released: z.boolean(),
  /** Every pilot batch has its results in. */
  finished: z.boolean(),
  /** Once the pilot has finished: the rest of the run re-estimated from the tokens the pilot measured. */
  rest: z
    .object({
      jobs: z.number(),
      estimated_usd: Usd,
      calibrated_usd: Usd,
      low_usd: Usd,
      high_usd: Usd,
      input_ratio: z.number().nullable(),
      output_ratio: z.number().nullable(),
    })
    .nullable(),
});

export const RunViewSchema = z.object({
  run_id: z.string(),
  name: z.string(),
  status: RunStatusSchema,
  simulated: z.boolean(),
  created_at: z.number(),
  scheduled_at: z.number().nullable(),
  jobs: JobCountsSchema,
  cost_usd: z.object({ estimated: Usd, actual: z.number(), limit: Usd }),
  provider_batches: z.array(ProviderBatchViewSchema),
  pilot: PilotFiguresSchema.nullable(),
  /** The first of its provider batches that is held up, when one is: what `list` and `watch` show. */
  blocked: BlockedSchema.nullable(),
  orphans: z.array(OrphanViewSchema),
});

export type RunView = z.output<typeof RunViewSchema>;
export type ProviderBatchView = z.output<typeof ProviderBatchViewSchema>;
export type Estimate = z.output<typeof EstimateSchema>;

export const RunSummarySchema = RunViewSchema.omit({ provider_batches: true, pilot: true, orphans: true }).extend({ models: z.array(z.string()) });

export const EventRowSchema = z.object({
  id: z.number(),
  at: z.number(),
  kind: z.string(),
  message: z.string(),
  provider_batch_id: z.string().nullable(),
  data: z.record(z.string(), z.unknown()).nullable(),
});

export const JobRowSchema = z.object({
  seq: z.number(),
  job_id: z.string(),
  input: z.string(),
  model: z.string(),
  provider: ProviderNameSchema,
  status: JobStatusSchema,
  attempts: z.number(),
  output: z.string().nullable(),
  parsed: z.unknown(),
  input_tokens: z.number(),
  output_tokens: z.number(),
  cost_usd: Usd,
  error: z.string().nullable(),
  error_category: ErrorCategorySchema.nullable(),
});

export const JobDetailSchema = JobRowSchema.extend({
  spec: z.unknown(),
  /** The request line exactly as written to the provider's input file. */
  request: z.unknown().nullable(),
  raw: z.string().nullable(),
  citations: z.array(CitationSchema),
  schema_errors: z.array(z.string()),
  cached_input_tokens: z.number(),
  attempts_history: z.array(z.object({ provider_batch_id: z.string(), outcome: z.string(), error: z.string().nullable(), cost_usd: Usd })),
});

export type FileInfo = z.output<typeof FileInfoSchema>;

export const FileInfoSchema = z.object({
  path: z.string(),
  name: z.string(),
  media_type: z.string().nullable(),
  kind: z.enum(['text', 'pdf', 'image', 'dataset', 'requests', 'unsupported']),
  size: z.number(),
  pdf_pages: z.number().nullable(),
  /** Images: pixels, read from the file's header. */
  width: z.number().nullable(),
  height: z.number().nullable(),
  /** Text files: the encoding they are read in. */
  encoding: z.string().nullable(),
  /** Dataset columns (CSV header / first JSONL object keys). */
  columns: z.array(z.string()).nullable(),
  problems: z.array(z.string()),
});


const settingFields = {
  base_urls: z.partialRecord(RealProviderSchema, BaseUrlSchema),
  poll_interval_ms: z.number().int().min(1000).max(3_600_000),
  price_overrides: z.record(z.string().max(200), PriceSchema),
  notifications: z.boolean(),
  data_folder: z.string(),
  /** Model id → most estimated input tokens enqueued at the provider (your organisation's batch queue limit). */
  max_enqueued_tokens: z.record(z.string().max(200), z.number().int().positive()),
};

/** The price table in use: the shipped snapshot, or one the user loaded. */
export const PriceTableInfoSchema = z.object({ models: z.number(), checked_on: z.string(), origin: z.string(), loaded_at: z.number().nullable() });

export const SettingsSchema = z.object({
  base_urls: settingFields.base_urls.default({}),
  poll_interval_ms: settingFields.poll_interval_ms.default(30_000),
  price_overrides: settingFields.price_overrides.default({}),
  notifications: settingFields.notifications.default(true),
  max_enqueued_tokens: settingFields.max_enqueued_tokens.default({}),
  data_folder: settingFields.data_folder.optional(),
  /** The latest base-URL changes, newest first: where API keys are sent is worth seeing. */
  base_url_changes: z.array(BaseUrlChangeSchema).default([]),
  /** Read-only: the price table models are priced by (change it with models.refresh). */
  price_table: PriceTableInfoSchema.optional(),
});

/**
 * A settings change: only the fields given are changed (no defaults filled in). Over HTTP a base-URL change must
 * also carry `confirm_base_url_change: true` (the key goes to the new address).
 */
export const SettingsUpdateSchema = z.object(settingFields).partial().extend({ confirm_base_url_change: z.literal(true).optional() });

/**
 * Export formats. Vectors of embeddings runs go to `parquet` (an `embedding` list<float> column beside the
 * metadata), `npy` (one float32 matrix of the succeeded vectors) with `npy_ids` (their job ids, one a line, in the
 * matrix's row order), or `json`/`jsonl` (arrays); `csv` holds the metadata only.
 */
export const EXPORT_FORMATS = ['csv', 'json', 'jsonl', 'xlsx', 'parquet', 'npy', 'npy_ids', 'methods_zip'] as const;

export const ExportRequestSchema = z.object({
  run_id: Id,
  /** `methods_zip`: the run's methods bundle as one zip (columns, include_raw, bom and layout do not apply). */
  format: z.enum(EXPORT_FORMATS),
  columns: z.array(z.string()).optional(),
  include_raw: z.boolean().optional(),
  /** CSV only: start with a UTF-8 byte-order mark, so Excel reads accents right. */
  bom: z.boolean().optional(),
  /** long (default): one row per job. wide (CSV, XLSX): one row per input, a column per model and field. */
  layout: z.enum(['long', 'wide']).optional(),
});

/** Which answers to compare (issue 18): a structured field, or labels read from free text; optionally a gold column. */
export const AgreementRequestSchema = z.object({
  run_id: Id,
  /** A top-level field of the run's JSON Schema; for free-text runs, only a name for the labels (default "answer"). */
  field: z.string().min(1).max(200).optional(),
  /** A dataset column (one the template does not show) holding the right answers. */
  gold: z.string().min(1).max(200).optional(),
  /** The level of measurement, instead of the one the schema implies. */
  level: z.enum(['nominal', 'ordinal', 'interval']).optional(),
  /** Free-text runs: the labels to read from each answer (low to high for ordinal). */
  labels: z.array(z.string().min(1).max(200)).min(2).max(200).optional(),
  resamples: z.number().int().min(0).max(10_000).optional(),
  seed: z.number().int().min(0).max(2 ** 31 - 1).optional(),
});
export type AgreementRequest = z.input<typeof AgreementRequestSchema>;

/** The units behind a number: where a pair of raters disagrees, one cell of their confusion matrix, or (no pair) where the models are not unanimous. */
export const AgreementUnitsRequestSchema = AgreementRequestSchema.omit({ resamples: true, seed: true }).extend({
  pair: z.tuple([z.string(), z.string()]).optional(),
  /** With `pair`: the first rater's and the second rater's value (one confusion-matrix cell). */
  cell: z.tuple([RatingValueSchema, RatingValueSchema]).optional(),
  limit: z.number().int().min(1).max(1000).default(200),
  offset: z.number().int().min(0).default(0),
});

export const AgreementUnitsSchema = z.object({
  raters: z.array(z.string()),
  /** Units that match, in run order: each rater's value and the job that gave it (null for the gold column). */
  units: z.array(z.object({ id: z.string(), values: z.array(RatingValueSchema.nullable()), job_ids: z.array(z.string().nullable()) })),
  /** Matching units in all (the page is `units`). */
  total: z.number().int(),
});

/** One provider batch's raw files as kept under the data folder (the requests as sent, the provider's answers). */
export const RawFileSchema = z.object({ provider_batch_id: z.string(), name: z.string(), kind: z.enum(['input', 'output', 'errors']), size: z.number() });

/** One model's answer to one input on the Compare screen. */
export const CompareAnswerSchema = JobRowSchema.pick({ status: true, output: true, parsed: true, input_tokens: true, output_tokens: true, cost_usd: true, error: true });

const page = <T extends z.ZodType>(item: T) => z.object({ data: z.array(item), has_more: z.boolean(), first_id: z.string().nullable(), last_id: z.string().nullable() });

function op<I extends z.ZodType, O extends z.ZodType>(input: I, output: O) {
  return { input, output };
}

/** Every operation: name → input and output schemas. */
export const operations = {
  'runs.estimate': op(NewRunSchema, EstimateSchema),
  'runs.create': op(NewRunSchema, z.object({ run_id: z.string() })),
  'runs.list': op(z.object({ limit: z.number().int().min(1).max(200).default(50), after: Id.optional() }), page(RunSummarySchema)),
  'runs.get': op(z.object({ run_id: Id }), RunViewSchema),
  'runs.timeline': op(z.object({ run_id: Id }), z.object({ events: z.array(EventRowSchema) })),
  'runs.jobs': op(
    z.object({
      run_id: Id,
      status: z.array(JobStatusSchema).optional(),
      model: z.string().optional(),
      error_category: ErrorCategorySchema.optional(),
      search: z.string().max(500).optional(),
      limit: z.number().int().min(1).max(1000).default(200),
      after_seq: z.number().int().min(-1).default(-1),
    }),
    /** `total`: every job of the run (not only the filtered ones); page on with `after_seq` = the last row's seq. */
    z.object({ data: z.array(JobRowSchema), has_more: z.boolean(), total: z.number() }),
  ),
  'runs.job': op(z.object({ run_id: Id, job_id: Id }), JobDetailSchema),
  'runs.compare': op(
    z.object({
      run_id: Id,
      limit: z.number().int().min(1).max(1000).default(200),
      offset: z.number().int().min(0).default(0),
      /** Only inputs where the models' answers (their fields, or their text without fields) differ. */
      disagreements_only: z.boolean().default(false),
    }),
    z.object({
      models: z.array(z.string()),
      fields: z.array(z.string()),
      /** `agree`: every model gave the same answer (every field the same, or the same text without fields). */
      rows: z.array(z.object({ input: z.string(), answers: z.record(z.string(), CompareAnswerSchema), agreement: z.record(z.string(), z.boolean()), agree: z.boolean() })),
      has_more: z.boolean(),
      /** Per model over the whole run: jobs, tokens and cost of their current results. */
      totals: z.array(z.object({ model: z.string(), jobs: z.number(), succeeded: z.number(), input_tokens: z.number(), output_tokens: z.number(), cost_usd: Usd })),
    }),
  ),
  'runs.cancel': op(z.object({ run_id: Id }), RunViewSchema),
  'runs.retry': op(z.object({ run_id: Id, model: z.string().optional() }), z.object({ jobs: z.number(), batches: z.number(), skipped_max_attempts: z.number() })),
  'runs.release': op(z.object({ run_id: Id }), RunViewSchema),
  'runs.schedule': op(z.object({ run_id: Id, at: z.number().int() }), RunViewSchema),
  /** Check the run's live batches now instead of at their next scheduled check. */
  'runs.check': op(z.object({ run_id: Id }), RunViewSchema),
  /** Electron: asks where to save, writes there, returns the path. Browser: returns a download URL. */
  'runs.export': op(ExportRequestSchema, z.object({ rows: z.number(), path: z.string().nullable(), url: z.string().nullable() })),
  /** Agreement between the run's models and with a gold column: the report the CLI, the UI and the CSV show. */
  'runs.agreement': op(AgreementRequestSchema, AgreementReportSchema),
  /** The same report as one tidy CSV table (one number per row). */
  'runs.agreementCsv': op(AgreementRequestSchema, z.object({ file_name: z.string(), csv: z.string() })),
  'runs.agreementUnits': op(AgreementUnitsRequestSchema, AgreementUnitsSchema),
  /** Write the run's methods bundle into a new folder (the UI downloads it as a zip through runs.export). */
  'runs.bundle': op(z.object({ run_id: Id, dir: z.string().min(1).max(4096) }), z.object({ dir: z.string(), files: z.array(z.string()) })),
  'runs.openFolder': op(z.object({ run_id: Id }), z.object({ path: z.string() })),
  /** A run's raw provider files (every batch, or one): what is kept, and how big. */
  'runs.rawFiles': op(z.object({ run_id: Id, provider_batch_id: Id.optional() }), z.object({ files: z.array(RawFileSchema) })),
  /** Electron: shows the batch's (or run's) folder in the file manager. Browser: a single-use URL of a zip of its raw files. */
  'runs.downloadRawFiles': op(z.object({ run_id: Id, provider_batch_id: Id.optional() }), z.object({ path: z.string().nullable(), url: z.string().nullable() })),
  'models.list': op(z.object({}).default({}), z.array(ModelConfigSchema.extend({ key_set: z.boolean() }))),
  /** Load a newer price table (JSON text, a local file, or an http(s) URL fetched on request): it replaces the snapshot. */
  'models.refresh': op(
    z
      .object({ table_json: z.string().max(20 * 1024 * 1024).optional(), path: z.string().max(4096).optional(), url: z.url({ protocol: /^https?$/ }).optional() })
      .refine((v) => [v.table_json, v.path, v.url].filter((x) => x !== undefined).length === 1, { message: 'give exactly one of table_json, path or url' }),
    PriceTableInfoSchema,
  ),
  'settings.get': op(z.object({}).default({}), SettingsSchema),
  'settings.update': op(SettingsUpdateSchema, SettingsSchema),
  'keys.status': op(z.object({}).default({}), z.array(KeyStatusSchema)),
  'keys.set': op(z.object({ provider: RealProviderSchema, key: z.string().min(8).max(500) }), KeyStatusSchema),
  'keys.delete': op(z.object({ provider: RealProviderSchema }), KeyStatusSchema),
  /**
   * The file types a run takes, by kind, each extension once: .csv/.tsv only as datasets (not again as text); a .jsonl
   * dataset whose lines are OpenAI batch requests is read as a requests file.
   */
  'files.types': op(z.object({}).default({}), z.array(z.object({ kind: z.enum(['pdf', 'image', 'text', 'dataset']), extensions: z.array(z.string()) }))),
  'files.describe': op(z.object({ paths: z.array(z.string().max(4096)).max(100_000) }), z.array(FileInfoSchema)),
  /** Electron: the native open dialog. Browser: not available (the UI uploads instead). */
  'files.pick': op(z.object({ folders: z.boolean().default(false) }).default({ folders: false }), z.object({ paths: z.array(z.string()) })),
} as const;

export type Operations = typeof operations;
export type OperationName = keyof Operations;
export type OperationInput<N extends OperationName> = z.input<Operations[N]['input']>;
export type OperationOutput<N extends OperationName> = z.output<Operations[N]['output']>;

export const EventSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('progress'), run_id: z.string(), counts: JobCountsSchema, cost_usd: z.number() }),
  z.object({ type: z.literal('status'), run_id: z.string(), provider_batch_id: z.string().nullable(), status: z.union([RunStatusSchema, BatchStatusSchema]), message: z.string() }),
  z.object({ type: z.literal('finished'), run_id: z.string(), status: RunStatusSchema, counts: JobCountsSchema }),
  z.object({ type: z.literal('warning'), run_id: z.string(), provider_batch_id: z.string().nullable(), code: z.string(), message: z.string() }),
]);
export type ContractEvent = z.infer<typeof EventSchema>;

/** Typed errors every transport returns for a failed call. */
export const ErrorCodeSchema = z.enum(['invalid_input', 'forbidden', 'not_found', 'unavailable', 'internal']);
export const ContractErrorSchema = z.object({ code: ErrorCodeSchema, message: z.string(), problems: z.array(z.string()).optional() });
export type ContractError = z.infer<typeof ContractErrorSchema>;

/** A failed call as the renderer sees it: an Error carrying the typed code and problems (both transports). */
export class ContractCallError extends Error {
  readonly code: ContractError['code'];
  readonly problems: string[];
  constructor(error: ContractError) {
    super(error.message);
    this.name = 'ContractCallError';
    this.code = error.code;
    this.problems = error.problems ?? [];
  }
}

/** What a transport carries back for one call: never a thrown error (IPC would lose its type). */
export type CallResult<T = unknown> = { ok: true; value: T } | { ok: false; error: ContractError };
export const CallResultSchema = z.union([z.object({ ok: z.literal(true), value: z.unknown() }), z.object({ ok: z.literal(false), error: ContractErrorSchema })]);

export const OPERATION_NAMES = Object.keys(operations) as OperationName[];

export function isOperationName(name: unknown): name is OperationName {
  return typeof name === 'string' && Object.hasOwn(operations, name);
}

/** Electron IPC: one fixed channel per operation, one for events. */
export const IPC_EVENT_CHANNEL = 'batchdesk:event';
export function ipcChannel(name: OperationName): string {
  return `batchdesk:call:${name}`;
}

/** HTTP: the status code of each error code (the body is `{ error: ContractError }`). */
export const HTTP_STATUS_BY_CODE: Record<ContractError['code'], number> = { invalid_input: 400, forbidden: 403, not_found: 404, unavailable: 409, internal: 500 };

/**
 * What the preload exposes as `window.batchdesk` (plain functions and data only, as contextBridge requires);
 * the renderer client (src/renderer/src/client) turns it into a BatchdeskApi.
 */
export interface BatchdeskBridge {
  call(name: OperationName, input: unknown): Promise<CallResult>;
  onEvent(listener: (event: ContractEvent) => void): () => void;
  pathForFile(file: File): string;
}

/** The renderer's view of the engine: the same in Electron (preload) and in the browser (HTTP + SSE). */
export type BatchdeskApi = {
  call<N extends OperationName>(name: N, input: OperationInput<N>): Promise<OperationOutput<N>>;
  subscribe(listener: (event: ContractEvent) => void): () => void;
  /** Electron only: the real path of a file dropped from the OS (webUtils.getPathForFile). */
  pathForFile?(file: File): string;
  /**
   * Browser only: send a dropped file's bytes to the local server, which stores it and returns its path. Files of one
   * drop share a `group` and keep their `relativePath` inside a dropped folder, so labels stay x/notes.txt, y/notes.txt.
   */
  uploadFile?(file: File, options?: { relativePath?: string; group?: string }): Promise<string>;
};
