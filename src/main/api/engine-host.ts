// One engine over one data folder: store, provider registry, monitor. Every face (library, CLI, desktop app,
// local server) opens it the same way.
import type { Clock } from '../core/clock.ts';
import { systemClock } from '../core/clock.ts';
import type { Price } from '../../shared/domain.ts';
import { createContext, settingsFromEnv, type EngineContext, type EngineSettings } from '../engine/context.ts';
import { Monitor } from '../engine/monitor.ts';
import { buildRegistry } from '../providers/index.ts';
import { loadTokenizer } from '../providers/openai/tokens.ts';
import { applyPriceTable, loadPriceTable } from '../providers/catalog/load.ts';
import { KeyResolver, type SecretVault } from '../secrets/keys.ts';
import type { RealProvider } from '../secrets/env-keys.ts';
import { resolveDataFolder } from '../store/data-folder.ts';
import { Store } from '../store/store.ts';

export interface EngineHostOptions {
  home?: string;
  clock?: Clock;
  env?: NodeJS.ProcessEnv;
  /** The OS keychain (or a fake). Without one, keys come from environment variables only. */
  vault?: SecretVault | null;
  settings?: Partial<EngineSettings>;
  nativeBinding?: string;
}

export const SETTING_KEYS = { priceOverrides: 'price_overrides', baseUrls: 'base_urls', priceTable: 'price_table' } as const;

/** A newer price table the user loaded (models --refresh, Settings "Update prices"): served instead of the snapshot. */
export interface LoadedPriceTable {
  table: unknown;
  origin: string;
  loaded_at: number;
}

export class EngineHost {
  readonly ctx: EngineContext;
  readonly monitor: Monitor;
  readonly keys: KeyResolver;
  readonly vault: SecretVault | null;
  readonly env: NodeJS.ProcessEnv;
  readonly dataFolder: string;
  private readonly clock: Clock;
  private closed = false;

  constructor(options: EngineHostOptions = {}) {
    const env = options.env ?? process.env;
    this.env = env;
    this.dataFolder = resolveDataFolder(options.home, env);
    const store = Store.open(this.dataFolder, options.nativeBinding ? { nativeBinding: options.nativeBinding } : {});
    const clock = options.clock ?? systemClock;
    this.clock = clock;
    this.vault = options.vault ?? null;
    this.keys = new KeyResolver(this.vault, env);
    this.ctx = createContext({ store, registry: this.buildRegistry(store), clock, settings: { ...settingsFromEnv(env), ...options.settings } });
    this.monitor = new Monitor(this.ctx);
  }

  private buildRegistry(store: Store) {
    const registry = buildRegistry({
      dataFolder: this.dataFolder,
      clock: this.clock,
      keys: this.keys,
      baseUrls: store.settings.get<Partial<Record<RealProvider, string>>>(SETTING_KEYS.baseUrls) ?? {},
      env: this.env,
    });
    const loaded = store.settings.get<LoadedPriceTable>(SETTING_KEYS.priceTable);
    // Checked again on every start: a table stored by an older Batchdesk that no longer passes is not served.
    if (loaded) applyPriceTable(registry, loadPriceTable(JSON.stringify(loaded.table), loaded.origin));
    registry.setPriceOverrides(store.settings.get<Record<string, Price>>(SETTING_KEYS.priceOverrides) ?? {});
    return registry;
  }

  /** Rebuild the providers after a key, base URL or price changed (the next call uses the new ones). */
  refreshProviders(): void {
    this.ctx.registry = this.buildRegistry(this.ctx.store);
  }

  get store(): Store {
    return this.ctx.store;
  }

  /**
   * For the interactive faces (the app, `serve`): load the estimate's tokenizer and the providers' SDKs now, while
   * nobody waits. Loading them holds the event loop for about half a second; on the first estimate that would stall
   * every other request.
   */
  async warmUp(): Promise<void> {
    await loadTokenizer();
    // Each provider's SDK is imported on first use too (tens of ms each).
    for (const name of ['openai', 'anthropic', 'gemini'] as const) await this.ctx.registry.provider(name).catch(() => undefined);
  }

  /** Stop the monitor (remote batches keep running) and close the database cleanly. */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await this.monitor.stop();
    this.ctx.store.close();
  }
}
