// A result line's raw text with its vector left out: the vector is stored once, as float32 bytes (results.embedding);
// kept in the raw JSON text as well it would take 10–20 bytes a dimension again. The provider's own file under the
// run's folder still holds the line whole.

/** Runs of at least this many numbers are vectors, whatever the provider's wire shape. */
const MIN_ELIDED = 16;
const NUMBER_LIST = /\[\s*-?\d[\d.eE+\-,\s]*\]/g;

export function elideVector(raw: string, dimensions: number): string {
  if (dimensions < MIN_ELIDED) return raw;
  return raw.replace(NUMBER_LIST, (list) => {
    const count = list.split(',').length;
    return count === dimensions ? JSON.stringify(`${dimensions} float32 values (stored in results.embedding)`) : list;
  });
}
