// What a run is made from, as every face gives it (CLI flags, the New run screen, the library API, the gateway).
import { z } from 'zod';
import { JobParamsSchema, JsonSchemaSchema } from './domain.ts';

/** A job given directly (library API, gateway): a conversation, a file with a prompt, or an embeddings input. */
export const JobDraftSchema = z.object({
  id: z.string().min(1).max(200),
  label: z.string().max(4096).optional(),
  model: z.string().min(1),
  endpoint: z.enum(['chat', 'responses', 'embeddings']).default('chat'),
  system: z.string().optional(),
  messages: z.array(z.object({ role: z.enum(['system', 'user', 'assistant']), content: z.string() })).optional(),
  /** A local path: the file passes the same input check as any other. */
  file: z.string().optional(),
  prompt: z.string().optional(),
  input: z.union([z.string(), z.array(z.string())]).optional(),
  params: JobParamsSchema.default({}),
  schema: JsonSchemaSchema.optional(),
  citations: z.boolean().optional(),
  /** Embeddings: the vector length asked for (where the model can shorten its vectors). */
  dimensions: z.number().int().positive().optional(),
});
export type JobDraft = z.input<typeof JobDraftSchema>;

export const RunInputsSchema = z.object({
  /** Files or folders (folders are walked). */
  files: z.array(z.string()).default([]),
  /** A CSV, TSV or JSONL dataset: one job per row through `template`. */
  dataset: z.string().optional(),
  template: z.string().optional(),
  /** The dataset column that names each row (default: a column named `id`, else the row number). */
  id_column: z.string().optional(),
  /** An OpenAI-format batch input file. */
  requests: z.string().optional(),
  /** Jobs given one by one (library API, gateway). */
  jobs: z.array(JobDraftSchema).optional(),
  /** A methods bundle's folder (`batchdesk bundle`): its recorded request lines are sent again, as they were. */
  bundle: z.string().optional(),
  models: z.array(z.string()).default([]),
  prompt: z.string().optional(),
  /** Read the prompt from this file (decoded like any text input). */
  prompt_file: z.string().optional(),
  system: z.string().optional(),
  params: JobParamsSchema.default({}),
  schema: JsonSchemaSchema.optional(),
  /** Read the JSON Schema from this file. */
  schema_file: z.string().optional(),
  citations: z.boolean().optional(),
  /** Text encoding of the text inputs (files, dataset, prompt file), instead of detecting it. */
  encoding: z.string().max(40).optional(),
  /** `embeddings`: one vector per file chunk, dataset row (`embed_column`) or request; default: chat jobs. */
  endpoint: z.enum(['chat', 'embeddings']).optional(),
  /** Embeddings of a dataset: the column whose text is embedded (instead of a template). */
  embed_column: z.string().min(1).optional(),
  /** Embeddings of files: most tokens per chunk (default and ceiling: the model's input limit). */
  chunk_tokens: z.number().int().positive().optional(),
  /** Embeddings of files: tokens each chunk repeats from the end of the one before (default 0). */
  chunk_overlap: z.number().int().nonnegative().optional(),
  /** Embeddings: the vector length asked for, where the model can shorten its vectors (OpenAI text-embedding-3, Gemini). */
  dimensions: z.number().int().positive().optional(),
});
export type RunInputs = z.input<typeof RunInputsSchema>;
export type ParsedRunInputs = z.output<typeof RunInputsSchema>;
