// How a failed provider call is read: transient (retry later, never mark anything failed), ambiguous for a create
// (it may have happened: reconcile by listing), or final (the provider refused the request).
export interface CallFailure {
  transient: boolean;
  status: number | null;
  retryAfterMs: number | null;
  message: string;
}

function headerValue(headers: unknown, name: string): string | null {
  if (!headers) return null;
  if (typeof (headers as Headers).get === 'function') return (headers as Headers).get(name);
  const value = (headers as Record<string, unknown>)[name];
  return typeof value === 'string' ? value : null;
}

/** Retry-After as seconds or an HTTP date. */
export function parseRetryAfter(value: string | null, now: number): number | null {
  if (!value) return null;
  const seconds = Number(value);
  if (Number.isFinite(seconds)) return Math.max(0, seconds * 1000);
  const date = Date.parse(value);
  return Number.isFinite(date) ? Math.max(0, date - now) : null;
}

/**
 * Google's APIs send no Retry-After header: a 429 carries google.rpc.RetryInfo {retryDelay: "37s"} in its JSON
 * body, which @google/genai puts into the error message.
 */
function retryDelayOf(message: string): number | null {
  const match = /"retryDelay"\s*:\s*"(\d+(?:\.\d+)?)s"/.exec(message);
  return match ? Number(match[1]) * 1000 : null;
}

export function readFailure(error: unknown, now: number): CallFailure {
  const e = error as { status?: unknown; code?: unknown; headers?: unknown; message?: unknown; name?: unknown; cause?: unknown };
  const status = typeof e?.status === 'number' ? e.status : null;
  const message = typeof e?.message === 'string' ? e.message : String(error);
  const retryAfterMs = parseRetryAfter(headerValue(e?.headers, 'retry-after'), now) ?? retryDelayOf(message);
  const network =
    status === null &&
    (/timeout|timed out|ECONNRESET|ECONNREFUSED|EPIPE|socket|network|fetch failed|aborted|connection/i.test(message) ||
      /Connection|Timeout|Abort/i.test(String(e?.name ?? '')));
  const transient = network || status === 408 || status === 409 || status === 429 || (status !== null && status >= 500);
  return { transient, status, retryAfterMs, message: redactKeys(message) };
}

/** Keys never reach logs or error messages, even when an SDK echoes one back. */
export function redactKeys(text: string): string {
  return text.replace(/\b(sk-[A-Za-z0-9_-]{6})[A-Za-z0-9_-]+/g, '$1…').replace(/\b(AIza[A-Za-z0-9_-]{4})[A-Za-z0-9_-]+/g, '$1…');
}
