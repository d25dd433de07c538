// All three fake provider servers at once, with their clocks following real time (so a CLI child process,
// which uses the system clock, agrees with them) and each status read moving a batch forward.
import { FakeClock } from '../fakes/fake-http.ts';
import { startAnthropicFake } from '../fakes/anthropic-server.ts';
import { startGeminiFake } from '../fakes/gemini-server.ts';
import { startOpenAIFake } from '../fakes/openai-server.ts';
import type { FakeProviderServer, FakeScenario } from '../fakes/types.ts';

export interface Fakes {
  openai: FakeProviderServer;
  anthropic: FakeProviderServer;
  gemini: FakeProviderServer;
  /** Environment that points the SDKs at the fakes, with test keys. */
  env: Record<string, string>;
  close(): Promise<void>;
}

export async function startFakes(scenario: Partial<FakeScenario> = {}, keys = { openai: 'sk-test-openai', anthropic: 'sk-ant-test', gemini: 'gemini-test-key' }): Promise<Fakes> {
  const options = () => ({ clock: new FakeClock(Date.now()), scenario: { validatingMs: 1000, inProgressMs: 3000, finalizingMs: 1000, autoAdvanceMs: 1500, ...scenario } });
  const [openai, anthropic, gemini] = await Promise.all([startOpenAIFake(options()), startAnthropicFake(options()), startGeminiFake(options())]);
  return {
    openai,
    anthropic,
    gemini,
    env: {
      OPENAI_BASE_URL: openai.url,
      OPENAI_API_KEY: keys.openai,
      ANTHROPIC_BASE_URL: anthropic.url,
      ANTHROPIC_API_KEY: keys.anthropic,
      GEMINI_BASE_URL: gemini.url,
      GEMINI_API_KEY: keys.gemini,
    },
    close: async () => {
      await Promise.all([openai.close(), anthropic.close(), gemini.close()]);
    },
  };
}
