// The common face of the three stateful fake provider servers, so engine, CLI and crash tests can drive any
// of them the same way.
import type { FakeClock, FakeHttpServer } from './fake-http.ts';

export interface FakeScenario {
  /** Time each batch spends in each phase on the fake clock. */
  validatingMs: number;
  inProgressMs: number;
  finalizingMs: number;
  /**
   * complete: every request answered (a request whose text contains [[fail]] gets an error result).
   * expire_partial: the batch expires with `partialFraction` of its requests answered.
   * fail_all: every line fails (OpenAI: error file only; Gemini/Anthropic: every result errored).
   * fail_validation: the batch itself fails validation (OpenAI `failed` with errors and line numbers).
   */
  outcome: 'complete' | 'expire_partial' | 'fail_all' | 'fail_validation';
  /** Fraction of requests finished when a batch expires or is cancelled midway. */
  partialFraction: number;
  /** Return result lines in reverse order. */
  outOfOrder: boolean;
  /** Advance the fake clock by this much on every status read (lets a child process drive time). */
  autoAdvanceMs: number;
  /** Bill every answer this many output tokens (OpenAI fake), as a verbose model would; default: the answer's own. */
  outputTokens?: number;
  /**
   * OpenAI: most input tokens enqueued per model (batches not yet ended); a batch that would go over fails
   * validation with `token_limit_exceeded`, as OpenAI's do. null = no limit.
   */
  enqueuedTokenLimit: number | null;
  /** Gemini: inline responses echo each request's metadata (its key); false = they come back in order only. */
  echoInlineMetadata: boolean;
}

export const DEFAULT_SCENARIO: FakeScenario = {
  validatingMs: 1_000,
  inProgressMs: 10_000,
  finalizingMs: 1_000,
  outcome: 'complete',
  partialFraction: 0.5,
  outOfOrder: false,
  autoAdvanceMs: 0,
  enqueuedTokenLimit: null,
  echoInlineMetadata: true,
};

export interface FakeProviderServer {
  readonly http: FakeHttpServer;
  readonly clock: FakeClock;
  /** Base URL to hand the SDK (what OPENAI_BASE_URL / ANTHROPIC_BASE_URL / GEMINI_BASE_URL would hold). */
  readonly url: string;
  scenario: FakeScenario;
  /** How many remote batches were ever created: the fake's own log, for duplicate counting. */
  batchesCreated(): number;
  /** Every request body the fake received, raw (for the key canary and request-shape checks). */
  receivedBodies(): string[];
  close(): Promise<void>;
}
