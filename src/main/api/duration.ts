// Durations as people write them: "90s", "30m", "2h", "1h30m", "1d", or a number of milliseconds.
const UNIT_MS: Record<string, number> = { ms: 1, s: 1e3, m: 6e4, h: 36e5, d: 864e5 };

export function parseDuration(text: string): number {
  const trimmed = text.trim();
  if (/^\d+$/.test(trimmed)) return Number(trimmed);
  const parts = [...trimmed.matchAll(/(\d+(?:\.\d+)?)\s*(ms|s|m|h|d)/g)];
  if (!parts.length || parts.map((p) => p[0]).join('') !== trimmed.replace(/\s+/g, '')) {
    throw new Error(`"${text}" is not a duration: write e.g. 90s, 30m, 2h, 1h30m or 1d`);
  }
  return parts.reduce((total, [, value, unit]) => total + Number(value) * UNIT_MS[unit!]!, 0);
}
