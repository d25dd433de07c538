// One mapping from a provider's error (HTTP status, error code or type, message) to our error categories.
import type { ErrorCategory } from '../../shared/domain.ts';

const BY_CODE: [RegExp, ErrorCategory][] = [
  [/rate.?limit|too_many|quota|resource_exhausted|overloaded/i, 'rate_limit'],
  [/auth|permission|api.?key|unauthenticated|forbidden/i, 'authentication'],
  [/expire/i, 'expired'],
  [/cancel/i, 'cancelled'],
  [/content.?(filter|policy)|safety|blocked|moderation|recitation/i, 'content_filter'],
  [/invalid|not.?found|bad.?request|malformed|unsupported|too.?long|context.?length|validation/i, 'invalid_request'],
  [/server|internal|unavailable|timeout|api_error/i, 'server'],
];

export function categorizeError(input: { status?: number | null; code?: string | null; message?: string | null }): ErrorCategory {
  const { status } = input;
  if (status === 429) return 'rate_limit';
  if (status === 401 || status === 403) return 'authentication';
  if (status != null && status >= 500) return 'server';
  const text = `${input.code ?? ''} ${input.message ?? ''}`;
  for (const [pattern, category] of BY_CODE) if (pattern.test(text)) return category;
  if (status != null && status >= 400) return 'invalid_request';
  return 'other';
}
