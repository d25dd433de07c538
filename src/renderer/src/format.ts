// How numbers, money, sizes and times read in the UI.
export function usd(value: number | null | undefined): string {
  if (value === null || value === undefined) return 'unknown';
  if (value === 0) return '$0.00';
  if (Math.abs(value) < 0.0001) return `$${value.toPrecision(2)}`;
  if (Math.abs(value) < 0.01) return `$${value.toFixed(4)}`;
  return `$${value.toLocaleString('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 })}`;
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
  return `$${value.toFixed(value < 1 ? 3 : 2)}/1M`;
}

export function contextSize(tokens: number): string {
  return tokens >= 1_000_000 ? `${tokens / 1_000_000}M` : `${Math.round(tokens / 1000)}k`;
}

/** JSON for reading: long strings (base64 file data) shortened so a request stays legible. */
export function readableJson(value: unknown, maxString = 400): string {
  return JSON.stringify(
    value,
    (_key, v: unknown) =>
      typeof v === 'string' && v.length > maxString
        ? `${v.slice(0, 80)}… (${count(v.length)} characters)`
        : v,
    2,
  );
}
