// Loading a newer price table (batchdesk models --refresh FILE|URL, Settings "Update prices"): the caller reads the
// file or downloads the URL; this pure function checks the text against the snapshot's schema and says exactly
// what is wrong, naming the origin and the path of the first problems.
import { CatalogTableSchema, type CatalogTable } from './schema.ts';
import type { ModelConfig, ProviderName } from '../../../shared/domain.ts';

export class PriceTableError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'PriceTableError';
  }
}

/** Parse and validate a price table; `origin` (a path or URL) is named in every error. */
export function loadPriceTable(text: string, origin: string): CatalogTable {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new PriceTableError(`${origin}: not JSON (${(error as Error).message}); expected a Batchdesk price table`);
  }
  const version = (json as { schema_version?: unknown } | null)?.schema_version;
  if (typeof version === 'number' && version > 1) {
    throw new PriceTableError(`${origin}: price table schema_version ${version} is newer than this Batchdesk understands (1): update Batchdesk`);
  }
  const result = CatalogTableSchema.safeParse(json);
  if (!result.success) {
    const problems = result.error.issues.slice(0, 5).map((issue) => `${issue.path.join('.') || '(table)'}: ${issue.message}`);
    const more = result.error.issues.length > 5 ? ` (and ${result.error.issues.length - 5} more)` : '';
    throw new PriceTableError(`${origin}: not a valid price table: ${problems.join('; ')}${more}`);
  }
  return result.data;
}

/** The models of one provider in a table, as the registry serves them. */
export function tableModels(table: CatalogTable, provider: ProviderName): ModelConfig[] {
  return table.models.filter((m) => m.provider === provider).map((m) => ({ ...m, simulated: false, in_catalog: true }));
}

/** Serve a loaded table's models from now on (each real provider's list is replaced; providers and keys stay). */
export function applyPriceTable(registry: { replaceModels(name: ProviderName, models: ModelConfig[]): void }, table: CatalogTable): void {
  for (const provider of ['openai', 'anthropic', 'gemini'] as const) registry.replaceModels(provider, tableModels(table, provider));
}
