// The sizes past which no provider takes a file at all (per-provider limits are checked by each adapter, naming
// its own limit, once the model is known).
const MB = 1024 * 1024;

/** The largest PDF or image any provider takes in one request (OpenAI: 50 MB per file; Anthropic 32 MB, Gemini 20 MB inline). */
export const MAX_BINARY_BYTES = 50 * MB;
/** Text beyond this is well over a million tokens: more than any model's context. */
export const MAX_TEXT_BYTES = 4 * MB;

export function megabytes(bytes: number): string {
  return `${(bytes / MB).toFixed(1)} MB`;
}
