// What the engine is built from. Collaborators are parameters (DESIGN.md §3): tests pass a manual clock,
// a registry pointed at fake servers, and a store in a temp folder.
import type { Clock } from '../core/clock.ts';
import type { ProviderRegistry } from '../providers/registry.ts';
import type { Store } from '../store/store.ts';
import { EngineEvents } from './events.ts';

export interface EngineSettings {
  /** First poll interval of a fresh provider batch. */
  pollIntervalMs: number;
  /** Slowest poll interval for long-running batches. */
  maxPollIntervalMs: number;
  /** How long a monitor's lease lasts without renewal. */
  leaseMs: number;
  /** Cap on provider calls in flight at once. */
  maxConcurrentCalls: number;
  /** Warn when a batch has been in flight this long (providers expire at 24 h). */
  longRunningWarnMs: number;
  /** Most attempts per job (first run + retries). */
  maxAttempts: number;
  /**
   * Results stored per ingest transaction (a crash mid-ingest keeps the chunks already committed). Small enough
   * that a chunk's lines die young in V8's heap: 2,000 raised peak RSS by ~30 MB at no gain in speed.
   */
  ingestChunkSize: number;
}

export const DEFAULT_SETTINGS: EngineSettings = {
  pollIntervalMs: 30_000,
  maxPollIntervalMs: 10 * 60_000,
  leaseMs: 30_000,
  maxConcurrentCalls: 4,
  longRunningWarnMs: 20 * 3600_000,
  maxAttempts: 3,
  ingestChunkSize: 500,
};

export function settingsFromEnv(env: NodeJS.ProcessEnv = process.env, base: EngineSettings = DEFAULT_SETTINGS): EngineSettings {
  const poll = Number(env.BATCHDESK_POLL_INTERVAL_MS);
  const lease = Number(env.BATCHDESK_LEASE_MS);
  const chunk = Number(env.BATCHDESK_INGEST_CHUNK);
  return {
    ...base,
    ...(Number.isInteger(chunk) && chunk > 0 ? { ingestChunkSize: chunk } : {}),
    ...(Number.isFinite(poll) && poll > 0 ? { pollIntervalMs: poll, maxPollIntervalMs: Math.max(poll, Math.min(base.maxPollIntervalMs, poll * 20)) } : {}),
    ...(Number.isFinite(lease) && lease > 0 ? { leaseMs: lease } : {}),
  };
}

export interface EngineContext {
  store: Store;
  registry: ProviderRegistry;
  clock: Clock;
  events: EngineEvents;
  settings: EngineSettings;
}

export function createContext(parts: Omit<EngineContext, 'events' | 'settings'> & Partial<Pick<EngineContext, 'events' | 'settings'>>): EngineContext {
  return { events: new EngineEvents(), settings: DEFAULT_SETTINGS, ...parts };
}
