// Domain vocabulary shared by every layer (DESIGN.md §2). Pure zod + TS: no node, electron or DOM imports.
import { z } from 'zod';

export const PROVIDER_NAMES = ['openai', 'anthropic', 'gemini', 'demo'] as const;
export const ProviderNameSchema = z.enum(PROVIDER_NAMES);
export type ProviderName = z.infer<typeof ProviderNameSchema>;
/** The providers that need a key (every one but the demo). */
export const REAL_PROVIDER_NAMES = ['openai', 'anthropic', 'gemini'] as const;
export const RealProviderSchema = z.enum(REAL_PROVIDER_NAMES);
export type RealProvider = z.infer<typeof RealProviderSchema>;

/** Whether a provider has a key and where it comes from; never the key. */
export const KeyStatusSchema = z.object({
  provider: RealProviderSchema,
  set: z.boolean(),
  source: z.enum(['environment', 'keychain']).nullable(),
  /** Which environment variable holds it, when it comes from the environment. */
  env_var: z.string().nullable(),
  /** The environment variables that would provide it, first wins. */
  env_vars: z.array(z.string()),
});
export type KeyStatus = z.output<typeof KeyStatusSchema>;

/** One job's state. `pending` = not yet in a live provider batch. */
export const JOB_STATUSES = ['pending', 'running', 'succeeded', 'failed', 'expired', 'cancelled'] as const;
export const JobStatusSchema = z.enum(JOB_STATUSES);
export type JobStatus = z.infer<typeof JobStatusSchema>;
export const TERMINAL_JOB_STATUSES: readonly JobStatus[] = ['succeeded', 'failed', 'expired', 'cancelled'];

/** One provider batch's state: the providers' own statuses mapped to one enum, plus our local `planned`/`submitting`. */
export const BATCH_STATUSES = [
  'planned',
  'submitting',
  'validating',
  'in_progress',
  'finalizing',
  'completed',
  'failed',
  'expired',
  'cancelling',
  'cancelled',
] as const;
export const BatchStatusSchema = z.enum(BATCH_STATUSES);
export type BatchStatus = z.infer<typeof BatchStatusSchema>;
export const TERMINAL_BATCH_STATUSES: readonly BatchStatus[] = ['completed', 'failed', 'expired', 'cancelled'];
export const LIVE_BATCH_STATUSES: readonly BatchStatus[] = [
  'submitting',
  'validating',
  'in_progress',
  'finalizing',
  'cancelling',
];

export const RUN_STATUSES = [
  'scheduled',
  'running',
  'awaiting_release',
  'cancelling',
  'completed',
  'cancelled',
] as const;
export const RunStatusSchema = z.enum(RUN_STATUSES);
export type RunStatus = z.infer<typeof RunStatusSchema>;

export const ERROR_CATEGORIES = [
  'rate_limit',
  'invalid_request',
  'authentication',
  'server',
  'expired',
  'cancelled',
  'content_filter',
  'schema_violation',
  'cost_limit',
  'time_limit',
  'other',
] as const;
export const ErrorCategorySchema = z.enum(ERROR_CATEGORIES);
export type ErrorCategory = z.infer<typeof ErrorCategorySchema>;

export const MessageSchema = z.object({
  role: z.enum(['system', 'user', 'assistant']),
  content: z.string(),
});
export type Message = z.infer<typeof MessageSchema>;

export const ENDPOINTS = ['chat', 'responses', 'embeddings'] as const;
export const EndpointSchema = z.enum(ENDPOINTS);
export type Endpoint = z.infer<typeof EndpointSchema>;

export const JobParamsSchema = z
  .object({
    temperature: z.number().min(0).max(2),
    max_tokens: z.number().int().positive(),
    top_p: z.number().min(0).max(1),
  })
  .partial();
export type JobParams = z.infer<typeof JobParamsSchema>;

/**
 * A file given as input: its bytes are read (and encoded by the provider) only when the request is written. The
 * input check (src/main/inputs/inspect) fills in what it read from the content, so estimates and requests use the
 * same facts: the media type by magic bytes, the text encoding, PDF pages and text, image dimensions.
 */
export const AttachmentSchema = z.object({
  path: z.string(),
  name: z.string(),
  media_type: z.string(),
  size: z.number().int().nonnegative(),
  sha256: z.string(),
  /** Text files: the encoding the bytes are decoded with (e.g. "utf-8", "utf-16le", "windows-1252"). */
  encoding: z.string().optional(),
  /** Text files: characters after decoding. PDFs: characters of extractable text over all pages. */
  text_chars: z.number().int().nonnegative().optional(),
  /** PDFs: number of pages. */
  pages: z.number().int().positive().optional(),
  /** PDFs: size of the first page in points (1/72 inch); images: pixels. */
  width: z.number().positive().optional(),
  height: z.number().positive().optional(),
});
export type Attachment = z.infer<typeof AttachmentSchema>;

/** Where an embeddings job's text comes from: a file, and the span of its decoded text (UTF-16 code units). */
export const ChunkSchema = z.object({
  /** The file's path as given (after the path policy). */
  source: z.string(),
  /** 0-based position among the file's chunks. */
  index: z.number().int().nonnegative(),
  start: z.number().int().nonnegative(),
  end: z.number().int().nonnegative(),
});
export type Chunk = z.infer<typeof ChunkSchema>;

export const JsonSchemaSchema = z.record(z.string(), z.unknown());
export type JsonSchema = z.infer<typeof JsonSchemaSchema>;

/** A job as stored: everything a provider needs to build its request line. */
export const JobSpecSchema = z.object({
  id: z.string().min(1),
  label: z.string(),
  model: z.string(),
  endpoint: EndpointSchema.default('chat'),
  system: z.string().optional(),
  messages: z.array(MessageSchema).optional(),
  file: AttachmentSchema.optional(),
  prompt: z.string().optional(),
  params: JobParamsSchema.default({}),
  schema: JsonSchemaSchema.optional(),
  citations: z.boolean().optional(),
  /** Embeddings input (endpoint = embeddings). */
  input: z.union([z.string(), z.array(z.string())]).optional(),
  /**
   * Dataset runs: the row's columns that the template does not show the model (a gold label, metadata), kept so
   * answers can be compared with them later (`batchdesk agreement --gold COLUMN`). Never sent.
   */
  row: z.record(z.string(), z.unknown()).optional(),
  /**
   * A request line recorded earlier (a methods bundle): sent exactly as it is, with only the field that holds its
   * custom id (`custom_id_field`) set to the new one. The rest of the spec still drives checks and estimates.
   */
  request_line: z.object({ line: z.record(z.string(), z.unknown()), custom_id_field: z.string().min(1) }).optional(),
  /** Embeddings: the vector length asked for (models that can shorten their vectors); absent = the model's own. */
  dimensions: z.number().int().positive().optional(),
  /** Embeddings of a file: the file this text was cut from and where (characters of the decoded text, end exclusive). */
  chunk: ChunkSchema.optional(),
});
export type JobSpec = z.infer<typeof JobSpecSchema>;

export const CitationSchema = z.object({
  cited_text: z.string(),
  source: z.string().optional(),
  location: z.record(z.string(), z.unknown()).optional(),
});
export type Citation = z.infer<typeof CitationSchema>;

export interface Usage {
  /** Every prompt token, cached or not. */
  input_tokens: number;
  output_tokens: number;
  /** Prompt tokens read from a cache (part of input_tokens). */
  cached_input_tokens: number;
  /** Prompt tokens written to a cache (part of input_tokens), where the provider bills writes apart. */
  cache_write_input_tokens?: number;
}

/** What one job produced (seed 004's JobResult). */
export interface JobResult {
  job_id: string;
  label: string;
  model: string;
  provider: ProviderName;
  status: JobStatus;
  text: string | null;
  parsed: unknown;
  citations: Citation[];
  schema_errors: string[];
  embedding?: ArrayLike<number> | null;
  input_tokens: number;
  output_tokens: number;
  cached_input_tokens: number;
  cost_usd: number | null;
  error: string | null;
  error_category: ErrorCategory | null;
  simulated: boolean;
}

const usdPerMtok = z.number().nonnegative();
const isoDay = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'a date as YYYY-MM-DD');

/** The rates of one band: USD per 1M tokens at list (synchronous) prices. */
export const RatesSchema = z.object({
  input_usd_per_mtok: usdPerMtok,
  /** Cache reads (OpenAI "cached input", Anthropic "cache hits", Gemini context-cache reads). */
  cached_input_usd_per_mtok: usdPerMtok.optional(),
  /** Cache writes (Anthropic 5-minute writes: 1.25× input; absent = billed as input). */
  cache_write_usd_per_mtok: usdPerMtok.optional(),
  output_usd_per_mtok: usdPerMtok,
});
export type Rates = z.infer<typeof RatesSchema>;

/** A long-prompt band: when a request's prompt is above the threshold, the whole request is billed at these rates. */
export const PriceTierSchema = RatesSchema.extend({ above_prompt_tokens: z.number().int().positive() });
export type PriceTier = z.infer<typeof PriceTierSchema>;

/** A dated price change: from that day (UTC) on, these rates (and tiers) replace the ones before. */
export const PriceChangeSchema = RatesSchema.extend({
  effective_from: isoDay,
  tiers: z.array(PriceTierSchema).optional(),
  source: z.string().optional(),
});
export type PriceChange = z.infer<typeof PriceChangeSchema>;

/**
 * A model's price: base rates (list, per 1M tokens), optional long-prompt tiers, optional dated changes, and the
 * batch discount (the batch overlay: batch price = list × (1 − batch_discount)).
 */
export const PriceSchema = RatesSchema.extend({
  tiers: z.array(PriceTierSchema).optional(),
  changes: z.array(PriceChangeSchema).optional(),
  batch_discount: z.number().min(0).max(1),
  as_of: z.string(),
  source: z.string(),
});
export type Price = z.infer<typeof PriceSchema>;

export const INPUT_KINDS = ['text', 'pdf', 'image'] as const;
export type InputKind = (typeof INPUT_KINDS)[number];

/** current → legacy (superseded, still served) → deprecated (shutdown announced) → retired (past shutdown). */
export const LIFECYCLE_STATUSES = ['current', 'legacy', 'deprecated'] as const;
export const LifecycleSchema = z.object({
  status: z.enum(LIFECYCLE_STATUSES),
  /** The provider's shutdown date (UTC): from the start of this day the model no longer answers. */
  shutdown_on: isoDay.optional(),
  /** The model the provider recommends instead (a catalog id or the provider's own name). */
  replacement: z.string().optional(),
  source: z.string(),
  checked_on: isoDay,
});
export type Lifecycle = z.infer<typeof LifecycleSchema>;

/**
 * Output tokens of a typical answer on this model, reasoning included (thinking models bill reasoning as output).
 * The ceiling is the job's max_tokens (or the model's max output).
 */
export const OutputExpectationSchema = z.object({
  typical_tokens: z.number().int().nonnegative(),
  /** Part of typical_tokens that is reasoning (for display). */
  reasoning_tokens: z.number().int().nonnegative().default(0),
  source: z.string(),
});
export type OutputExpectation = z.infer<typeof OutputExpectationSchema>;

/** An embedding model's vectors: their default length and, where the API can shorten them, the range it takes. */
export const EmbeddingFactsSchema = z.object({
  dimensions: z.number().int().positive(),
  /** Present when the model takes a `dimensions` (OpenAI) / `outputDimensionality` (Gemini) parameter. */
  min_dimensions: z.number().int().positive().optional(),
  source: z.string(),
  checked_on: isoDay,
});
export type EmbeddingFacts = z.infer<typeof EmbeddingFactsSchema>;

export const ModelConfigSchema = z.object({
  id: z.string(),
  provider: ProviderNameSchema,
  name: z.string(),
  context_tokens: z.number().int().positive(),
  max_output_tokens: z.number().int().positive(),
  inputs: z.array(z.enum(INPUT_KINDS)),
  endpoints: z.array(EndpointSchema),
  structured_output: z.boolean(),
  citations: z.boolean(),
  /** null = not in the catalog and no price override: cost unknown. */
  price: PriceSchema.nullable(),
  simulated: z.boolean().default(false),
  in_catalog: z.boolean().default(true),
  /** Whether the provider's batch API serves the model (catalog entries always say; absent = assumed). */
  batch: z.boolean().optional(),
  lifecycle: LifecycleSchema.optional(),
  expected_output: OutputExpectationSchema.optional(),
  /** Embedding models: the vectors they return. */
  embedding: EmbeddingFactsSchema.optional(),
  /**
   * Most input tokens an organisation may have enqueued in batches for this model (OpenAI's "Batch queue limit" at
   * usage Tier 1, from the model's page in `source`); absent = none known. Settings and --max-enqueued-tokens override it.
   */
  batch_queue_tokens: z.number().int().positive().optional(),
  /** max_tokens Batchdesk sends when a job sets none (Anthropic requires one); absent = the model's max output. */
  default_max_tokens: z.number().int().positive().optional(),
  /** Where the entry's limits were read, and when. */
  source: z.string().optional(),
  checked_on: isoDay.optional(),
});
export type ModelConfig = z.infer<typeof ModelConfigSchema>;

export const JobCountsSchema = z.object({
  total: z.number(),
  pending: z.number(),
  running: z.number(),
  succeeded: z.number(),
  failed: z.number(),
  expired: z.number(),
  cancelled: z.number(),
});
export type JobCounts = z.output<typeof JobCountsSchema>;
