// The price table's schema: the shipped snapshot and any newer table a user loads are checked by the same zod
// schema, so an entry without a source, a checked-on date or a lifecycle never reaches the registry.
import { z } from 'zod';
import { LifecycleSchema, ModelConfigSchema, OutputExpectationSchema, PriceSchema } from '../../../shared/domain.ts';

const isoDay = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'a date as YYYY-MM-DD');

/**
 * One model of the catalog. `price: null` = listed but its price could not be verified: its cost shows as unknown
 * (and a cost limit refuses it) rather than showing a guess.
 */
export const CatalogEntrySchema = ModelConfigSchema.extend({
  price: PriceSchema.nullable(),
  batch: z.boolean(),
  lifecycle: LifecycleSchema,
  expected_output: OutputExpectationSchema,
  source: z.string().url(),
  checked_on: isoDay,
}).refine((m) => m.id.startsWith(`${m.provider}/`), { message: 'id must be provider/model', path: ['id'] });
export type CatalogEntry = z.infer<typeof CatalogEntrySchema>;

export const CatalogTableSchema = z
  .object({
    /** Bumped when the table's shape changes; a loader refuses a table from a newer Batchdesk. */
    schema_version: z.literal(1),
    /** The day the whole table was last checked against the providers' pages. */
    checked_on: isoDay,
    models: z.array(CatalogEntrySchema).min(1),
  })
  .superRefine((table, ctx) => {
    const seen = new Set<string>();
    table.models.forEach((m, i) => {
      if (seen.has(m.id)) ctx.addIssue({ code: 'custom', message: `duplicate model id ${m.id}`, path: ['models', i, 'id'] });
      seen.add(m.id);
    });
  });
export type CatalogTable = z.infer<typeof CatalogTableSchema>;
export type CatalogTableInput = z.input<typeof CatalogTableSchema>;
export type CatalogEntryInput = z.input<typeof CatalogEntrySchema>;
