// A methods bundle (issue 18): everything needed to report how a run was made and to send its requests again.
// `batchdesk bundle RUN -o DIR` (and the UI's zip) write it; `batchdesk run --from-bundle DIR` reads it back, so
// the manifest is parsed with these schemas at that trust boundary. docs/methods.md shows one.
import { z } from 'zod';
import { JobParamsSchema, JobSpecSchema, JsonSchemaSchema, PriceSchema, ProviderNameSchema } from './domain.ts';

export const BUNDLE_VERSION = 1;
export const BUNDLE_FILES = { manifest: 'manifest.json', jobs: 'jobs.jsonl', requests: 'requests', methods: 'methods.md', prompt: 'prompt.txt', system: 'system.txt', template: 'template.txt', schema: 'schema.json' } as const;

/** A file the run was made from: where it was, its SHA-256 and size when the run was created. */
export const FileRefSchema = z.object({ path: z.string(), sha256: z.string().regex(/^[0-9a-f]{64}$/), bytes: z.number().int().nonnegative() });
export type FileRef = z.infer<typeof FileRefSchema>;

/** What a run was made from, as the face gave it (kept on the run when it is created: the jobs hold only rendered prompts). */
export const RunRecipeSchema = z.object({
  source: z.enum(['files', 'dataset', 'requests', 'jobs', 'bundle']),
  models: z.array(z.string()),
  prompt: z.string().optional(),
  prompt_file: FileRefSchema.optional(),
  system: z.string().optional(),
  template: z.string().optional(),
  dataset: FileRefSchema.optional(),
  id_column: z.string().optional(),
  requests: FileRefSchema.optional(),
  schema_file: FileRefSchema.optional(),
  params: JobParamsSchema,
  citations: z.boolean().optional(),
  encoding: z.string().optional(),
  /** A run made with --from-bundle: the bundle's folder and the run it recorded. */
  bundle: z.object({ path: z.string(), run_id: z.string() }).optional(),
});
export type RunRecipe = z.infer<typeof RunRecipeSchema>;

const Iso = z.string();
const Usd = z.number().nullable();

export const BundleBatchSchema = z.object({
  id: z.string(),
  provider: ProviderNameSchema,
  model: z.string(),
  endpoint: z.string(),
  status: z.string(),
  is_pilot: z.boolean(),
  /** The provider's own batch id (null: never submitted). */
  remote_id: z.string().nullable(),
  request_count: z.number().int(),
  created_at: Iso,
  submitted_at: Iso.nullable(),
  finished_at: Iso.nullable(),
  /** When Batchdesk had the batch's results stored. */
  ingested_at: Iso.nullable(),
  estimated_usd: Usd,
  actual_usd: Usd,
  /** requests/<id>.jsonl: the provider input file as written (and sent, when remote_id is set). */
  requests_file: z.string().nullable(),
  requests_sha256: z.string().nullable(),
  /** The parameters one request of this batch sent, message content and schema left out (schema.json has it). */
  parameters: z.record(z.string(), z.unknown()).nullable(),
});

export const BundleModelSchema = z.object({
  id: z.string(),
  provider: ProviderNameSchema,
  jobs: z.number().int(),
  /** Model ids the provider's result lines name (dated snapshots where the provider reports one). */
  returned: z.array(z.string()),
  price: PriceSchema.nullable(),
  simulated: z.boolean(),
});

export const BundleManifestSchema = z.object({
  bundle_version: z.literal(BUNDLE_VERSION),
  created_at: Iso,
  software: z.object({ batchdesk: z.string(), node: z.string(), platform: z.string(), sdks: z.record(z.string(), z.string().nullable()) }),
  run: z.object({
    id: z.string(),
    name: z.string(),
    status: z.string(),
    source: z.string(),
    simulated: z.boolean(),
    created_at: Iso,
    finished_at: Iso.nullable(),
    scheduled_at: Iso.nullable(),
    cost_limit_usd: Usd,
    deadline_at: Iso.nullable(),
    items_per_batch: z.number().int().nullable(),
    max_concurrent: z.number().int().nullable(),
    pilot: z.number().int().nullable(),
    /** null for runs made before recipes were kept. */
    recipe: RunRecipeSchema.nullable(),
  }),
  /** Every parameter of each job: what the user gave, what Batchdesk filled in, what was left to the provider. */
  parameters: z.array(z.object({ model: z.string(), name: z.string(), value: z.unknown(), origin: z.enum(['given', 'batchdesk default', 'not sent']), note: z.string().nullable() })),
  models: z.array(BundleModelSchema),
  price_table: z.object({ checked_on: z.string(), schema_version: z.number().int(), note: z.string() }),
  provider_batches: z.array(BundleBatchSchema),
  cost: z.object({ estimated_usd: Usd, actual_usd: z.number(), simulated: z.boolean(), per_model: z.array(z.object({ model: z.string(), estimated_usd: Usd, actual_usd: z.number(), input_tokens: z.number(), output_tokens: z.number() })) }),
  jobs: z.object({ total: z.number().int(), by_status: z.record(z.string(), z.number().int()) }),
  /** Every distinct input: files by their SHA-256 at inspection, rows and messages by the SHA-256 of their text. */
  inputs: z.array(z.object({ label: z.string(), kind: z.enum(['file', 'text']), sha256: z.string(), bytes: z.number().int().nullable(), media_type: z.string().nullable() })),
  schemas: z.array(JsonSchemaSchema),
  /** Every other file of the bundle with its SHA-256. */
  files: z.record(z.string(), z.string()),
});
export type BundleManifest = z.infer<typeof BundleManifestSchema>;

/** One line of jobs.jsonl: a job as it was stored, and where its request line is. */
export const BundleJobSchema = z.object({
  seq: z.number().int().nonnegative(),
  job_id: z.string(),
  label: z.string(),
  model: z.string(),
  status: z.string(),
  provider_batch_id: z.string().nullable(),
  custom_id: z.string().nullable(),
  request_sha256: z.string().nullable(),
  input_sha256: z.string(),
  returned_model: z.string().nullable(),
  spec: JobSpecSchema,
});
export type BundleJob = z.infer<typeof BundleJobSchema>;

/**
 * The top-level field of a provider request line that holds one of `wanted` custom ids (custom_id for OpenAI,
 * Anthropic and the demo, key for Gemini), found by value so no wire format is needed here.
 */
export function customIdIn(line: Record<string, unknown>, wanted: ReadonlySet<string>): string | undefined {
  return Object.keys(line).find((key) => typeof line[key] === 'string' && wanted.has(line[key]));
}
