// Loading a newer price table on request (offline by default: nothing is fetched unless the user asks): JSON text
// from the UI, a file from the CLI, or an http(s) URL. The table passes the same schema as the shipped snapshot,
// is kept in the store, and every face prices by it from then on.
import { readFile } from 'node:fs/promises';
import type { z } from 'zod';
import type { PriceTableInfoSchema } from '../../../shared/contract.ts';
import { InputError } from '../../core/errors.ts';
import { loadPriceTable, PriceTableError } from '../../providers/catalog/load.ts';
import { snapshotTable } from '../../providers/catalog/snapshot.ts';
import { SETTING_KEYS, type EngineHost, type LoadedPriceTable } from '../engine-host.ts';

type PriceTableInfo = z.output<typeof PriceTableInfoSchema>;

const FETCH_TIMEOUT_MS = 30_000;

async function textOf(source: { table_json?: string | undefined; path?: string | undefined; url?: string | undefined }): Promise<{ text: string; origin: string }> {
  if (source.table_json !== undefined) return { text: source.table_json, origin: 'uploaded table' };
  if (source.path !== undefined) {
    const text = await readFile(source.path, 'utf8').catch(() => {
      throw new InputError(`cannot read price table ${source.path}: no such file`);
    });
    return { text, origin: source.path };
  }
  const response = await fetch(source.url!, { signal: AbortSignal.timeout(FETCH_TIMEOUT_MS) }).catch((error: Error) => {
    throw new InputError(`cannot fetch the price table at ${source.url}: ${error.message}`);
  });
  if (!response.ok) throw new InputError(`cannot fetch the price table at ${source.url}: HTTP ${response.status}`);
  return { text: await response.text(), origin: source.url! };
}

export async function refreshPriceTable(host: EngineHost, source: Parameters<typeof textOf>[0]): Promise<PriceTableInfo> {
  const { text, origin } = await textOf(source);
  let table;
  try {
    table = loadPriceTable(text, origin);
  } catch (error) {
    if (error instanceof PriceTableError) throw new InputError(error.message);
    throw error;
  }
  const loaded: LoadedPriceTable = { table, origin, loaded_at: host.ctx.clock.now() };
  host.store.settings.set(SETTING_KEYS.priceTable, loaded);
  host.refreshProviders();
  host.monitor.poke();
  return { models: table.models.length, checked_on: table.checked_on, origin, loaded_at: loaded.loaded_at };
}

/** The table in use now. */
export function priceTableInfo(host: EngineHost): PriceTableInfo {
  const loaded = host.store.settings.get<LoadedPriceTable>(SETTING_KEYS.priceTable);
  if (loaded) {
    const table = loaded.table as { models: unknown[]; checked_on: string };
    return { models: table.models.length, checked_on: table.checked_on, origin: loaded.origin, loaded_at: loaded.loaded_at };
  }
  const snapshot = snapshotTable();
  return { models: snapshot.models.length, checked_on: snapshot.checked_on, origin: 'the snapshot shipped with Batchdesk', loaded_at: null };
}
