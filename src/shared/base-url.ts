// A provider's base URL is where its API key is sent. Plain http is only for this machine (a local proxy, a fake
// server in tests); anything else must be https, so the key never crosses a network in clear text.
import { z } from 'zod';

/** 127.0.0.0/8, ::1 and localhost: addresses that never leave this machine. */
export function isLoopbackHost(hostname: string): boolean {
  const host = hostname.toLowerCase().replace(/^\[|\]$/g, '');
  return host === 'localhost' || host === '::1' || /^127(\.\d{1,3}){3}$/.test(host);
}

export function baseUrlProblem(value: string): string | null {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return `"${value.slice(0, 200)}" is not a URL: it must start with https:// (or http:// for this machine only)`;
  }
  if (url.protocol === 'https:') return null;
  if (url.protocol === 'http:' && isLoopbackHost(url.hostname)) return null;
  if (url.protocol === 'http:') return `${url.origin} is not on this machine: a base URL elsewhere must use https://, so the API key is never sent in clear text`;
  return `"${value.slice(0, 200)}" must start with https:// (or http:// for this machine only)`;
}

export const BaseUrlSchema = z.string().superRefine((value, ctx) => {
  const problem = baseUrlProblem(value);
  if (problem) ctx.addIssue({ code: 'custom', message: problem });
});
