// How a failed provider call is read. Each failure gets a kind that decides what happens next, and a reason in
// words a user can act on:
// - the request itself is refused (validation, not found): permanent, the batch ends with the provider's message;
// - the provider refuses everything for now (key rejected, quota, enqueued-token limit): the provider is blocked,
//   retried with a capped backoff, and the reason shown;
// - it could not be reached or answered with an error of its own (network, timeout, 5xx, 429): retried later.
// For a create, `mayHaveTakenEffect` says whether the batch could exist anyway (reconcile by listing).
import { secretsInUse } from '../core/secrets-in-use.ts';

export type FailureKind =
  | 'network'
  | 'timeout'
  | 'aborted'
  | 'server'
  | 'rate_limit'
  | 'auth'
  | 'quota'
  | 'enqueued_token_limit'
  | 'not_found'
  | 'validation'
  /** Failed here before anything was sent (an unreadable input file, an input the adapter refuses). */
  | 'local';

export interface CallFailure {
  kind: FailureKind;
  /** Worth trying the same call again later: nothing is wrong with the request itself. */
  transient: boolean;
  /** The call may have done what it asked (a create answered 5xx or never answered): settle it by listing. */
  mayHaveTakenEffect: boolean;
  /** The whole provider refuses for now: hold every batch of it, not only this one. */
  blocksProvider: boolean;
  status: number | null;
  retryAfterMs: number | null;
  /** The provider's message, with keys redacted. */
  message: string;
  /** One sentence for the user: why the batch is held up, or why it ended. */
  reason: string;
}

const PERMANENT: ReadonlySet<FailureKind> = new Set(['not_found', 'validation', 'local']);
const PROVIDER_WIDE: ReadonlySet<FailureKind> = new Set(['auth', 'quota', 'enqueued_token_limit']);
const MAYBE_DONE: ReadonlySet<FailureKind> = new Set(['timeout', 'aborted', 'server']);

interface ErrorLike {
  status?: unknown;
  code?: unknown;
  type?: unknown;
  headers?: unknown;
  message?: unknown;
  name?: unknown;
  cause?: unknown;
  error?: unknown;
  address?: unknown;
  port?: unknown;
  hostname?: unknown;
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

/** The error and its causes (an SDK's connection error wraps fetch's TypeError, which wraps the socket error). */
function chain(error: unknown): ErrorLike[] {
  const out: ErrorLike[] = [];
  for (let e = error as ErrorLike | undefined, depth = 0; e && typeof e === 'object' && depth < 6; e = e.cause as ErrorLike | undefined, depth++) out.push(e);
  return out;
}

const SOCKET_CODES: Record<string, string> = {
  ECONNREFUSED: 'connection refused',
  ENOTFOUND: 'no such host',
  EAI_AGAIN: 'the host name could not be looked up',
  EHOSTUNREACH: 'host unreachable',
  ENETUNREACH: 'network unreachable',
  ECONNRESET: 'the connection was reset',
  EPIPE: 'the connection was closed',
  ETIMEDOUT: 'timed out',
  UND_ERR_SOCKET: 'the connection was closed',
  UND_ERR_CONNECT_TIMEOUT: 'timed out connecting',
};
/** Errors that mean the request never reached the provider. */
const NEVER_SENT = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'EHOSTUNREACH', 'ENETUNREACH', 'UND_ERR_CONNECT_TIMEOUT']);

function socketProblem(errors: ErrorLike[]): { code: string; where: string | null } | null {
  for (const e of errors) {
    const code = typeof e.code === 'string' ? e.code : null;
    if (!code || !(code in SOCKET_CODES)) continue;
    const host = typeof e.address === 'string' ? e.address : typeof e.hostname === 'string' ? e.hostname : null;
    const fromMessage = typeof e.message === 'string' ? /(?:ECONNREFUSED|ETIMEDOUT|EHOSTUNREACH|ENETUNREACH)\s+(\S+:\d+)/.exec(e.message)?.[1] : undefined;
    const where = host ? (typeof e.port === 'number' ? `${host}:${e.port}` : host) : (fromMessage ?? null);
    return { code, where };
  }
  return null;
}

function textOf(errors: ErrorLike[]): string {
  return errors.map((e) => `${typeof e.code === 'string' ? e.code : ''} ${typeof e.type === 'string' ? e.type : ''} ${typeof e.message === 'string' ? e.message : ''} ${JSON.stringify(e.error ?? '')}`).join(' ');
}

function kindOf(status: number | null, errors: ErrorLike[], socket: ReturnType<typeof socketProblem>): FailureKind {
  const text = textOf(errors);
  if (/token_limit_exceeded|enqueued token limit/i.test(text)) return 'enqueued_token_limit';
  if (/insufficient_quota|exceeded your current quota|billing|credit balance/i.test(text)) return 'quota';
  // Google answers a wrong key with 400 INVALID_ARGUMENT "API key not valid".
  if (status === 401 || status === 403 || /api key not valid|invalid[_ ]api[_ ]key|incorrect api key|authentication_error|UNAUTHENTICATED|PERMISSION_DENIED/i.test(text)) return 'auth';
  if (status === 404) return 'not_found';
  if (status === 429) return 'rate_limit';
  if (status === 408) return 'timeout';
  if (status !== null && (status >= 500 || status === 409)) return 'server';
  if (status !== null && status >= 400) return 'validation';
  if (socket) return socket.code === 'ETIMEDOUT' || socket.code === 'UND_ERR_CONNECT_TIMEOUT' ? 'timeout' : 'network';
  const names = `${errors.map((e) => String(e.name ?? '')).join(' ')} ${text}`;
  if (/timeout|timed out/i.test(names)) return 'timeout';
  if (/abort/i.test(names)) return 'aborted';
  if (/ECONNRESET|ECONNREFUSED|EPIPE|socket|network|fetch failed|connection/i.test(names)) return 'network';
  return 'local';
}

function reasonOf(kind: FailureKind, provider: string, status: number | null, message: string, socket: ReturnType<typeof socketProblem>): string {
  const code = status !== null ? ` (${status})` : '';
  switch (kind) {
    case 'network':
      return socket ? `cannot reach ${socket.where ?? provider}: ${SOCKET_CODES[socket.code]}` : `cannot reach ${provider}: ${message}`;
    case 'timeout':
      return socket?.where ? `${socket.where} did not answer in time` : `${provider} did not answer in time: ${message}`;
    case 'aborted':
      return `the call to ${provider} was interrupted: ${message}`;
    case 'server':
      return `${provider} answered with an error of its own${code}: ${message}`;
    case 'rate_limit':
      return `${provider} is rate limiting${code}: ${message}`;
    case 'auth':
      return `key rejected by ${provider}${code}: ${message}; set a working key with \`batchdesk keys set ${provider}\` or in Settings`;
    case 'quota':
      return `${provider} quota exhausted${code}: ${message}`;
    case 'enqueued_token_limit':
      return `${provider}'s limit on enqueued tokens is reached${code}: ${message}`;
    case 'not_found':
      return `${provider} answered not found${code}: ${message}`;
    case 'validation':
      return `${provider} refused the request${code}: ${message}`;
    case 'local':
      return `could not send to ${provider}: ${message}`;
  }
}

export function readFailure(error: unknown, now: number, provider = 'the provider'): CallFailure {
  const errors = chain(error);
  const e = errors[0] ?? {};
  const status = typeof e.status === 'number' ? e.status : null;
  const message = redactKeys(typeof e.message === 'string' ? e.message : String(error));
  const retryAfterMs = parseRetryAfter(headerValue(e.headers, 'retry-after'), now) ?? retryDelayOf(message);
  const socket = status === null ? socketProblem(errors) : null;
  const kind = kindOf(status, errors, socket);
  return {
    kind,
    transient: !PERMANENT.has(kind),
    mayHaveTakenEffect: MAYBE_DONE.has(kind) || (kind === 'network' && !(socket && NEVER_SENT.has(socket.code))),
    blocksProvider: PROVIDER_WIDE.has(kind),
    status,
    retryAfterMs,
    message,
    reason: redactKeys(reasonOf(kind, provider, status, message, socket)),
  };
}

/** Keys never reach logs, events, stored rows or error messages, even when a server echoes one back. */
export function redactKeys(text: string): string {
  return secretsInUse.redact(text);
}
