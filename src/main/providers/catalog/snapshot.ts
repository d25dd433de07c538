// The catalog snapshot that ships with Batchdesk: the three providers' tables, checked against the schema once
// when first read (a malformed shipped table is a bug that must fail loudly, not a silently empty model list).
import { ANTHROPIC_CATALOG } from './anthropic.ts';
import { GEMINI_CATALOG } from './gemini.ts';
import { OPENAI_CATALOG } from './openai.ts';
import { CatalogTableSchema, type CatalogTable, type CatalogTableInput } from './schema.ts';

export const SNAPSHOT_CHECKED_ON = '2026-12-01';

export const SNAPSHOT_INPUT: CatalogTableInput = {
  schema_version: 1,
  checked_on: SNAPSHOT_CHECKED_ON,
  models: [...OPENAI_CATALOG, ...ANTHROPIC_CATALOG, ...GEMINI_CATALOG],
};

let parsed: CatalogTable | undefined;

export function snapshotTable(): CatalogTable {
  parsed ??= CatalogTableSchema.parse(SNAPSHOT_INPUT);
  return parsed;
}
