// An in-process engine (EngineHost on a temp data folder, ManualClock) against one fake provider server whose
// clock moves with the engine's, so tests drive provider time and monitor passes themselves.
import { ManualClock } from '../../../src/main/core/clock.ts';
import { EngineHost } from '../../../src/main/api/engine-host.ts';
import { storeRun, type RunDraft } from '../../../src/main/engine/create-run.ts';
import type { EngineSettings } from '../../../src/main/engine/context.ts';
import type { JobRow } from '../../../src/main/store/repositories/jobs.ts';
import type { JobSpec } from '../../../src/shared/domain.ts';
import { FakeClock } from '../../fakes/fake-http.ts';
import { startAnthropicFake } from '../../fakes/anthropic-server.ts';
import { startGeminiFake } from '../../fakes/gemini-server.ts';
import { startOpenAIFake } from '../../fakes/openai-server.ts';
import type { FakeProviderServer, FakeScenario } from '../../fakes/types.ts';
import { cleanEnv, tempDir } from '../../helpers/cli.ts';

export type FakeProvider = 'openai' | 'anthropic' | 'gemini';
export const FAKE_PROVIDERS: FakeProvider[] = ['openai', 'anthropic', 'gemini'];

export const MODEL: Record<FakeProvider | 'demo', string> = {
  openai: 'openai/gpt-4.1-mini',
  anthropic: 'anthropic/claude-haiku-4-5',
  gemini: 'gemini/gemini-3.8-flash',
  demo: 'demo/echo',
};

const START = { openai: startOpenAIFake, anthropic: startAnthropicFake, gemini: startGeminiFake };
const ENV: Record<FakeProvider, [string, string, string]> = {
  openai: ['OPENAI_BASE_URL', 'OPENAI_API_KEY', 'sk-test-openai'],
  anthropic: ['ANTHROPIC_BASE_URL', 'ANTHROPIC_API_KEY', 'sk-ant-test'],
  gemini: ['GEMINI_BASE_URL', 'GEMINI_API_KEY', 'gemini-test-key'],
};

/** The fake's base URL and key as environment variables. */
export function fakeEnv(provider: FakeProvider, fake: FakeProviderServer, key?: string): Record<string, string> {
  const [urlVar, keyVar, defaultKey] = ENV[provider];
  return { [urlVar]: fake.url, [keyVar]: key ?? defaultKey };
}

export function jobs(count: number, model: string, text = (i: number) => `item ${i}: a short text to summarise`): JobSpec[] {
  return Array.from({ length: count }, (_, i) => ({ id: `j${i}`, label: `item-${i}`, model, endpoint: 'chat', params: { max_tokens: 50 }, messages: [{ role: 'user', content: text(i) }] }));
}

export interface FakeEngine {
  host: EngineHost;
  clock: ManualClock;
  fake: FakeProviderServer;
  home: string;
  create(draft: Omit<RunDraft, 'jobs'> & { jobs?: JobSpec[]; count?: number }): Promise<string>;
  /** Move both clocks. */
  advance(ms: number): void;
  /** Monitor passes with `stepMs` of time between them, until `done()` or `maxMs` of engine time. */
  runUntil(done: () => boolean, maxMs?: number, stepMs?: number): Promise<void>;
  jobsOf(runId: string): JobRow[];
  close(): Promise<void>;
}

export async function fakeEngine(
  provider: FakeProvider,
  scenario: Partial<FakeScenario> = {},
  options: { env?: Record<string, string>; settings?: Partial<EngineSettings> } = {},
): Promise<FakeEngine> {
  const fake = await START[provider]({ clock: new FakeClock(), scenario: { validatingMs: 1_000, inProgressMs: 4_000, finalizingMs: 1_000, ...scenario } });
  const clock = new ManualClock(fake.clock.now());
  const dir = tempDir();
  const host = new EngineHost({
    home: dir.path,
    clock,
    env: cleanEnv({ BATCHDESK_PROVIDER_TIMEOUT_MS: '1000', ...fakeEnv(provider, fake), ...options.env }),
    settings: { pollIntervalMs: 1_000, maxPollIntervalMs: 5_000, ...options.settings },
  });
  const advance = (ms: number) => {
    clock.advance(ms);
    fake.clock.advance(ms);
  };
  return {
    host,
    clock,
    fake,
    home: dir.path,
    async create(draft) {
      const full: RunDraft = { ...draft, jobs: draft.jobs ?? jobs(draft.count ?? 4, MODEL[provider]) };
      return (await storeRun(host.ctx, full, { requireKeys: true })).runId;
    },
    advance,
    async runUntil(done, maxMs = 120_000, stepMs = 1_000) {
      for (let t = 0; t <= maxMs && !done(); t += stepMs) {
        await host.monitor.tick();
        if (done()) break;
        advance(stepMs);
      }
    },
    jobsOf: (runId) => [...host.store.jobs.iterate(runId)],
    async close() {
      await host.close();
      await fake.close();
      dir.cleanup();
    },
  };
}

/** The run has ended (completed, cancelled) or waits for its pilot's release. */
export function settled(engine: FakeEngine, runId: string): boolean {
  const status = engine.host.store.runs.get(runId)?.status;
  return status === 'completed' || status === 'cancelled' || status === 'awaiting_release';
}
