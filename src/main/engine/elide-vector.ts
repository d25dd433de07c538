// A result line's raw text with its vector left out: the vector is stored once, as float32 bytes (results.embedding);
// kept in the raw JSON text as well it would take 10–20 bytes a dimension again. The provider's own file under the
// run's folder still holds the line whole.

/** Runs of at least this many numbers are vectors, whatever the provider's wire shape. */
const MIN_ELIDED = 16;
const NUMBER_LIST = /\[\s*-?\d[\d.eE+\-,\s]*\]/g;

export function elideVector(raw: string, dimensions: number): string {
  if (dimensions < MIN_ELIDED) return raw;
  return raw.replace(NUMBER_LIST, (list) => (commas(list) + 1 === dimensions ? JSON.stringify(`${dimensions} float32 values (stored in results.embedding)`) : list));
}

function commas(text: string): number {
  let count = 0;
  for (let at = text.indexOf(','); at >= 0; at = text.indexOf(',', at + 1)) count += 1;
  return count;
}
