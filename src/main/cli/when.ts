// --at TIME: an ISO date-time, "HH:MM" (the next time the clock shows it, e.g. tonight at 02:00), or "+DURATION".
import { parseDuration } from '../api/duration.ts';
import { UsageError } from './io.ts';

export function parseAt(text: string, now: number): number {
  const trimmed = text.trim();
  if (trimmed.startsWith('+')) return now + parseDuration(trimmed.slice(1));
  const clock = /^(\d{1,2}):(\d{2})$/.exec(trimmed);
  if (clock) {
    const date = new Date(now);
    date.setHours(Number(clock[1]), Number(clock[2]), 0, 0);
    if (date.getTime() <= now) date.setDate(date.getDate() + 1);
    return date.getTime();
  }
  const parsed = Date.parse(trimmed);
  if (Number.isFinite(parsed)) return parsed;
  throw new UsageError(`--at "${text}": write an ISO time (2026-11-24T02:00), a clock time (02:00) or +DURATION (+2h)`);
}

export function parsePilot(text: string): number {
  const percent = /^(\d+(?:\.\d+)?)%$/.exec(text.trim());
  if (percent) {
    const fraction = Number(percent[1]) / 100;
    if (fraction > 0 && fraction < 1) return fraction;
  } else if (/^\d+$/.test(text.trim()) && Number(text) > 0) return Number(text);
  throw new UsageError(`--pilot "${text}": give a number of jobs (10) or a percentage (5%)`);
}
