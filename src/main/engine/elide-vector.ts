// A result line's raw text with its vector left out: the vector is stored once, as float32 bytes (results.embedding);
// kept in the raw JSON text as well it would take 10–20 bytes a dimension again. The provider's own file under the
// run's folder still holds the line whole. Provider-agnostic: the vector is the JSON array of exactly `dimensions`
// numbers (found with indexOf, which scans a 30 KB line far faster than a regular expression).

/** Arrays shorter than this are left alone (they are not worth finding). */
const MIN_ELIDED = 16;

function isNumberStart(code: number): boolean {
  return code === 45 /* - */ || (code >= 48 && code <= 57);
}

function commasBetween(text: string, from: number, to: number): number {
  let count = 0;
  for (let at = text.indexOf(',', from); at >= 0 && at < to; at = text.indexOf(',', at + 1)) count += 1;
  return count;
}

export function elideVector(raw: string, dimensions: number): string {
  if (dimensions < MIN_ELIDED) return raw;
  for (let open = raw.indexOf('['); open >= 0; open = raw.indexOf('[', open + 1)) {
    let first = open + 1;
    while (raw.charCodeAt(first) === 32) first += 1;
    if (!isNumberStart(raw.charCodeAt(first))) continue;
    const close = raw.indexOf(']', first);
    if (close < 0) return raw;
    const nested = raw.indexOf('[', first);
    const quote = raw.indexOf('"', first);
    const brace = raw.indexOf('{', first);
    if ((nested >= 0 && nested < close) || (quote >= 0 && quote < close) || (brace >= 0 && brace < close)) continue;
    if (commasBetween(raw, first, close) + 1 !== dimensions) continue;
    return `${raw.slice(0, open)}${JSON.stringify(`${dimensions} float32 values (stored in results.embedding)`)}${raw.slice(close + 1)}`;
  }
  return raw;
}
