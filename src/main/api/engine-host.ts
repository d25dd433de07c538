// One engine over one data folder: store, provider registry, monitor. Every face (library, CLI, desktop app,
// local server) opens it the same way.
import type { Clock } from '../core/clock.ts';
import { systemClock } from '../core/clock.ts';
import type { Price } from '../../shared/domain.ts';
import { createContext, settingsFromEnv, type EngineContext, type EngineSettings } from '../engine/context.ts';
import { Monitor } from '../engine/monitor.ts';
import { buildRegistry } from '../providers/index.ts';
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

export const SETTING_KEYS = { priceOverrides: 'price_overrides', baseUrls: 'base_urls' } as const;

export class EngineHost {
  readonly ctx: EngineContext;
  readonly monitor: Monitor;
  readonly keys: KeyResolver;
  readonly dataFolder: string;
  private closed = false;

  constructor(options: EngineHostOptions = {}) {
    const env = options.env ?? process.env;
    this.dataFolder = resolveDataFolder(options.home, env);
    const store = Store.open(this.dataFolder, options.nativeBinding ? { nativeBinding: options.nativeBinding } : {});
    const clock = options.clock ?? systemClock;
    this.keys = new KeyResolver(options.vault ?? null, env);
    const registry = buildRegistry({
      dataFolder: this.dataFolder,
      clock,
      keys: this.keys,
      baseUrls: store.settings.get<Partial<Record<RealProvider, string>>>(SETTING_KEYS.baseUrls) ?? {},
      env,
    });
    registry.setPriceOverrides(store.settings.get<Record<string, Price>>(SETTING_KEYS.priceOverrides) ?? {});
    this.ctx = createContext({ store, registry, clock, settings: { ...settingsFromEnv(env), ...options.settings } });
    this.monitor = new Monitor(this.ctx);
  }

  get store(): Store {
    return this.ctx.store;
  }

  /** Stop the monitor (remote batches keep running) and close the database cleanly. */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await this.monitor.stop();
    this.ctx.store.close();
  }
}
