// What a run is made from, as every face gives it (CLI flags, the New run screen, the library API).
import { z } from 'zod';
import { JobParamsSchema, JsonSchemaSchema } from './domain.ts';

export const RunInputsSchema = z.object({
  /** Files or folders (folders are walked). */
  files: z.array(z.string()).default([]),
  /** A CSV or JSONL dataset: one job per row through `template`. */
  dataset: z.string().optional(),
  template: z.string().optional(),
  /** An OpenAI-format batch input file. */
  requests: z.string().optional(),
  models: z.array(z.string()).default([]),
  prompt: z.string().optional(),
  system: z.string().optional(),
  params: JobParamsSchema.default({}),
  schema: JsonSchemaSchema.optional(),
  citations: z.boolean().optional(),
});
export type RunInputs = z.input<typeof RunInputsSchema>;
export type ParsedRunInputs = z.output<typeof RunInputsSchema>;
