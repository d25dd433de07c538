// How numbers, money, sizes and times read in the UI: one formatter for each, used by every screen.
import { abridgedString } from '../../shared/abridge.ts';

/**
 * Money: two significant digits below $1 ($0.0058, $0.45), cents from $1 ($12.30, $1,204.00). Never in scientific
 * notation, never cut: "$0.000045", not "$4.5e-5" or "$0.00".
 */
export function usd(value: number | null | undefined): string {
  if (value === null || value === undefined) return 'unknown';
  if (value === 0) return '$0.00';
  const sign = value < 0 ? '−' : '';
  const abs = Math.abs(value);
  const small = Number(abs.toPrecision(2));
  if (small < 1) {
    const decimals = Math.max(2, 1 - Math.floor(Math.log10(small)));
    return `${sign}$${small.toFixed(decimals)}`;
  }
  return `${sign}$${abs.toLocaleString('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 })}`;
}

export { plural } from '../../shared/plural.ts';

/** A span of time as people say it: "45 s", "12 min", "3 h 20 min", "2 d 4 h". */
export function duration(ms: number): string {
  const s = Math.max(0, Math.round(ms / 1000));
  if (s < 60) return `${s} s`;
  const min = Math.round(s / 60);
  if (min < 60) return `${min} min`;
  const h = Math.floor(min / 60);
  if (h < 48) return min % 60 ? `${h} h ${min % 60} min` : `${h} h`;
  return `${Math.floor(h / 24)} d ${h % 24} h`;
}

/** "in 3 h 20 min" / "4 min ago" relative to now. */
export function relative(at: number, now: number): string {
  return at >= now ? `in ${duration(at - now)}` : `${duration(now - at)} ago`;
}

export function count(value: number): string {
  return value.toLocaleString('en-US');
}

export function bytes(size: number): string {
  if (size < 1024) return `${size} B`;
  const units = ['KB', 'MB', 'GB'];
  let value = size / 1024;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit++;
  }
  return `${value.toFixed(value < 10 ? 1 : 0)} ${units[unit]}`;
}

export function dateTime(ms: number | null | undefined): string {
  if (!ms) return '—';
  return new Date(ms).toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'short' });
}

export function time(ms: number): string {
  return new Date(ms).toLocaleTimeString(undefined, {
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
  });
}

export function percent(part: number, whole: number): number {
  return whole > 0 ? Math.round((part / whole) * 100) : 0;
}

export function tokensPerMillion(value: number): string {
  return `${usd(value)}/1M`;
}

export function contextSize(tokens: number): string {
  return tokens >= 1_000_000 ? `${tokens / 1_000_000}M` : `${Math.round(tokens / 1000)}k`;
}

/** JSON for reading: long strings (base64 file data) shortened so a request stays legible. */
export function readableJson(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) => (typeof v === 'string' ? abridgedString(v) : v), 2);
}
