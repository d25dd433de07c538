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
});
export type JobSpec = z.infer<typeof JobSpecSchema>;

export const CitationSchema = z.object({
  cited_text: z.string(),
  source: z.string().optional(),
  location: z.record(z.string(), z.unknown()).optional(),
});
export type Citation = z.infer<typeof CitationSchema>;

export interface Usage {
  input_tokens: number;
  output_tokens: number;
  cached_input_tokens: number;
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
  embedding?: number[] | null;
  input_tokens: number;
  output_tokens: number;
  cached_input_tokens: number;
  cost_usd: number | null;
  error: string | null;
  error_category: ErrorCategory | null;
  simulated: boolean;
}

export const PriceSchema = z.object({
  input_usd_per_mtok: z.number().nonnegative(),
  cached_input_usd_per_mtok: z.number().nonnegative().optional(),
  output_usd_per_mtok: z.number().nonnegative(),
  batch_discount: z.number().min(0).max(1),
  as_of: z.string(),
  source: z.string(),
});
export type Price = z.infer<typeof PriceSchema>;

export const INPUT_KINDS = ['text', 'pdf', 'image'] as const;
export type InputKind = (typeof INPUT_KINDS)[number];

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
