// How long each batch API works on a batch before it gives up on the unfinished part (its completion window),
// counted from submission. The UI shows the expiry with a countdown; the engine warns before it.
import type { ProviderName } from '../../shared/domain.ts';

const HOUR = 3600_000;

export const COMPLETION_WINDOW_MS: Record<ProviderName, number> = {
  // completion_window "24h", the only value the Batch API takes (https://platform.openai.com/docs/api-reference/batch/create).
  openai: 24 * HOUR,
  // "a batch expires if not all requests finish within 24 hours" (https://platform.claude.com/docs/en/build-with-claude/batch-processing).
  anthropic: 24 * HOUR,
  // "the target turnaround time is 24 hours" for Batch Mode (https://ai.google.dev/gemini-api/docs/batch-mode); we use it as the window.
  gemini: 24 * HOUR,
  // The demo provider simulates a real API's window.
  demo: 24 * HOUR,
};
