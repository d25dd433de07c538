// Long strings in a request shown to a person (a 4 MB text file, base64 file data): the start and the length, so
// the request stays legible and small. The estimate's preview of requests is abridged where it is made, so a huge
// input never travels whole to the screen; the UI's JSON view uses the same rule for everything it shows.

/** Strings longer than this are abridged. */
const LONGEST_SHOWN_CHARS = 400;
/** How much of an abridged string is kept. */
const KEPT_CHARS = 80;

export function abridgedString(text: string): string {
  return text.length > LONGEST_SHOWN_CHARS ? `${text.slice(0, KEPT_CHARS)}… (${text.length.toLocaleString('en-US')} characters)` : text;
}

/** A copy of a JSON value with every long string abridged. */
export function abridgedStrings(value: unknown): unknown {
  if (typeof value === 'string') return abridgedString(value);
  if (Array.isArray(value)) return value.map(abridgedStrings);
  if (value !== null && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([key, v]) => [key, abridgedStrings(v)]));
  return value;
}
