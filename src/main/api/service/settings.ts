// settings.get / settings.update: base URLs, poll interval, price overrides and notifications, kept in the
// settings table (never keys). Changes apply at once: providers are rebuilt, the monitor's interval follows.
// Base-URL changes are guarded and logged (base-url-changes.ts).
import type { z } from 'zod';
import type { SettingsSchema } from '../../../shared/contract.ts';
import { InputError } from '../../core/errors.ts';
import { settingsFromEnv } from '../../engine/context.ts';
import { MAX_ENQUEUED_TOKENS_SETTING } from '../../engine/queue-limits.ts';
import { SETTING_KEYS, type EngineHost } from '../engine-host.ts';
import { diffBaseUrls, readBaseUrlChanges, recordBaseUrlChanges, requireConfirmation } from './base-url-changes.ts';
import type { FeatureHandlers, ServiceDeps } from './types.ts';
import { priceTableInfo } from '../commands/price-table.ts';

type Settings = z.output<typeof SettingsSchema>;

const KEYS = { ...SETTING_KEYS, pollIntervalMs: 'poll_interval_ms', notifications: 'notifications' } as const;

export function readSettings(host: EngineHost): Settings {
  const { settings } = host.store;
  const effective = Math.min(3_600_000, Math.max(1000, host.ctx.settings.pollIntervalMs));
  return {
    base_urls: settings.get<Settings['base_urls']>(KEYS.baseUrls) ?? {},
    poll_interval_ms: settings.get<number>(KEYS.pollIntervalMs) ?? effective,
    price_overrides: settings.get<Settings['price_overrides']>(KEYS.priceOverrides) ?? {},
    notifications: settings.get<boolean>(KEYS.notifications) ?? true,
    max_enqueued_tokens: settings.get<Settings['max_enqueued_tokens']>(MAX_ENQUEUED_TOKENS_SETTING) ?? {},
    data_folder: host.dataFolder,
    base_url_changes: readBaseUrlChanges(host),
    price_table: priceTableInfo(host),
  };
}

/** The stored poll interval drives the monitor, unless BATCHDESK_POLL_INTERVAL_MS says otherwise. */
export function applyPollInterval(host: EngineHost): void {
  const stored = host.store.settings.get<number>(KEYS.pollIntervalMs);
  if (stored === undefined || host.env.BATCHDESK_POLL_INTERVAL_MS) return;
  const next = settingsFromEnv({ BATCHDESK_POLL_INTERVAL_MS: String(stored) }, host.ctx.settings);
  host.ctx.settings.pollIntervalMs = next.pollIntervalMs;
  host.ctx.settings.maxPollIntervalMs = next.maxPollIntervalMs;
}

export function settingsHandlers(deps: ServiceDeps): FeatureHandlers<'settings.get' | 'settings.update'> {
  const { host, platform } = deps;
  return {
    'settings.get': async () => readSettings(host),
    'settings.update': async (changes) => {
      if (changes.data_folder !== undefined && changes.data_folder !== host.dataFolder) {
        throw new InputError('the data folder is chosen when Batchdesk starts: use --home DIR or the BATCHDESK_HOME environment variable');
      }
      const { settings } = host.store;
      const baseUrlDiffs = changes.base_urls === undefined ? [] : diffBaseUrls(readSettings(host).base_urls, changes.base_urls);
      if (platform.confirmKeyDestinations) requireConfirmation(baseUrlDiffs, changes.confirm_base_url_change === true);
      host.store.tx(() => {
        if (changes.base_urls !== undefined) settings.set(KEYS.baseUrls, changes.base_urls);
        recordBaseUrlChanges(host, baseUrlDiffs, platform.face ?? 'this computer');
        if (changes.price_overrides !== undefined) settings.set(KEYS.priceOverrides, changes.price_overrides);
        if (changes.poll_interval_ms !== undefined) settings.set(KEYS.pollIntervalMs, changes.poll_interval_ms);
        if (changes.notifications !== undefined) settings.set(KEYS.notifications, changes.notifications);
        if (changes.max_enqueued_tokens !== undefined) settings.set(MAX_ENQUEUED_TOKENS_SETTING, changes.max_enqueued_tokens);
      });
      if (changes.base_urls !== undefined || changes.price_overrides !== undefined) host.refreshProviders();
      if (changes.poll_interval_ms !== undefined) applyPollInterval(host);
      host.monitor.poke();
      return readSettings(host);
    },
  };
}
