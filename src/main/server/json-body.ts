// Client input that must never become a 500: a body nested deeper than any real request (a 3,000-deep "schema"
// would overflow the stack of every recursive walker behind the door), and a path with a malformed %-escape.
// Both are refused up front with 400; the caller words the refusal in its route's error shape.

/** Deeper than any JSON Schema or run input a person writes, far below what a recursive walk can survive. */
export const MAX_JSON_DEPTH = 100;

export class ClientInputError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ClientInputError';
  }
}

/** How deeply `text` nests arrays and objects, counted without parsing (strings are skipped). */
export function jsonDepth(text: string): number {
  let depth = 0;
  let deepest = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 0x5c) i++; // backslash: skip the escaped character
      else if (c === 0x22) inString = false;
    } else if (c === 0x22) inString = true;
    else if (c === 0x7b || c === 0x5b) deepest = Math.max(deepest, ++depth);
    else if (c === 0x7d || c === 0x5d) depth--;
  }
  return deepest;
}

/** JSON.parse with a depth limit; ClientInputError names what is wrong. */
export function parseJsonBody(text: string): unknown {
  if (jsonDepth(text) > MAX_JSON_DEPTH) throw new ClientInputError(`the JSON body nests deeper than ${MAX_JSON_DEPTH} levels`);
  try {
    return JSON.parse(text);
  } catch {
    throw new ClientInputError('the body is not valid JSON');
  }
}

/** decodeURIComponent that refuses a malformed %-escape with ClientInputError instead of a URIError. */
export function decodePathPart(part: string): string {
  try {
    return decodeURIComponent(part);
  } catch {
    throw new ClientInputError(`the path has a malformed %-escape: "${part.slice(0, 80)}"`);
  }
}
