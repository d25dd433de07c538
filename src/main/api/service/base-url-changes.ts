// A base URL says where a provider's API key is sent, so changing one is guarded and kept in view: over HTTP it
// needs an explicit confirmation (platform.confirmKeyDestinations), and every change, from any face, is written to
// a settings-change log (shown in Settings) and as a warning on the timeline of each live run that uses the
// provider (its next requests go to the new address). The log lives in the settings table: events belong to runs.
import type { z } from 'zod';
import type { BaseUrlChangeSchema, RealProviderSchema } from '../../../shared/contract.ts';
import type { RunStatus } from '../../../shared/domain.ts';
import { InputError } from '../../core/errors.ts';
import type { EngineHost } from '../engine-host.ts';

type BaseUrlChange = z.output<typeof BaseUrlChangeSchema>;
type RealProvider = z.output<typeof RealProviderSchema>;
type BaseUrls = Partial<Record<RealProvider, string>>;

const LOG_KEY = 'base_url_changes';
const LOG_LIMIT = 50;
const LIVE_RUN_STATUSES: readonly RunStatus[] = ['scheduled', 'running', 'awaiting_release', 'cancelling'];
const PROVIDERS: readonly RealProvider[] = ['openai', 'anthropic', 'gemini'];

export type BaseUrlDiff = Pick<BaseUrlChange, 'provider' | 'from' | 'to'>;

export function diffBaseUrls(before: BaseUrls, after: BaseUrls): BaseUrlDiff[] {
  return PROVIDERS.filter((p) => (before[p] ?? null) !== (after[p] ?? null)).map((provider) => ({ provider, from: before[provider] ?? null, to: after[provider] ?? null }));
}

const destination = (to: string | null) => to ?? "the provider's own API";

/** Refuse an unconfirmed change where the face asks for confirmation; the message says what would happen. */
export function requireConfirmation(diffs: BaseUrlDiff[], confirmed: boolean): void {
  if (diffs.length === 0 || confirmed) return;
  throw new InputError(
    diffs.map((d) => `changing the ${d.provider} base URL sends your ${d.provider} API key to ${destination(d.to)}: confirm it with "confirm_base_url_change": true (in Settings, tick the confirmation)`),
  );
}

export function readBaseUrlChanges(host: EngineHost): BaseUrlChange[] {
  return host.store.settings.get<BaseUrlChange[]>(LOG_KEY) ?? [];
}

/** Log the changes and warn each live run of an affected provider. Call inside the settings transaction. */
export function recordBaseUrlChanges(host: EngineHost, diffs: BaseUrlDiff[], via: string): void {
  if (diffs.length === 0) return;
  const { store, clock, events } = host.ctx;
  const at = clock.now();
  const entries = diffs.map((d) => ({ at, ...d, via }));
  store.settings.set(LOG_KEY, [...entries, ...readBaseUrlChanges(host)].slice(0, LOG_LIMIT));
  for (const run of store.runs.withStatus(LIVE_RUN_STATUSES)) {
    const providers = new Set(store.jobs.models(run.id).map((model) => model.slice(0, model.indexOf('/'))));
    for (const d of diffs.filter((change) => providers.has(change.provider))) {
      const message = `the ${d.provider} base URL was changed (${via}) from ${destination(d.from)} to ${destination(d.to)}: this run's requests not yet sent go to the new address`;
      events.record(store, at, { type: 'warning', run_id: run.id, provider_batch_id: null, code: 'base_url_changed', message });
    }
  }
}
