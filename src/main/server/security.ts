// The local server's guards, as Jupyter has them: random tokens (256 bits) compared in constant time, sent only
// as `Authorization: Bearer` (never in a cookie: cookies are not scoped by port, so every other local web app
// would receive one). Two scopes: the admin token opens the UI's API (/api) and the gateway; the gateway token
// opens /v1 only. The Host header must name this server (against DNS rebinding) and a present Origin must be this
// server (against CSRF). No CORS headers are ever sent, so other origins cannot read anything.
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';

export type Scope = 'admin' | 'gateway';

export interface AccessTokens {
  admin: string;
  gateway: string;
}

/** What a fixed token (BATCHDESK_SERVE_TOKEN, BATCHDESK_GATEWAY_TOKEN) must look like. */
export const TOKEN_PATTERN = /^[A-Za-z0-9_-]{32,512}$/;

export function newToken(): string {
  return randomBytes(32).toString('base64url');
}

export function sameToken(given: string | null | undefined, token: string): boolean {
  if (typeof given !== 'string' || given.length === 0 || given.length > 1024) return false;
  const digest = (text: string) => createHash('sha256').update(text).digest();
  return timingSafeEqual(digest(given), digest(token));
}

export function bearerToken(req: IncomingMessage): string | null {
  const match = /^Bearer\s+(\S+)\s*$/i.exec(req.headers.authorization ?? '');
  return match ? match[1]! : null;
}

/** The scope of the Bearer token the request carries, or null when it carries none of ours. */
export function scopeOf(req: IncomingMessage, tokens: AccessTokens): Scope | null {
  const given = bearerToken(req);
  // Both comparisons always run, so the time taken says nothing about which token was close.
  const admin = sameToken(given, tokens.admin);
  const gateway = sameToken(given, tokens.gateway);
  return admin ? 'admin' : gateway ? 'gateway' : null;
}

export function allowedHosts(port: number): string[] {
  return [`127.0.0.1:${port}`, `localhost:${port}`];
}

/** Host must be this server by its loopback name; a present Origin must be the same server. */
export function originProblem(req: IncomingMessage, port: number): string | null {
  const host = req.headers.host?.toLowerCase();
  if (!host || !allowedHosts(port).includes(host)) return 'this server only answers to 127.0.0.1 or localhost';
  const origin = req.headers.origin;
  if (origin !== undefined && origin.toLowerCase() !== `http://${host}`) return 'cross-origin requests are refused';
  return null;
}

/** The renderer's CSP in the browser: our own scripts, styles and API only. */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "font-src 'self'",
  "connect-src 'self'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
  "object-src 'none'",
].join('; ');

export const COMMON_HEADERS: Record<string, string> = {
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'no-referrer',
  'x-frame-options': 'DENY',
  'cross-origin-resource-policy': 'same-origin',
  'cross-origin-opener-policy': 'same-origin',
};
